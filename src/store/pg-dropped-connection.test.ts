/**
 * A PostgreSQL connection the server ends (a restart, a failover, pg_terminate_backend) while it
 * idles in the pool must not end the process: the next query opens a new connection.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from './open-database.ts';
import { testDialects, testPgUrl } from './test-databases.ts';

test('a dropped idle PostgreSQL connection is replaced, the process lives on', { skip: !testDialects().includes('postgres') }, async () => {
  const url = await testPgUrl();
  // A schema of its own (dropped after): migrating the shared public schema would leave tables that
  // other tests' migrations then trip over.
  const schema = `gk_test_${randomBytes(6).toString('hex')}`;
  const { db, close } = await openDatabase({ databaseUrl: url, pgSchema: schema });
  try {
    const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await admin.end();
    // Give the pool's idle client the moment it takes to see its socket closed (the 'error' event).
    await new Promise((r) => setTimeout(r, 300));
    const again = (await sql<{ one: number }>`select 1 as one`.execute(db)).rows[0]!.one;
    assert.equal(again, 1);
  } finally {
    await close();
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
});
