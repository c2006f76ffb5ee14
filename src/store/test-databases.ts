/**
 * Databases for tests: the dialects named in GONGKAI_TEST_DIALECTS (default "sqlite,postgres").
 * PostgreSQL runs in a fresh schema per call that `drop()` removes; the URL comes from
 * GONGKAI_TEST_PG_URL, else the local `test` database as root or postgres (trust auth).
 */
import { randomBytes } from 'node:crypto';
import type { DialectName } from './open-database.ts';
import { Store } from './store.ts';

export function testDialects(): DialectName[] {
  const names = (process.env.GONGKAI_TEST_DIALECTS ?? 'sqlite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const n of names) if (n !== 'sqlite' && n !== 'postgres') throw new Error(`GONGKAI_TEST_DIALECTS: unknown dialect ${n}`);
  return names as DialectName[];
}

let pgUrl: string | undefined;

async function findPgUrl(): Promise<string> {
  if (pgUrl) return pgUrl;
  const candidates = process.env.GONGKAI_TEST_PG_URL ? [process.env.GONGKAI_TEST_PG_URL] : ['postgres://root@127.0.0.1:5432/test', 'postgres://postgres@127.0.0.1:5432/test'];
  const pg = (await import('pg')).default;
  const errors: string[] = [];
  for (const url of candidates) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    try {
      await c.connect();
      await c.end();
      return (pgUrl = url);
    } catch (e) {
      errors.push(`${url}: ${(e as Error).message}`);
      await c.end().catch(() => {});
    }
  }
  throw new Error(`no PostgreSQL for tests (set GONGKAI_TEST_DIALECTS=sqlite to skip): ${errors.join('; ')}`);
}

/** The URL of the PostgreSQL the tests use. */
export async function testPgUrl(): Promise<string> {
  return findPgUrl();
}

export interface TestDatabase {
  store: Store;
  /** Options to reopen the same database (e.g. for a restarted server). */
  options: { databaseUrl?: string; pgSchema?: string; sqliteFile?: string; dataDir?: string };
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of the dialect. `dataDir` places the SQLite file. */
export async function openTestDatabase(dialect: DialectName, dataDir?: string): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const options = dataDir ? { dataDir } : { sqliteFile: ':memory:' };
    const store = await Store.open(options);
    return { store, options, drop: () => store.close() };
  }
  const url = await findPgUrl();
  const schema = `gk_test_${randomBytes(6).toString('hex')}`;
  const options = { databaseUrl: url, pgSchema: schema };
  const store = await Store.open(options);
  return {
    store,
    options,
    async drop() {
      await store.close();
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
