/**
 * Login throttling: after `maxFailures` failed attempts for one username or one client address
 * within the window, further attempts are refused until the window has passed. In memory: a
 * restarted server forgets, which only ever loosens the limit for one window.
 */
export interface ThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  now?: () => number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(o: ThrottleOptions = {}) {
    this.max = o.maxFailures ?? 5;
    this.windowMs = o.windowMs ?? 15 * 60_000;
    this.now = o.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Seconds until another attempt is allowed, or 0 when allowed now. */
  retryAfter(username: string, address: string): number {
    let wait = 0;
    for (const key of [`u:${username}`, `a:${address}`]) {
      const list = this.recent(key);
      if (list.length >= this.max) wait = Math.max(wait, Math.ceil((list[list.length - this.max]! + this.windowMs - this.now()) / 1000));
    }
    return wait;
  }

  fail(username: string, address: string) {
    for (const key of [`u:${username}`, `a:${address}`]) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.failures.clear(); // bound memory under a spray of names
  }

  succeed(username: string) {
    this.failures.delete(`u:${username}`);
  }
}
