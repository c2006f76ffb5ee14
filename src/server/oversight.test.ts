// The 20-day rule (预算法第十四条): days from the year's approval to the year's FIRST publication;
// a correction does not move it, and a year without its own approval date borrows none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import type { Deps } from './context.ts';
import { publicationDays, unitStates } from './routes/oversight.ts';
import { TestClient } from './test-client.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('oversight: the 20-day rule', () => {
  let store: Store;
  let today = new Date('2024-12-01T00:00:00Z');
  const deps = () => ({ store, options: { maxUploadBytes: 1, today: () => today } }) as unknown as Deps;
  const dept = async () => (await store.getUserByName('dept041'))!;
  const state = async (code: string, year: number) => (await unitStates(deps(), await dept(), year)).find((s) => s.unit.code === code)!;
  const publish = (unitCode: string, budget: unknown, publishedAt: string, year = 2024) =>
    store.publish({ unitCode, year, disclosure: { year, at: publishedAt }, budget, findings: [], reason: '测试', actor: 'dept041', publishedAt });

  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: PW });
  });
  after(() => store.close());

  it('counts calendar days, late only beyond 20', () => {
    assert.deepEqual(publicationDays('2024-02-05', '2024-02-25T01:00:00.000Z', today), { days: 20, late: false });
    assert.deepEqual(publicationDays('2024-02-05', '2024-02-26T01:00:00.000Z', today), { days: 21, late: true });
    assert.deepEqual(publicationDays(undefined, '2024-02-26T01:00:00.000Z', today), { late: false });
  });

  it('the seeded unit starts on time: its first version is dated after its approval, not at the server start', async () => {
    const s = await state('041002', 2024);
    assert.equal(s.approvalDate, '2024-02-05');
    assert.equal(s.firstPublishedAt?.slice(0, 10), '2024-02-14');
    assert.deepEqual([s.days, s.late], [9, false]);
  });

  it('a later correction does not turn an on-time unit late', async () => {
    await publish('041002', yingkou, '2024-07-01T02:00:00.000Z');
    const s = await state('041002', 2024);
    assert.equal(s.version, 2);
    assert.deepEqual([s.days, s.late], [9, false]);
  });

  it('a late first publication stays late after a correction', async () => {
    const demo = { ...structuredClone(yingkou), unit: { ...yingkou.unit, code: '041099' } };
    await publish('041099', demo, '2024-03-10T02:00:00.000Z');
    await publish('041099', demo, '2024-03-11T02:00:00.000Z');
    const s = await state('041099', 2024);
    assert.deepEqual([s.version, s.days, s.late], [2, 34, true]);
  });

  it('a year without its own approval date shows none (another year’s date is not borrowed)', async () => {
    assert.equal((await store.getUnit('041002'))?.approvalDate, '2024-02-05', 'the unit row remembers 2024’s date');
    const s = await state('041002', 2023);
    assert.deepEqual([s.status, s.approvalDate, s.days, s.late], ['not-started', undefined, undefined, false]);
    const c = new TestClient(createApp(store, { log: () => {}, today: () => today }));
    await c.login('dept041', PW.dept041);
    const page = await c.page('/oversight?year=2023');
    assert.equal(page.status, 200);
    assert.match(page.text, /未填写 2023 年批复日期/);
    assert.doesNotMatch(page.text, /badge late/);
  });

  it('an unpublished draft counts to today, from its own year’s approval', async () => {
    const next = { ...structuredClone(yingkou), year: 2025, approvalDate: '2025-01-10' };
    const saved = await store.saveDraft({ unitCode: '041002', year: 2025, budget: next, edits: {}, baseVersion: 0, actor: 'officer041002' });
    assert.ok(saved.ok);
    today = new Date('2025-01-20T08:00:00Z');
    assert.deepEqual(await state('041002', 2025).then((s) => [s.approvalDate, s.days, s.late]), ['2025-01-10', 10, false]);
    today = new Date('2025-02-15T08:00:00Z');
    assert.deepEqual(await state('041002', 2025).then((s) => [s.days, s.late]), [36, true]);
    // The first publication stops the clock; a correction later does not restart it.
    await publish('041002', next, '2025-01-25T02:00:00.000Z', 2025);
    await publish('041002', next, '2025-03-01T02:00:00.000Z', 2025);
    assert.deepEqual(await state('041002', 2025).then((s) => [s.days, s.late]), [15, false]);
    // 2024 is unchanged by 2025's history.
    assert.deepEqual(await state('041002', 2024).then((s) => [s.approvalDate, s.days]), ['2024-02-05', 9]);
  });
});
