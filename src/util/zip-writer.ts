/**
 * Every archive Gongkai writes (workbooks, data packages, export archives) goes through yazl: a
 * maintained streaming zip writer that switches to ZIP64 by itself past 65,535 entries or 4 GB.
 * Two ways in: `writeZip` for a small archive built in memory, `ZipStream` for an archive written
 * entry by entry while a reader takes it, with memory bounded by what the reader has not yet taken.
 */
import { Readable } from 'node:stream';
import yazl from 'yazl';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  date?: Date;
  /** Store the bytes as they are (data that is compressed already, like a zip inside the zip). */
  store?: boolean;
}

/** The entry's name with forward slashes and no leading slash; refuses "..". */
function entryName(raw: string): string {
  const name = raw.replace(/\\/g, '/').replace(/^\/+/, '');
  if (!name || name.endsWith('/') || name.split('/').includes('..')) throw new Error(`zip: bad entry name ${raw}`);
  return name;
}

function asBuffer(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * An archive written while it is read: `add` queues an entry whose bytes are handed to the zip only
 * when the reader has taken everything before it, and resolves then; awaiting it keeps at most the
 * entries in flight in memory (the output is piped with backpressure).
 */
export class ZipStream {
  private readonly zip = new yazl.ZipFile();
  private readonly seen = new Set<string>();
  /** The archive's bytes, to pipe into a file or an HTTP response. */
  readonly stream: Readable;

  constructor() {
    // yazl's outputStream is a PassThrough (typed only as a NodeJS.ReadableStream).
    this.stream = this.zip.outputStream as Readable;
  }

  /** Queues an entry; the promise resolves when its bytes have been handed to the archive. */
  add(entry: ZipEntry): Promise<void> {
    const name = entryName(entry.name);
    if (this.seen.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    this.seen.add(name);
    return this.queue(name, { mtime: entry.date ?? new Date(), size: entry.data.byteLength, compress: !entry.store }, entry.data);
  }

  /**
   * yazl keeps every entry's read-stream function until the archive ends (for the central
   * directory), and with it whatever that function's scope holds: only `data`, released once
   * pumped, may be in it. Holding the caller's entry there kept every unit's bytes of a 20,000-unit
   * export alive (arrayBuffers grew by the archive's size, 133 MB for 4,000 units).
   */
  private queue(name: string, options: { mtime: Date; size: number; compress: boolean }, bytes: Uint8Array): Promise<void> {
    let data: Uint8Array | undefined = bytes;
    return new Promise((resolve) => {
      this.zip.addReadStreamLazy(name, options, (cb) => {
        const chunk = asBuffer(data!);
        data = undefined; // the archive holds the bytes from here on
        cb(null, Readable.from([chunk], { objectMode: false }));
        resolve();
      });
    });
  }

  /** No more entries: the central directory (ZIP64 when needed) is written after the last one. */
  end(): void {
    this.zip.end();
  }
}

/** Collects a stream into one buffer. */
async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A whole archive in memory (UTF-8 names, deflated); refuses bad and duplicate names. */
export async function writeZip(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const seen = new Set<string>();
  for (const e of entries) {
    const name = entryName(e.name);
    if (seen.has(name)) throw new Error(`zip: duplicate entry ${name}`);
    seen.add(name);
    zip.addBuffer(asBuffer(e.data), name, { mtime: e.date ?? new Date(), compress: !e.store });
  }
  const out = collect(zip.outputStream as Readable);
  zip.end();
  return out;
}
