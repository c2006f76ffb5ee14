import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { canonicalJson, contentHash } from './canonical-json.ts';
import { Store } from './store.ts';
import { openTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

const yingkouBudget = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('canonical JSON', () => {
  it('sorts keys at every depth and ignores key order and undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[1,{"x":1,"y":2}]},"b":1}');
    assert.equal(contentHash({ a: 1, b: 2 }), contentHash({ b: 2, a: 1 }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: '1' }));
    assert.match(contentHash(yingkouBudget), /^sha256:[0-9a-f]{64}$/);
  });
});

for (const dialect of testDialects()) {
  describe(`store on ${dialect}`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
      await t.store.upsertUnit({ code: '041', name: '营口市营商环境建设局', regionCode: '210800', kind: '行政', scope: 'department', departmentCode: null, approvalDate: null });
      await t.store.upsertUnit({ code: '041002', name: yingkouBudget.unit.name, regionCode: '210800', kind: '事业', scope: 'unit', departmentCode: '041', approvalDate: '2024-02-05' });
    });
    after(async () => {
      await t?.drop();
    });

    it('stores units and lists them by department and region', async () => {
      const u = await t.store.getUnit('041002');
      assert.equal(u?.name, yingkouBudget.unit.name);
      assert.equal(u?.approvalDate, '2024-02-05');
      assert.deepEqual(
        (await t.store.listUnits({ departmentCode: '041' })).map((x) => x.code),
        ['041002'],
      );
      assert.equal((await t.store.listUnits({ regionCode: '210800' })).length, 2);
      await t.store.upsertUnit({ ...u!, name: '改名' });
      assert.equal((await t.store.getUnit('041002'))?.name, '改名');
      await t.store.upsertUnit(u!);
    });

    it('creates users; usernames are unique', async () => {
      const u = await t.store.createUser({ username: 'officer', passwordHash: 'x', role: 'unit', unitCode: '041002' });
      assert.equal((await t.store.getUserByName('officer'))?.id, u.id);
      await assert.rejects(t.store.createUser({ username: 'officer', passwordHash: 'y', role: 'admin', unitCode: null }));
    });

    it('sessions: only the token finds the session; expired and deleted sessions are gone', async () => {
      const u = (await t.store.getUserByName('officer'))!;
      const s = await t.store.createSession(u.id);
      const got = await t.store.getSession(s.token);
      assert.equal(got?.user.username, 'officer');
      assert.equal(got?.csrfToken, s.csrfToken);
      assert.equal(await t.store.getSession(s.token + 'x'), undefined);
      const raw = await t.store.db.selectFrom('sessions').select('id').execute();
      assert.ok(
        raw.every((r) => r.id !== s.token),
        'the token itself is not stored',
      );
      await t.store.deleteSession(s.token);
      assert.equal(await t.store.getSession(s.token), undefined);
      const expired = await t.store.createSession(u.id, -1000);
      assert.equal(await t.store.getSession(expired.token), undefined);
    });

    it('drafts use optimistic locking: a stale save is refused and the current draft returned', async () => {
      const a = await t.store.saveDraft({ unitCode: '041002', year: 2024, budget: yingkouBudget, edits: {}, baseVersion: 0, actor: 'officer' });
      assert.ok(a.ok);
      assert.equal(a.draft.version, 1);
      const b = await t.store.saveDraft({ unitCode: '041002', year: 2024, budget: yingkouBudget, edits: { 'reasons.total': '甲' }, baseVersion: 1, actor: 'officer' });
      assert.ok(b.ok);
      assert.equal(b.draft.version, 2);
      const stale = await t.store.saveDraft({ unitCode: '041002', year: 2024, budget: yingkouBudget, edits: { 'reasons.total': '乙' }, baseVersion: 1, actor: 'other' });
      assert.equal(stale.ok, false);
      assert.ok(!stale.ok && stale.conflict?.edits['reasons.total'] === '甲');
      const again = await t.store.saveDraft({ unitCode: '041002', year: 2024, budget: {}, edits: {}, baseVersion: 0, actor: 'other' });
      assert.equal(again.ok, false, 'creating over an existing draft is a conflict');
      const d = await t.store.getDraft('041002', 2024);
      assert.equal(d?.version, 2);
      assert.equal(d?.edits['reasons.total'], '甲');
      assert.deepEqual(d?.budget, yingkouBudget);
    });

    it('concurrent saves from the same base: exactly one wins', async () => {
      const base = (await t.store.getDraft('041002', 2024))!.version;
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) => t.store.saveDraft({ unitCode: '041002', year: 2024, budget: yingkouBudget, edits: { n: String(i) }, baseVersion: base, actor: `u${i}` })),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal((await t.store.getDraft('041002', 2024))!.version, base + 1);
    });

    it('publishes numbered, hashed versions; concurrent publishes get distinct numbers', async () => {
      const disclosure = { unit: { code: '041002', name: 'x' }, year: 2024, template: 'liaoning-2024', toc: [], tables: [], narrative: [], glossary: [] };
      const v1 = await t.store.publish({ unitCode: '041002', year: 2024, disclosure, budget: yingkouBudget, findings: [], reason: '首次公开', actor: 'officer' });
      assert.equal(v1.version, 1);
      assert.equal(v1.contentHash, contentHash(disclosure));
      const many = await Promise.all(
        [1, 2, 3].map((i) => t.store.publish({ unitCode: '041002', year: 2024, disclosure: { ...disclosure, toc: [String(i)] }, budget: null, findings: [], reason: `更正${i}`, actor: 'officer' })),
      );
      assert.deepEqual(many.map((v) => v.version).sort(), [2, 3, 4]);
      const list = await t.store.listVersions('041002', 2024);
      assert.deepEqual(
        list.map((v) => v.version),
        [4, 3, 2, 1],
      );
      const latest = await t.store.getVersion('041002', 2024);
      assert.equal(latest?.version, 4);
      const first = await t.store.getVersion('041002', 2024, 1);
      assert.deepEqual(first?.disclosure, disclosure);
      assert.equal(contentHash(first!.disclosure), first!.contentHash, 'stored JSON still hashes to the recorded hash');
      assert.deepEqual(first?.budget, yingkouBudget);
      assert.equal((await t.store.latestVersions()).find((v) => v.unitCode === '041002')?.version, 4);
    });

    it('a published version cannot be updated or deleted, even with raw SQL', async () => {
      await assert.rejects(sql`UPDATE published_versions SET reason = 'tampered'`.execute(t.store.db), /immutable/);
      await assert.rejects(sql`DELETE FROM published_versions`.execute(t.store.db), /immutable/);
      assert.equal((await t.store.getVersion('041002', 2024, 1))?.reason, '首次公开');
    });

    it('records every write in the audit log with before/after hashes', async () => {
      await t.store.audit({ actor: 'intruder', action: 'draft.update', target: '041002/2024', outcome: 'refused', beforeHash: null, afterHash: null, detail: 'not your unit' });
      const log = await t.store.listAudit();
      const publishes = log.filter((e) => e.action === 'publish');
      assert.equal(publishes.length, 4);
      const v2 = publishes.find((e) => e.target === '041002/2024/v2')!;
      assert.ok(v2.beforeHash?.startsWith('sha256:') && v2.afterHash?.startsWith('sha256:'));
      const creates = log.filter((e) => e.action === 'draft.create');
      assert.equal(creates.length, 1);
      assert.equal(creates[0]!.beforeHash, null);
      assert.deepEqual(
        (await t.store.listAudit({ outcome: 'refused' })).map((e) => e.actor),
        ['intruder'],
      );
      assert.ok(log[0]!.seq > log[log.length - 1]!.seq, 'newest first');
    });

    it('the change mark moves once a unit or a version is written here, not on reads or other writes', async () => {
      assert.equal(t.store.marksOtherWriters, dialect === 'sqlite');
      const m0 = t.store.changeMark();
      const u = (await t.store.getUnit('041002'))!;
      await t.store.listVersions('041002');
      await t.store.audit({ actor: 'x', action: 'noop', target: '-', outcome: 'ok', beforeHash: null, afterHash: null, detail: '' });
      await t.store.createSession((await t.store.getUserByName('officer'))!.id);
      assert.equal(t.store.changeMark(), m0);
      await t.store.upsertUnit({ ...u, name: '改名' });
      const m1 = t.store.changeMark();
      assert.notEqual(m1, m0);
      const published = t.store.publish({ unitCode: '041002', year: 2025, disclosure: { year: 2025 }, budget: null, findings: [], reason: 'mark', actor: 'officer' });
      assert.equal(t.store.changeMark(), m1, 'not before the publish has committed');
      await published;
      assert.notEqual(t.store.changeMark(), m1);
      await t.store.upsertUnit(u);
    });
  });
}

describe('change mark on SQLite', () => {
  it('moves when another connection to the same file commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-mark-'));
    const [a, b] = [await Store.open({ dataDir: dir }), await Store.open({ dataDir: dir })];
    try {
      const m0 = a.changeMark();
      await a.getUnit('041');
      assert.equal(a.changeMark(), m0);
      await b.upsertUnit({ code: '041', name: '另一进程', regionCode: '210800', kind: '行政', scope: 'department', departmentCode: null, approvalDate: null });
      assert.notEqual(a.changeMark(), m0);
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
