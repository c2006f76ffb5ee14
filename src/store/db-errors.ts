/**
 * Database outages as the portal answers them: a connection that cannot be made or was cut is
 * "temporarily unavailable" (HTTP 503 with Retry-After, a Chinese message), not an internal error.
 */

export class DatabaseUnavailable extends Error {
  override name = 'DatabaseUnavailable';
  constructor(
    message = '数据库暂时不可用，请稍后重试',
    /** Seconds a client should wait before retrying. */
    readonly retryAfterSeconds = 5,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Node socket errors and PostgreSQL SQLSTATEs that mean the connection, not the query, failed. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  '57P01', // admin_shutdown (pg_terminate_backend, a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'SQLITE_BUSY', // another process holds the file's write lock past busy_timeout
]);

const CONNECTION_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection due to administrator command|Client was closed and is not queryable|database is locked/;

/** Whether an error means the database could not be reached (or was cut off) rather than a bad query. */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (e instanceof DatabaseUnavailable) return true;
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err || typeof err !== 'object') return false;
  if (typeof err.code === 'string' && CONNECTION_CODES.has(err.code)) return true;
  return typeof err.message === 'string' && CONNECTION_MESSAGES.test(err.message);
}

/**
 * Exponential back-off between attempts to reach a database that is down: while waiting, callers
 * are refused at once (no pile-up of connection attempts, each up to the connect timeout); the
 * first call after the wait tries again. Reset by any success.
 */
export class Reconnector {
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly baseMs = 250,
    private readonly maxMs = 15_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws DatabaseUnavailable while backing off. */
  before(): void {
    const wait = this.retryAt - this.now();
    if (wait > 0) throw new DatabaseUnavailable(undefined, Math.max(1, Math.ceil(wait / 1000)));
  }

  failed(): void {
    this.failures++;
    this.retryAt = this.now() + Math.min(this.maxMs, this.baseMs * 2 ** Math.min(20, this.failures - 1));
  }

  succeeded(): void {
    this.failures = 0;
    this.retryAt = 0;
  }

  get down(): boolean {
    return this.failures > 0;
  }
}
