/**
 * Page stamps remembered between requests, so serving a cached page costs no database query.
 * A remembered stamp is used while the store's change mark is the one it was read under (any
 * write through this process moves the mark, and on SQLite so does any other process's commit).
 * Where the mark does not see other processes (PostgreSQL), a stamp is also trusted for at most
 * `trustMs` after it was read: the bound on how long another process's publish can go unseen.
 */
export interface MarkSource {
  changeMark(): string;
  readonly marksOtherWriters: boolean;
}

interface Kept {
  stamp: string;
  readAt: number;
}

export class StampMemo {
  private mark: string | undefined;
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly source: MarkSource,
    readonly trustMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.kept.size;
  }

  /** The stamp under `key` if it is remembered and still trusted; undefined: it must be read. */
  known(key: string): string | undefined {
    if (this.source.changeMark() !== this.mark) return undefined;
    const k = this.kept.get(key);
    return k && this.trusted(k, this.now()) ? k.stamp : undefined;
  }

  /** The stamp under `key`: remembered, or read with `read` (an undefined stamp is not kept). */
  async get(key: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    const mark = this.source.changeMark();
    if (mark !== this.mark) {
      this.kept.clear();
      this.mark = mark;
    }
    const readAt = this.now();
    const k = this.kept.get(key);
    if (k && this.trusted(k, readAt)) return k.stamp;
    const stamp = await read();
    // A write committed while reading may or may not be in what was read: keep it only if none was.
    if (stamp !== undefined && this.source.changeMark() === mark && this.mark === mark) {
      this.kept.delete(key);
      if (this.kept.size >= this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, { stamp, readAt });
    }
    return stamp;
  }

  private trusted(k: Kept, now: number): boolean {
    return this.source.marksOtherWriters || now - k.readAt < this.trustMs;
  }
}
