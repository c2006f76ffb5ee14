import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Store } from '../../store/store.ts';
import { createApp } from '../app.ts';
import { bootstrap } from '../bootstrap.ts';
import { TestClient } from '../test-client.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const yingkou = JSON.parse(readFileSync(new URL('../../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('the input gate on the portal: an invalid budget never replaces the draft', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let o: TestClient;
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: PW });
    app = createApp(store, { log: () => {}, maxUploadBytes: 2 * 1024 * 1024 });
    o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    await o.page('/prepare/041002/2024');
    const first = await o.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 });
    assert.equal(first.status, 200);
  });
  after(() => store.close());

  const upload = (text: string, name = 'budget.json') => o.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob([text]) }, { filename: name });

  it('a negative amount: 400, the draft unchanged, the message in Chinese with its line and field', async () => {
    const before = await store.getDraft('041002', 2024);
    const b = structuredClone(yingkou);
    b.lines[3].amount = -1617000;
    const text = JSON.stringify(b, null, 2);
    const res = await upload(text);
    const page = await res.text();
    assert.equal(res.status, 400);
    assert.deepEqual(await store.getDraft('041002', 2024), before, 'the draft is unchanged');
    const line = text.slice(0, text.indexOf('"amount": -1617000')).split('\n').length;
    assert.match(page, /草稿没有改动/);
    assert.match(page, new RegExp(`第 ${line} 行第 \\d+ 列`));
    assert.match(page, /第4条支出明细（lines\[3\]）金额不能为负数（现为 -1617000）/);
    assert.doesNotMatch(page, /已保存/);
    assert.doesNotMatch(page, /is negative|Invalid input/);
  });

  it('a misspelt field is refused with a suggestion; a misspelt optional key is not ignored', async () => {
    const before = await store.getDraft('041002', 2024);
    const b = structuredClone(yingkou);
    b.lines[0].amout = b.lines[0].amount;
    delete b.lines[0].amount;
    b.incme = { general: '1' };
    const page = await (await upload(JSON.stringify(b))).text();
    assert.match(page, /第1条支出明细（lines\[0\]）中的未知字段 amout，是否应为 amount？/);
    assert.match(page, /未知字段 incme，是否应为 income？/);
    assert.deepEqual(await store.getDraft('041002', 2024), before);
  });

  it('a valid upload is saved as the next draft', async () => {
    const b = structuredClone(yingkou);
    b.reasons.total = '新的说明';
    const res = await upload(JSON.stringify(b));
    assert.equal(res.status, 303);
    const d = await store.getDraft('041002', 2024);
    assert.equal(d?.version, 2);
  });

  it('the JSON API refuses an invalid budget with 422 and the located problems; the draft stays', async () => {
    const before = await store.getDraft('041002', 2024);
    const b = structuredClone(yingkou);
    b.lines[5].econCode = '40101';
    const res = await o.json('PUT', '/api/drafts/041002/2024', { budget: b, baseVersion: before!.version });
    assert.equal(res.status, 422);
    const body = (await res.json()) as { error: string; inputErrors: { path: string; message: string }[] };
    assert.match(body.error, /草稿没有改动/);
    assert.ok(body.inputErrors.some((e) => e.path === 'lines[5].econCode' && /40101 不是部门预算支出经济分类科目/.test(e.message)));
    assert.deepEqual(await store.getDraft('041002', 2024), before);
  });
});
