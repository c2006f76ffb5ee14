import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_TEMPLATE, loadTemplate } from '../core/template.ts';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { TestClient } from './test-client.ts';
import { generationTemplates, layoutLabel, provinceOf, regionTemplate, unitTemplate } from './unit-template.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('template per unit: by region, overridable by the bureau', () => {
  it('a region takes its province template (matched by the template’s region), others the default', () => {
    assert.equal(provinceOf('210800'), '210000');
    assert.equal(regionTemplate('210800'), 'liaoning-2024');
    assert.equal(regionTemplate('310107'), 'shanghai-2026');
    assert.equal(regionTemplate('320000'), 'jiangsu-2019');
    assert.equal(regionTemplate('440305'), 'shenzhen-2026', 'a district of Shenzhen: the city’s layout');
    assert.equal(regionTemplate('110105'), 'beijing-2026');
    assert.equal(regionTemplate('440100'), DEFAULT_TEMPLATE, 'Guangzhou: no layout of its own nor of Guangdong');
    assert.equal(regionTemplate('510000'), DEFAULT_TEMPLATE);
    assert.ok(!generationTemplates().some((t) => t.kind !== 'budget'), 'final-account and reading-only layouts are not offered');
  });

  it('the bureau’s choice wins while the template exists', () => {
    assert.equal(unitTemplate({ regionCode: '210800', template: 'shanghai-2026' }), 'shanghai-2026');
    assert.equal(unitTemplate({ regionCode: '210800', template: 'removed-layout' }), 'liaoning-2024');
    assert.equal(unitTemplate({ regionCode: '310107', template: null }), 'shanghai-2026');
    assert.equal(layoutLabel('liaoning-2024'), `版式：${loadTemplate('liaoning-2024').name}`);
  });
});

describe('portal: unit layout setting and the public page', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: PW });
    app = createApp(store, { log: () => {}, maxUploadBytes: 2 * 1024 * 1024 });
  });
  after(() => store.close());

  it('the public unit page says which layout it follows', async () => {
    const p = await new TestClient(app).page('/units/041002/2024');
    assert.equal(p.status, 200);
    assert.ok(p.text.includes(`版式：${loadTemplate('liaoning-2024').name}`), 'layout named on the page');
  });

  it('a unit officer may not change the layout; the department may, it is audited and generation follows it', async () => {
    const officer = new TestClient(app);
    assert.equal((await officer.login('officer041002', PW.officer041002)).status, 200);
    assert.equal((await officer.page('/oversight/units/041002/template')).status, 403);
    assert.equal((await officer.form('/oversight/units/041002/template', { template: 'shanghai-2026' })).status, 403);
    assert.equal((await store.getUnit('041002'))?.template, null);

    const dept = new TestClient(app);
    assert.equal((await dept.login('dept041', PW.dept041)).status, 200);
    assert.match((await dept.page('/oversight')).text, /href="\/oversight\/units\/041002\/template">版式</);
    const form = await dept.page('/oversight/units/041002/template');
    assert.equal(form.status, 200);
    assert.match(form.text, /按地区：辽宁省/);
    assert.match(form.text, /value="shanghai-2026"/);
    const bad = await dept.form('/oversight/units/041002/template', { template: 'no-such-layout' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /没有名为“no-such-layout”的可用于生成的版式/);
    const saved = await dept.form('/oversight/units/041002/template', { template: 'shanghai-2026' });
    assert.equal(saved.status, 303);
    assert.equal((await store.getUnit('041002'))?.template, 'shanghai-2026');
    const after = await dept.page('/oversight/units/041002/template?saved=1');
    assert.match(after.text, /已保存/);
    assert.match(after.text, /（由财政部门指定）/);
    const audit = await store.listAudit({ action: 'unit.template' });
    assert.match(audit[0]?.detail ?? '', /按地区 → shanghai-2026/);

    // The officer's draft is now generated in the chosen layout.
    const put = await officer.json('PUT', '/api/drafts/041002/2025', { budget: { ...yingkou, year: 2025 }, baseVersion: 0 });
    assert.equal(put.status, 200, await put.clone().text());
    const draft = (await (await officer.request('/api/drafts/041002/2025')).json()) as { disclosure: { template: string; tables: unknown[] } };
    assert.equal(draft.disclosure.template, 'shanghai-2026');
    assert.equal(draft.disclosure.tables.length, loadTemplate('shanghai-2026').tables.length);

    // Back to the region's layout.
    assert.equal((await dept.form('/oversight/units/041002/template', { template: '' })).status, 303);
    assert.equal((await store.getUnit('041002'))?.template, null);
    const again = (await (await officer.request('/api/drafts/041002/2025')).json()) as { disclosure: { template: string } };
    assert.equal(again.disclosure.template, 'liaoning-2024');
  });
});
