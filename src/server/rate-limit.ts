/**
 * Per-client limits on anonymous uploads: at most `limit` requests per client address in a
 * window of `windowMs` (fixed windows; the map of clients is cleared with each window, so it holds
 * at most one window's clients). Signed-in users are not limited here: their uploads are audited.
 */
export class RateLimiter {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    /** Clients remembered per window; beyond it every new client shares one count (a flood of addresses). */
    private readonly maxClients = 100_000,
  ) {}

  /** Counts a request; the seconds to wait when over the limit, else 0. */
  take(client: string, now = Date.now()): number {
    if (now - this.windowStart >= this.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
    const key = this.counts.has(client) || this.counts.size < this.maxClients ? client : '(others)';
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n > this.limit ? Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)) : 0;
  }
}
