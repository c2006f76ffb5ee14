// The department page: 部门 = 本级 + Σ 所属单位, checked by the roll-up rules against the published
// department budget; the department's texts never a unit's.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { TestClient } from './test-client.ts';
import { generate } from '../pipeline/generate.ts';
import { departmentBudget } from '../generate/department-budget.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
const DEPT = { code: '041', name: '营口市营商环境建设局', regionCode: '210800' };

describe('department page', () => {
  let store: Store;
  let c: TestClient;
  const organ = { ...structuredClone(yingkou), unit: { ...yingkou.unit, code: '041001', name: '营口市营商环境建设局本级' } };
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' } });
    if (!(await store.getUnit('041002'))) throw new Error('seed missing');
    await store.upsertUnit({ code: '041001', name: organ.unit.name, regionCode: '210800', kind: '行政', scope: 'unit', departmentCode: '041', approvalDate: null });
    const g = generate(organ);
    await store.publish({ unitCode: '041001', year: 2024, disclosure: g.disclosure, budget: organ, findings: g.findings, reason: '首次公开', actor: 'admin' });
    c = new TestClient(createApp(store, { log: () => {} }));
  });
  after(() => store.close());

  it('without a published department budget: 本级 listed first, texts 待填写, nothing to check yet', async () => {
    const p = await c.page('/departments/041?year=2024');
    assert.equal(p.status, 200);
    assert.match(p.text, /<h1>2024年 营口市营商环境建设局 部门预算汇总<\/h1>/);
    assert.match(p.text, /部门名称：营口市营商环境建设局/);
    const rows = [...p.text.matchAll(/<tr data-unit="(\d+)">/g)].map((m) => m[1]);
    assert.deepEqual(rows, ['041001', '041002']);
    assert.match(p.text, /待填写/);
    for (const duty of yingkou.unit.duties as string[]) assert.ok(!p.text.includes(duty), duty);
    assert.match(p.text, /尚未公开 2024 年部门预算/);
  });

  it('a department budget equal to 本级 + 所属单位 passes; one that drops a unit is reported', async () => {
    const units = [organ, yingkou];
    const whole = generate(departmentBudget(DEPT, units));
    await store.publish({ unitCode: '041', year: 2024, disclosure: whole.disclosure, budget: null, findings: [], reason: '首次公开', actor: 'dept041' });
    const ok = await c.page('/departments/041?year=2024');
    assert.match(ok.text, /class="flash ok rollup-result">部门预算与本级及所属单位之和一致/);
    // A correction that leaves the 本级 out: the department is smaller than its parts.
    const partial = generate(departmentBudget(DEPT, [yingkou]));
    await store.publish({ unitCode: '041', year: 2024, disclosure: partial.disclosure, budget: null, findings: [], reason: '更正', actor: 'dept041' });
    const bad = await c.page('/departments/041?year=2024');
    assert.match(bad.text, /class="flash error rollup-result">发现 \d+ 处不一致/);
    assert.match(bad.text, /data-rule="rollup\.function"/);
    assert.match(bad.text, /部门数比所列单位/);
  });

  it('takes the department’s own texts from its own published department budget', async () => {
    const own = departmentBudget({ ...DEPT, dutiesIntro: '营口市营商环境建设局的主要职责是：', duties: ['统筹推进全市营商环境建设。'], goals: '全面提升营商环境。' }, [organ, yingkou]);
    const g = generate(own);
    await store.publish({ unitCode: '041', year: 2024, disclosure: g.disclosure, budget: own, findings: [], reason: '补充部门概况', actor: 'dept041' });
    const p = await c.page('/departments/041?year=2024');
    assert.match(p.text, /统筹推进全市营商环境建设/);
    assert.doesNotMatch(p.text, /待填写：营口市营商环境建设局的主要职责/);
    assert.match(p.text, /class="flash ok rollup-result"/);
  });
});
