import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testDialects, type TestDatabase } from './test-databases.ts';

for (const dialect of testDialects()) {
  describe(`unit template setting on ${dialect} (migration 004)`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
      await t.store.upsertUnit({ code: '310107001', name: '测试单位', regionCode: '310107', kind: '行政', scope: 'unit', departmentCode: null, approvalDate: null });
    });
    after(async () => {
      await t?.drop();
    });

    it('a new unit has none; the bureau sets one; upserting the unit keeps it; null goes back to the region', async () => {
      assert.equal((await t.store.getUnit('310107001'))?.template, null);
      assert.equal(await t.store.setUnitTemplate('310107001', 'some-layout'), true);
      const u = await t.store.getUnit('310107001');
      assert.equal(u?.template, 'some-layout');
      await t.store.upsertUnit({ code: '310107001', name: '改名', regionCode: '310107', kind: '行政', scope: 'unit', departmentCode: null, approvalDate: null });
      assert.equal((await t.store.getUnit('310107001'))?.template, 'some-layout');
      assert.equal((await t.store.listUnits({ regionCode: '310107' }))[0]?.template, 'some-layout');
      assert.equal(await t.store.setUnitTemplate('310107001', null), true);
      assert.equal((await t.store.getUnit('310107001'))?.template, null);
      assert.equal(await t.store.setUnitTemplate('no-such-unit', 'x'), false);
    });
  });
}
