/**
 * The audit log is append-only (the database refuses UPDATE, DELETE and TRUNCATE) and hash-chained:
 * a row changed or removed around the triggers is found by verifyAuditChain. Existing databases
 * gain the chain when migrated. On every test dialect.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { migrationProvider } from './migrations.ts';
import { Store } from './store.ts';
import { openTestDatabase, testDialects, testPgUrl, type TestDatabase } from './test-databases.ts';

const entry = (i: number, outcome: 'ok' | 'refused' = 'ok') => ({
  actor: `u${i % 3}`,
  action: i % 2 ? 'draft.update' : 'publish',
  target: `041002/2024/v${i}`,
  outcome,
  beforeHash: null,
  afterHash: null,
  detail: `第 ${i} 条`,
  clientAddress: '10.0.0.1',
});

for (const dialect of testDialects()) {
  describe(`audit log on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
      for (let i = 1; i <= 12; i++) await t.store.audit(entry(i, i % 5 === 0 ? 'refused' : 'ok'));
    });
    after(() => t.drop());

    it('refuses UPDATE and DELETE even with raw SQL', async () => {
      await assert.rejects(sql`UPDATE audit_log SET detail = 'tampered'`.execute(t.store.db), /append-only/);
      await assert.rejects(sql`DELETE FROM audit_log`.execute(t.store.db), /append-only/);
      if (dialect === 'postgres') await assert.rejects(sql`TRUNCATE audit_log`.execute(t.store.db), /append-only/);
      assert.equal((await t.store.listAudit({ limit: 100 })).length, 12);
    });

    it('records the client address; filters and pages', async () => {
      const page1 = await t.store.listAudit({ limit: 5 });
      assert.deepEqual(
        page1.map((e) => e.detail),
        ['第 12 条', '第 11 条', '第 10 条', '第 9 条', '第 8 条'],
      );
      assert.equal(page1[0]!.clientAddress, '10.0.0.1');
      const page2 = await t.store.listAudit({ limit: 5, beforeSeq: page1[4]!.seq });
      assert.deepEqual(
        page2.map((e) => e.detail),
        ['第 7 条', '第 6 条', '第 5 条', '第 4 条', '第 3 条'],
      );
      assert.deepEqual(
        (await t.store.listAudit({ outcome: 'refused' })).map((e) => e.detail),
        ['第 10 条', '第 5 条'],
      );
      assert.equal((await t.store.listAudit({ action: 'publish', actor: 'u1' })).length, 2);
      const today = new Date().toISOString().slice(0, 10);
      assert.equal((await t.store.listAudit({ from: today, to: today })).length, 12);
      assert.equal((await t.store.listAudit({ to: '2000-01-01' })).length, 0);
      assert.deepEqual(await t.store.auditActions(), ['draft.update', 'publish']);
    });

    it('appenders in parallel do not fork the chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => t.store.audit(entry(100 + i))));
      const check = await t.store.verifyAuditChain();
      assert.deepEqual(check, { ok: true, rows: 32 });
    });

    it('counts anonymous traffic instead of writing rows', async () => {
      const rows = (await t.store.listAudit({ limit: 1000 })).length;
      for (let i = 0; i < 50; i++) t.store.countAnonymous('login', 'refused');
      t.store.countAnonymous('draft.update', 'refused');
      const shown = await t.store.listAuditCounters();
      assert.equal(shown.find((c) => c.action === 'login')?.count, 50, 'pending counts are shown before a flush');
      await t.store.flushCounts();
      t.store.countAnonymous('login', 'refused');
      await t.store.flushCounts();
      const counters = await t.store.listAuditCounters();
      assert.deepEqual(
        counters.map((c) => [c.action, c.outcome, c.count]),
        [
          ['login', 'refused', 51],
          ['draft.update', 'refused', 1],
        ],
      );
      assert.equal((await t.store.listAudit({ limit: 1000 })).length, rows, 'no audit rows for anonymous traffic');
    });

    it('a row changed around the trigger is detected, and so is a removed one', async () => {
      const victim = (await t.store.listAudit({ limit: 100 })).find((e) => e.detail === '第 7 条')!;
      assert.equal((await t.store.verifyAuditChain()).ok, true);
      // Someone with the database's owner rights switches the trigger off, edits a row, switches it back.
      await withTriggersOff(t.store, dialect, sql`UPDATE audit_log SET detail = '第 7 条（已改）' WHERE seq = ${victim.seq}`);
      const changed = await t.store.verifyAuditChain();
      assert.equal(changed.ok, false);
      assert.equal(changed.broken?.seq, victim.seq);
      assert.match(changed.broken!.reason, /被改动/);
      // Changing it back restores the chain: the hashes cover the content, not the act of editing.
      await withTriggersOff(t.store, dialect, sql`UPDATE audit_log SET detail = '第 7 条' WHERE seq = ${victim.seq}`);
      assert.equal((await t.store.verifyAuditChain()).ok, true);
      await withTriggersOff(t.store, dialect, sql`DELETE FROM audit_log WHERE seq = ${victim.seq}`);
      const removed = await t.store.verifyAuditChain();
      assert.equal(removed.ok, false);
      assert.ok(removed.broken!.seq > victim.seq, 'found at the row after the gap');
      assert.match(removed.broken!.reason, /不衔接/);
      // The triggers are back on.
      await assert.rejects(sql`UPDATE audit_log SET detail = 'x'`.execute(t.store.db), /append-only/);
    });
  });

  it(`an existing database (${dialect}) migrates additively: its rows are chained, then protected`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-audit-'));
    const schema = `gk_test_${randomBytes(6).toString('hex')}`;
    const url = dialect === 'postgres' ? await testPgUrl() : '';
    const opts = dialect === 'sqlite' ? { dataDir: dir } : { databaseUrl: url, pgSchema: schema };
    try {
      // The database as the previous release left it: migration 001 only, with audit rows.
      const old = await oldDatabase(dialect, dir, url, schema);
      for (let i = 0; i < 3; i++)
        await old
          .insertInto('audit_log')
          .values({ at: `2024-01-0${i + 1}T00:00:00.000Z`, actor: 'admin', action: 'login', target: 'admin', outcome: 'ok', before_hash: null, after_hash: null, detail: '' })
          .execute();
      await old.insertInto('users').values({ id: 'u1', username: 'old', password_hash: 'x', role: 'unit', unit_code: '041002', created_at: '2024-01-01' }).execute();
      await old.destroy();
      const store = await Store.open(opts);
      try {
        assert.deepEqual(await store.verifyAuditChain(), { ok: true, rows: 3 });
        await store.audit(entry(1));
        assert.deepEqual(await store.verifyAuditChain(), { ok: true, rows: 4 });
        await assert.rejects(sql`UPDATE audit_log SET detail = 'x'`.execute(store.db), /append-only/);
        const user = await store.getUserByName('old');
        assert.equal(user?.displayName, '单位财务人员（041002）');
        assert.equal(user?.disabled, false);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (dialect === 'postgres') await dropSchema(url, schema);
    }
  });
}

it('two connections to one SQLite file (the portal and the command line) append to one chain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-two-'));
  const [a, b] = [await Store.open({ dataDir: dir }), await Store.open({ dataDir: dir })];
  try {
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).audit(entry(i))));
    assert.deepEqual(await a.verifyAuditChain(), { ok: true, rows: 60 });
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

it('the SQLite file and its -wal/-shm are readable by their owner only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-perm-'));
  try {
    const store = await Store.open({ dataDir: dir });
    await store.audit(entry(1));
    const file = join(dir, 'db', 'gongkai.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(statSync(f).mode & 0o777, 0o600, f);
    assert.equal(statSync(join(dir, 'db')).mode & 0o777, 0o700);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function withTriggersOff(store: Store, dialect: string, change: ReturnType<typeof sql>) {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
    await sql`DROP TRIGGER audit_log_no_delete`.execute(store.db);
    await change.execute(store.db);
    await sql.raw(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`).execute(store.db);
    await sql.raw(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`).execute(store.db);
  } else {
    await store.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`.execute(trx);
      await change.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`.execute(trx);
    });
  }
}

async function oldDatabase(dialect: string, dir: string, url: string, schema: string): Promise<Kysely<any>> {
  let db: Kysely<any>;
  if (dialect === 'sqlite') {
    const Sqlite = (await import('better-sqlite3')).default;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'db'), { recursive: true });
    db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Sqlite(join(dir, 'db', 'gongkai.sqlite')) }) });
  } else {
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2, options: `-c search_path=${schema}` }) }) });
  }
  const migrator = new Migrator({ db, provider: migrationProvider(dialect as 'sqlite' | 'postgres'), ...(dialect === 'postgres' ? { migrationTableSchema: schema } : {}) });
  const r = await migrator.migrateTo('001_initial');
  if (r.error) throw r.error;
  return db;
}

async function dropSchema(url: string, schema: string) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}
