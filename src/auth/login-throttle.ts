/**
 * Login throttling by progressive delays, keyed by account *and* client address together: failures
 * from one address slow down only that address's attempts on that account, so nobody elsewhere can
 * lock the owner out by guessing wrong on purpose (and no CAPTCHA is needed). The first few
 * failures cost nothing; after that each one doubles the wait, up to a ceiling. A success from the
 * address clears its record. In memory and bounded: when full, the records with the fewest
 * failures go first (oldest first among equals), so a spray of invented names cannot push out the
 * record of an account being guessed at — that would reset its delay.
 */
export interface ThrottleOptions {
  /** Failures allowed before any delay. */
  freeFailures?: number;
  /** The first delay; each further failure doubles it. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A record idle this long is forgotten. */
  forgetMs?: number;
  /** Records kept at most (oldest dropped first). */
  maxRecords?: number;
  now?: () => number;
}

interface Record_ {
  failures: number;
  last: number;
}

export class LoginThrottle {
  private readonly records = new Map<string, Record_>();
  private readonly free: number;
  private readonly base: number;
  private readonly maxDelay: number;
  private readonly forget: number;
  private readonly maxRecords: number;
  private readonly now: () => number;

  constructor(o: ThrottleOptions = {}) {
    this.free = o.freeFailures ?? 3;
    this.base = o.baseDelayMs ?? 1000;
    this.maxDelay = o.maxDelayMs ?? 15 * 60_000;
    this.forget = o.forgetMs ?? 24 * 3600_000;
    this.maxRecords = o.maxRecords ?? 100_000;
    this.now = o.now ?? Date.now;
  }

  private key(username: string, address: string): string {
    return `${username}\u0000${address}`;
  }

  private record(key: string): Record_ | undefined {
    const r = this.records.get(key);
    if (r && this.now() - r.last > this.forget) {
      this.records.delete(key);
      return undefined;
    }
    return r;
  }

  /** The wait after `failures` failures, ms. */
  delayAfter(failures: number): number {
    if (failures <= this.free) return 0;
    return Math.min(this.maxDelay, this.base * 2 ** Math.min(30, failures - this.free - 1));
  }

  /** Seconds until this address may try this account again, or 0 when it may now. */
  retryAfter(username: string, address: string): number {
    const r = this.record(this.key(username, address));
    if (!r) return 0;
    return Math.max(0, Math.ceil((r.last + this.delayAfter(r.failures) - this.now()) / 1000));
  }

  fail(username: string, address: string): void {
    const key = this.key(username, address);
    const r = this.record(key);
    // Re-inserted so the map stays in order of last use and the least recent record goes first.
    this.records.delete(key);
    this.records.set(key, { failures: (r?.failures ?? 0) + 1, last: this.now() });
    if (this.records.size > this.maxRecords) this.sweep();
  }

  /** Frees a tenth of the room: the least-failed records first, the oldest first among equals. */
  private sweep(): void {
    const target = Math.floor(this.maxRecords * 0.9);
    for (let below = 1; this.records.size > target; below++) {
      for (const [key, r] of this.records) {
        if (this.records.size <= target) break;
        if (r.failures <= below || this.now() - r.last > this.forget) this.records.delete(key);
      }
    }
  }

  succeed(username: string, address: string): void {
    this.records.delete(this.key(username, address));
  }

  get size(): number {
    return this.records.size;
  }
}
