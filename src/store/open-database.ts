/**
 * Opens the portal database: PostgreSQL when a postgres:// URL is given (DATABASE_URL), else the
 * embedded SQLite file under the data directory. Runs pending migrations before returning.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations.ts';

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
    const pool = new pg.Pool({ connectionString: url, max: 10, ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}) });
    // An idle connection the server ends (restart, failover, a network cut) must not end the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (e) => process.stderr.write(`数据库连接中断，已丢弃该连接，下次请求时重新连接（${e.message}）\n`));
    if (opts.pgSchema) {
      const c = await pool.connect();
      try {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${opts.pgSchema}`);
      } finally {
        c.release();
      }
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    location = url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@') + (opts.pgSchema ? ` (schema ${opts.pgSchema})` : '');
  } else {
    const Sqlite = (await import('better-sqlite3')).default;
    const file = opts.sqliteFile ?? join(resolve(opts.dataDir ?? './data'), 'db', 'gongkai.sqlite');
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
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
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { db, dialect, location, othersCommits, close: () => db.destroy() };
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
