/**
 * Two officers edit the same draft: the second save, based on a version that is no longer current,
 * is refused with 409 showing both versions, and nothing is overwritten. On every test dialect.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { BudgetInput } from '../../src/core/budget.ts';
import { createApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { TestClient } from '../../src/server/test-client.ts';
import { openTestDatabase, testDialects } from '../../src/store/test-databases.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const yingkou = JSON.parse(readFileSync(join(ROOT, 'fixtures/yingkou-2024/budget.json'), 'utf8')) as BudgetInput;
const withOrg = (org: string): BudgetInput => ({ ...structuredClone(yingkou), unit: { ...yingkou.unit, organisation: org } });

for (const dialect of testDialects()) {
  test(`second save of a stale draft gets 409 with both versions, nothing overwritten (${dialect})`, async () => {
    const db = await openTestDatabase(dialect);
    try {
      await bootstrap(db.store, { passwords: CHILD_PASSWORDS });
      const app = createApp(db.store, { log: () => {} });
      const a = new TestClient(app);
      const b = new TestClient(app);
      assert.equal((await a.login('officer041002', CHILD_PASSWORDS.officer041002)).status, 200);
      assert.equal((await b.login('dept041', CHILD_PASSWORDS.dept041)).status, 200);
      const path = '/api/drafts/041002/2024';

      const created = await a.json('PUT', path, { budget: withOrg('甲的初稿'), baseVersion: 0 });
      assert.equal(created.status, 200);
      // Both open version 1; B saves first.
      const bSave = await b.json('PUT', path, { budget: withOrg('乙的修改'), baseVersion: 1 });
      assert.equal(bSave.status, 200);
      assert.equal(((await bSave.json()) as { version: number }).version, 2);

      const aSave = await a.json('PUT', path, { budget: withOrg('甲的修改'), baseVersion: 1 });
      assert.equal(aSave.status, 409);
      const conflict = (await aSave.json()) as { error: string; yours: { budget: BudgetInput; baseVersion: number }; current: { version: number; budget: BudgetInput; updatedBy: string } };
      assert.match(conflict.error, /已被他人修改/);
      assert.equal(conflict.yours.budget.unit.organisation, '甲的修改');
      assert.equal(conflict.yours.baseVersion, 1);
      assert.equal(conflict.current.budget.unit.organisation, '乙的修改');
      assert.equal(conflict.current.version, 2);
      assert.equal(conflict.current.updatedBy, 'dept041');

      const stored = await db.store.getDraft('041002', 2024);
      assert.equal(stored!.version, 2);
      assert.equal((stored!.budget as BudgetInput).unit.organisation, '乙的修改');

      // Publishing from the stale version is refused too.
      const pub = await a.json('POST', `${path}/publish`, { baseVersion: 1, acknowledgeWarnings: true, reason: 'x' });
      assert.equal(pub.status, 409);
      assert.equal((await db.store.listVersions('041002', 2024)).length, 1);

      // Ten racing saves from the same base: exactly one wins.
      const racers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).json('PUT', path, { budget: withOrg(`竞争 ${i}`), baseVersion: 2 })));
      assert.deepEqual(racers.map((r) => r.status).sort(), [200, ...Array(9).fill(409)]);
      assert.equal((await db.store.getDraft('041002', 2024))!.version, 3);
    } finally {
      await db.drop();
    }
  });
}
