/**
 * Publishing under contention, on every test dialect: retried and concurrent publishes of one draft
 * yield one version (the retries get that version back, 200 instead of 201), publishes of different
 * content are numbered without gaps, and nothing answers 500. Before the fix, PostgreSQL answered
 * 500 to about a third of 8-way concurrent publishes (unique-version races exhausting the retries)
 * and every retry made a duplicate version.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { BudgetInput } from '../../src/core/budget.ts';
import { createApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { TestClient } from '../../src/server/test-client.ts';
import { openTestDatabase, testDialects, type TestDatabase } from '../../src/store/test-databases.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8')) as BudgetInput;
const disclosure = (n: string) => ({ unit: { code: '041002', name: '营口' }, year: 2030, template: 'x', toc: [n], tables: [], narrative: [], glossary: [] });

for (const dialect of testDialects()) {
  describe(`publishing under contention (${dialect})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
      await bootstrap(t.store, { passwords: CHILD_PASSWORDS });
    });
    after(() => t.drop());

    it('store: 8 publishers, each publishing and retrying — one version per content, numbered without gaps', async () => {
      const contents = Array.from({ length: 24 }, (_, i) => `c${i}`);
      // Each content is published by 3 of the 8 publishers at once (a retry racing the original).
      const work = Array.from({ length: 8 }, (_, w) => async () => {
        const got: [string, number][] = [];
        for (let i = w; i < contents.length * 3; i += 8) {
          const n = contents[i % contents.length]!;
          const v = await t.store.publish({ unitCode: '041002', year: 2030, disclosure: disclosure(n), budget: null, findings: [], reason: `更正 ${n}`, actor: 'officer041002' });
          got.push([n, v.version]);
        }
        return got;
      });
      const results = (await Promise.all(work.map((f) => f()))).flat();
      const versions = await t.store.listVersions('041002', 2030);
      assert.deepEqual(
        versions.map((v) => v.version).sort((a, b) => a - b),
        Array.from({ length: versions.length }, (_, i) => i + 1),
        'numbered without gaps',
      );
      // A content published again right after itself is the same version; later it may be published anew.
      assert.ok(versions.length <= results.length);
      assert.ok(versions.length >= contents.length, 'every content published');
      const byVersion = new Map(versions.map((v) => [v.version, v.contentHash]));
      for (let k = 1; k < versions.length; k++) assert.notEqual(byVersion.get(k), byVersion.get(k + 1), 'no version repeats its predecessor');
      const audit = await t.store.listAudit({ action: 'publish', limit: 10_000 });
      assert.equal(audit.filter((e) => e.target.startsWith('041002/2030/')).length, versions.length, 'one audit row per version');
      assert.equal((await t.store.verifyAuditChain()).ok, true);
    });

    it('HTTP: 8 concurrent publishes of one draft give one version, the rest get it back; no 500', async () => {
      const app = createApp(t.store, { log: () => {}, cacheBytes: 0 });
      const officer = new TestClient(app);
      assert.equal((await officer.login('officer041002', CHILD_PASSWORDS.officer041002)).status, 200);
      const dept = new TestClient(app);
      assert.equal((await dept.login('dept041', CHILD_PASSWORDS.dept041)).status, 200);
      const before = (await t.store.listVersions('041002', 2024)).length;
      let base = (await t.store.getDraft('041002', 2024))?.version ?? 0;
      for (let round = 0; round < 3; round++) {
        const budget = structuredClone(yingkou);
        budget.unit = { ...budget.unit, organisation: `${budget.unit.organisation ?? ''}（第 ${round} 轮）` };
        const put = await officer.json('PUT', '/api/drafts/041002/2024', { budget, baseVersion: base });
        assert.equal(put.status, 200, await put.clone().text());
        base = ((await put.json()) as { version: number }).version;
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? dept : officer).json('POST', '/api/drafts/041002/2024/publish', { baseVersion: base, acknowledgeWarnings: true, reason: `第 ${round} 轮更正` })),
        );
        const statuses = answers.map((a) => a.status).sort();
        const bodies = (await Promise.all(answers.map((a) => a.json()))) as { version: number; contentHash: string }[];
        assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 201], `round ${round}: one created, seven repeated`);
        assert.equal(new Set(bodies.map((b) => b.version)).size, 1, 'all name the same version');
        assert.equal(new Set(bodies.map((b) => b.contentHash)).size, 1);
      }
      const after = await t.store.listVersions('041002', 2024);
      assert.equal(after.length, before + 3, 'three rounds, three versions');
      // A plain retry later (the answer was lost) is answered with the same version again.
      const again = await officer.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: base, acknowledgeWarnings: true, reason: '重试' });
      assert.equal(again.status, 200);
      assert.equal(((await again.json()) as { version: number }).version, after[0]!.version);
    });

    it('HTTP: 8 officers saving and publishing different drafts at once: no 500, versions without gaps', async () => {
      const app = createApp(t.store, { log: () => {}, cacheBytes: 0 });
      const clients = [new TestClient(app), new TestClient(app)];
      await clients[0]!.login('officer041002', CHILD_PASSWORDS.officer041002);
      await clients[1]!.login('dept041', CHILD_PASSWORDS.dept041);
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          const c = clients[w % 2]!;
          for (let i = 0; i < 4; i++) {
            const base = (await t.store.getDraft('041002', 2024))!.version;
            const budget = structuredClone(yingkou);
            budget.unit = { ...budget.unit, organisation: `并发 ${w}-${i}` };
            const put = await c.json('PUT', '/api/drafts/041002/2024', { budget, baseVersion: base });
            statuses.push(put.status);
            if (put.status !== 200) continue;
            const v = ((await put.json()) as { version: number }).version;
            const pub = await c.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: v, acknowledgeWarnings: true, reason: `并发 ${w}-${i}` });
            statuses.push(pub.status);
          }
        }),
      );
      assert.deepEqual(
        [...new Set(statuses)].filter((s) => ![200, 201, 409].includes(s)),
        [],
        `only 200/201/409: ${statuses.join(',')}`,
      );
      assert.ok(statuses.includes(201));
      const versions = (await t.store.listVersions('041002', 2024)).map((v) => v.version).sort((a, b) => a - b);
      assert.deepEqual(
        versions,
        Array.from({ length: versions.length }, (_, i) => i + 1),
      );
    });
  });
}
