/**
 * Opens the portal database: PostgreSQL when a postgres:// URL is given (DATABASE_URL), else the
 * embedded SQLite file under the data directory. Runs pending migrations before returning.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations.ts';
import { DatabaseUnavailable, isDatabaseUnavailable, Reconnector } from './db-errors.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface OpenOptions {
  /** postgres://… or postgresql://…; anything else is ignored in favour of SQLite. */
  databaseUrl?: string;
  /** Data directory; SQLite lives at <dataDir>/db/gongkai.sqlite. */
  dataDir?: string;
  /** Explicit SQLite file (":memory:" for tests). */
  sqliteFile?: string;
  /** PostgreSQL schema to use (created if missing); for isolated test runs. */
  pgSchema?: string;
  /** PostgreSQL: how long one connection attempt may take (default 5 s). */
  connectTimeoutMs?: number;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for the start-up message (password removed from URLs). */
  location: string;
  /**
   * SQLite only: a number that changes when another connection to the same file (another process,
   * another Store) commits; unchanged by this connection's own writes (PRAGMA data_version).
   */
  othersCommits?: () => number;
  close(): Promise<void>;
}

export async function openDatabase(opts: OpenOptions = {}): Promise<OpenDatabase> {
  const url = opts.databaseUrl;
  let db: Kysely<Database>;
  let dialect: DialectName;
  let location: string;
  let othersCommits: (() => number) | undefined;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pg = (await import('pg')).default;
    if (opts.pgSchema && !/^[a-z_][a-z0-9_]*$/.test(opts.pgSchema)) throw new Error(`invalid schema name ${opts.pgSchema}`);
    location = url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@') + (opts.pgSchema ? ` (schema ${opts.pgSchema})` : '');
    // A bounded connect: with the server down a request waits this long at most, never forever.
    // Every client carries an 'error' listener from birth: pg-pool listens only while a client
    // idles, and a backend terminated just as a client is handed out (its ReadyForQuery and the
    // FATAL error parsed from one network read) or between two statements of a transaction would
    // otherwise emit an unhandled 'error' and end the process. The failed statement still reports
    // the error, and the pool discards the client when it is released.
    class GuardedClient extends pg.Client {
      constructor(config?: string | import('pg').ClientConfig) {
        super(config);
        this.on('error', () => {});
      }
    }
    const pool = new pg.Pool({
      Client: GuardedClient,
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle connection the server ends (restart, failover, a network cut) must not end the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (e) => process.stderr.write(`数据库连接中断，已丢弃该连接，下次请求时重新连接（${e.message}）\n`));
    const reconnect = new Reconnector();
    const guarded = {
      // Kysely asks the pool for a connection per query or transaction. While the database is down
      // the attempts back off (callers get DatabaseUnavailable at once instead of each waiting for
      // the connect timeout); the first success ends the outage.
      async connect() {
        reconnect.before();
        let client: import('pg').PoolClient;
        try {
          client = await pool.connect();
        } catch (e) {
          reconnect.failed();
          throw new DatabaseUnavailable(undefined, 5, { cause: e });
        }
        reconnect.succeeded();
        return client;
      },
      end: () => pool.end(),
    };
    try {
      if (opts.pgSchema) {
        const c = await pool.connect();
        try {
          await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.pgSchema}`);
        } finally {
          c.release();
        }
      } else await (await pool.connect()).release();
    } catch (e) {
      await pool.end().catch(() => {});
      throw unreachable(location, e);
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guarded }) });
    dialect = 'postgres';
  } else {
    const Sqlite = (await import('better-sqlite3')).default;
    const file = opts.sqliteFile ?? join(resolve(opts.dataDir ?? './data'), 'db', 'gongkai.sqlite');
    if (file !== ':memory:') createPrivately(file);
    const handle = new Sqlite(file);
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = FULL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(handle) }) });
    const dataVersion = handle.prepare('PRAGMA data_version').pluck();
    othersCommits = () => dataVersion.get() as number;
    dialect = 'sqlite';
    location = file;
  }
  // With a schema of its own, Kysely must look for its migration tables there: by default it finds
  // them in any schema, so two databases migrating side by side in one PostgreSQL database each see
  // the other's lock table and neither creates its own.
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(dialect === 'postgres' && opts.pgSchema ? { migrationTableSchema: opts.pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy().catch(() => {});
    if (isDatabaseUnavailable(error)) throw unreachable(location, error);
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`数据库结构升级${failed ? ` ${failed} ` : ''}失败：${(error as Error).message ?? String(error)}`);
  }
  return { db, dialect, location, othersCommits, close: () => db.destroy() };
}

/** The start-up refusal when the database cannot be reached: what, where and why, in one line. */
function unreachable(location: string, e: unknown): DatabaseUnavailable {
  const cause = (e as { cause?: unknown }).cause ?? e;
  const why = (cause as Error)?.message || (cause as { code?: string })?.code || String(cause);
  return new DatabaseUnavailable(`无法连接数据库 ${location}：${why}`, 5, { cause: e });
}

/**
 * The SQLite file holds password hashes and sessions: it is created readable by its owner only
 * (0600, its folder 0700), and an existing one is narrowed to that. SQLite gives the -wal and -shm
 * files it creates the database file's own permissions; existing ones are narrowed too.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/**
 * Kysely's SQLite driver prepares every statement anew; preparing cost more than running the
 * portal's small indexed reads. Statements are kept by SQL text (parameters are bound, so the set
 * is small; bounded anyway). `all` and `run` finish before returning, so one statement object can
 * serve every call; `iterate` leaves its statement busy, so it gets a fresh one.
 */
function reusingStatements(handle: import('better-sqlite3').Database, max = 500): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    close: () => handle.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = kept.get(sql);
      if (!stmt) {
        const s = handle.prepare(sql);
        stmt = { reader: s.reader, all: (p) => s.all(...p), run: (p) => s.run(...p), iterate: (p) => handle.prepare(sql).iterate(...p) };
        if (kept.size >= max) kept.delete(kept.keys().next().value!);
        kept.set(sql, stmt);
      }
      return stmt;
    },
  };
}
