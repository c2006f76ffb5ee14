/**
 * The portal for the people who use it (issue 14), in Debian chromium at 1366 px and 390 px:
 * no page wider than the screen, a collapsing menu on phones, axe without violations on every
 * public page, the document first on a unit page, the 20-day figure after a correction, a
 * comparison of two units whose classes are numbered differently, the department roll-up with
 * its 本级 and without a unit's texts, and each role landing where its work is.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { generate } from '../../src/pipeline/generate.ts';
import { type RunningPortal } from '../../src/server/start.ts';
import { DEMO_PASSWORDS, portalInBrowser, skipWithoutChromium, type PortalInBrowser } from '../support/browser-portal.ts';

const PW = DEMO_PASSWORDS;
const root = new URL('../../', import.meta.url);
const yingkou = JSON.parse(readFileSync(new URL('fixtures/yingkou-2024/budget.json', root), 'utf8'));
const AXE = readFileSync(new URL('node_modules/axe-core/axe.min.js', root), 'utf8');
/** Where screenshots go (look at them when changing the pages). */
const SHOTS = process.env.GONGKAI_SCREENSHOTS ?? join(tmpdir(), 'gongkai-screenshots');
const WIDTHS = [1366, 390] as const;

/** Every page a member of the public can open. */
const PUBLIC_PAGES = [
  '/',
  '/units/041002/2024',
  '/units/041002/2024?v=1',
  '/compare',
  '/compare?a=041002:2024&b=041099:2024',
  '/compare?a=041002:2024&b=041099:2024&changed=0',
  '/departments/041?year=2024',
  '/check',
  '/guide',
  '/login',
];

/** Yingkou's budget as another unit, with a 207 class line: its table 1 numbers 社会保障 "三、". */
function otherUnit(code: string, name: string) {
  const b = structuredClone(yingkou);
  b.unit.code = code;
  b.unit.name = name;
  b.unit.duties = ['负责本单位文化服务工作。'];
  b.lines.push({ ...b.lines.find((l: { kind: string }) => l.kind === 'public'), functionCode: '2070101', amount: '10000' });
  delete b.income.general;
  return b;
}

describe('the portal for its users, at 1366 and 390 px', { skip: skipWithoutChromium }, () => {
  let portal: RunningPortal;
  let browser: Browser;
  let env: PortalInBrowser;
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    env = await portalInBrowser('gongkai-people-');
    ({ portal, browser } = env);
    // The demo unit publishes a budget with one more function class; the department gets its 本级.
    const store = portal.store;
    const other = otherUnit('041099', '演示单位（示例，尚未编制）');
    const g = generate(other);
    assert.ok(g.disclosure, JSON.stringify(g.inputErrors));
    await store.publish({
      unitCode: '041099',
      year: 2024,
      disclosure: g.disclosure,
      budget: other,
      findings: g.findings,
      reason: '首次公开',
      actor: 'officer041099',
      publishedAt: '2024-02-20T02:00:00.000Z',
    });
    await store.upsertUnit({ code: '041001', name: '营口市营商环境建设局本级', regionCode: '210800', kind: '行政', scope: 'unit', departmentCode: '041', approvalDate: null });
    const organ = otherUnit('041001', '营口市营商环境建设局本级');
    const go = generate(organ);
    await store.publish({
      unitCode: '041001',
      year: 2024,
      disclosure: go.disclosure,
      budget: organ,
      findings: go.findings,
      reason: '首次公开',
      actor: 'admin',
      publishedAt: '2024-02-18T02:00:00.000Z',
    });
  });
  after(async () => {
    await env?.close();
  });

  const open = async (width: number): Promise<{ ctx: BrowserContext; page: Page }> => {
    // bypassCSP: axe is injected as a script of the test's own.
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, baseURL: portal.url, bypassCSP: true });
    return { ctx, page: await ctx.newPage() };
  };
  const signIn = async (page: Page, user: keyof typeof PW) => {
    await page.goto('/login');
    await page.fill('#username', user);
    await page.fill('#password', PW[user]);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('main button[type=submit]')]);
  };
  /** How far the page reaches beyond the viewport, with every collapsible section open. */
  const overflow = (page: Page) =>
    page.evaluate(() => {
      document.querySelectorAll('details').forEach((d) => (d.open = true));
      return document.documentElement.scrollWidth - document.documentElement.clientWidth;
    });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

  for (const width of WIDTHS) {
    it(`no public page is wider than ${width} px`, async () => {
      const { ctx, page } = await open(width);
      const wide: string[] = [];
      for (const path of PUBLIC_PAGES) {
        const res = await page.goto(path);
        assert.equal(res?.status(), 200, path);
        await shot(page, `${width}-${path.replace(/[^a-z0-9]+/gi, '_')}`);
        const over = await overflow(page);
        if (over > 0) wide.push(`${path}: ${over} px too wide`);
      }
      assert.deepEqual(wide, []);
      await ctx.close();
    });
  }

  it('on a phone the navigation folds behind 菜单 and opens on a tap', async () => {
    const { ctx, page } = await open(390);
    await page.goto('/');
    assert.equal(await page.isVisible('header.site nav'), false);
    assert.equal(await page.isVisible('.nav-toggle-label'), true);
    await page.click('.nav-toggle-label');
    assert.equal(await page.isVisible('header.site nav a[href="/compare"]'), true);
    assert.equal(await page.isVisible('header.site nav a[href="/guide"]'), true);
    await shot(page, '390-menu-open');
    // A nav link keeps one line (it wrapped one character per line before).
    const heights = await page.$$eval('header.site nav a', (as) => as.map((a) => a.getBoundingClientRect().height));
    assert.ok(
      heights.every((h) => h < 40),
      heights.join(','),
    );
    await ctx.close();
    const desk = await open(1366);
    await desk.page.goto('/');
    assert.equal(await desk.page.isVisible('header.site nav a[href="/compare"]'), true);
    assert.equal(await desk.page.isVisible('.nav-toggle-label'), false);
    await desk.ctx.close();
  });

  for (const width of WIDTHS) {
    it(`axe finds no violations on any public page at ${width} px`, async () => {
      const { ctx, page } = await open(width);
      const found: string[] = [];
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        await page.addScriptTag({ content: AXE });
        const r = (await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
          return axe.run(document, { resultTypes: ['violations'] });
        })) as { violations: { id: string; nodes: { target: unknown }[] }[] };
        for (const v of r.violations) found.push(`${path}: ${v.id} ×${v.nodes.length} ${JSON.stringify(v.nodes[0]?.target)}`);
      }
      assert.deepEqual(found, []);
      await ctx.close();
    });
  }

  it('a unit page puts the document first and the verification below, in plain Chinese', async () => {
    for (const width of WIDTHS) {
      const { ctx, page } = await open(width);
      await page.goto('/units/041002/2024');
      assert.equal(await page.locator('main').count(), 1, 'one <main>');
      assert.equal(await page.locator('h1').count(), 1, 'one <h1>');
      const firstTable = await page.locator('table[data-no="1"]').boundingBox();
      const verify = await page.locator('details.verify').boundingBox();
      assert.ok(firstTable && verify && firstTable.y < verify.y, 'the disclosure comes before 核验信息');
      assert.equal(await page.$eval('details.verify', (d) => (d as HTMLDetailsElement).open), false, '核验信息 starts folded');
      assert.match((await page.textContent('details.verify summary')) ?? '', /核验信息/);
      await page.click('details.verify summary');
      await page.locator('ul.findings').scrollIntoViewIfNeeded();
      await shot(page, `${width}-unit-findings`);
      // Rule titles in Chinese; ids only in data attributes.
      const findingsText = (await page.textContent('ul.findings')) ?? '';
      assert.doesNotMatch(findingsText, /\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\b/, 'no rule id shown');
      assert.ok((await page.locator('ul.findings li[data-rule]').count()) > 0);
      // The explanation gets the width: at least most of the list's width.
      const widths = await page.$eval('ul.findings li .finding-msg', (p) => [p.getBoundingClientRect().width, p.closest('ul')!.getBoundingClientRect().width]);
      assert.ok(widths[0]! > widths[1]! * 0.8, `explanation ${widths[0]} px of ${widths[1]} px`);
      const body = (await page.textContent('main')) ?? '';
      assert.doesNotMatch(body, /fixtures\/|budget\.json|\bsystem\b/);
      assert.match((await page.textContent('.content-hash')) ?? '', /^sha256:[0-9a-f]{64}$/);
      // The hash in the history and the badges keep one line.
      const lines = await page.$$eval('table.history .hash.short, .badge', (els) => els.filter((e) => e.getBoundingClientRect().height > 0).map((e) => e.getBoundingClientRect().height));
      assert.ok(lines.length > 0 && lines.every((h) => h < 30), lines.join(','));
      await ctx.close();
    }
    const icon = await fetch(`${portal.url}/favicon.ico`);
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /svg/);
  });

  it('after sign-in each role lands where its work is', async () => {
    const cases: [keyof typeof PW, RegExp][] = [
      ['dept041', /\/oversight$/],
      ['admin', /\/oversight$/],
      ['officer041002', /\/prepare$/],
    ];
    for (const [user, where] of cases) {
      const { ctx, page } = await open(1366);
      await signIn(page, user);
      assert.match(new URL(page.url()).pathname, where, user);
      await ctx.close();
    }
  });

  it('oversight: the 20-day figure stays after a correction; a year without approval date is shown as such', async () => {
    // The officer corrects the published 2024 budget (version 2), months after its approval.
    const officer = await open(1366);
    await signIn(officer.page, 'officer041002');
    const corrected = structuredClone(yingkou);
    corrected.reasons.total = '更正：补充增减原因';
    const saved = await portal.store.saveDraft({ unitCode: '041002', year: 2024, budget: corrected, edits: {}, baseVersion: 0, actor: 'officer041002' });
    assert.ok(saved.ok);
    await officer.page.goto('/prepare/041002/2024');
    if (await officer.page.locator('form.publish input[name=ack]').count()) await officer.page.check('form.publish input[name=ack]');
    await officer.page.fill('#reason', '补充增减原因');
    await Promise.all([officer.page.waitForURL(/\/units\/041002\/2024\?v=2/), officer.page.click('form.publish button[type=submit]')]);
    await officer.ctx.close();

    for (const width of WIDTHS) {
      const { ctx, page } = await open(width);
      await signIn(page, 'dept041');
      await page.goto('/oversight?year=2024');
      const row = page.locator('tr[data-unit="041002"]');
      assert.equal(await row.getAttribute('data-days'), '9', 'approval 2024-02-05 → first publication 2024-02-14');
      assert.equal(await row.getAttribute('data-late'), '0');
      assert.match((await row.textContent()) ?? '', /v2/);
      assert.equal(await row.locator('.badge.late').count(), 0);
      assert.equal(await page.locator('tr[data-unit="041099"]').getAttribute('data-days'), '15');
      await shot(page, `${width}-oversight`);
      assert.ok((await overflow(page)) <= 0, 'oversight fits the screen');
      await page.goto('/oversight?year=2023');
      assert.match((await page.textContent('tr[data-unit="041002"] td.approval')) ?? '', /未填写 2023 年批复日期/);
      assert.equal(await page.locator('.badge.late').count(), 0, 'no other year’s date borrowed');
      await ctx.close();
    }
  });

  it('comparison of two units numbered differently matches classes by code and shows text changes', async () => {
    for (const width of WIDTHS) {
      const { ctx, page } = await open(width);
      await page.goto('/compare?a=041002:2024&b=041099:2024');
      assert.equal(await page.isChecked('input[type=checkbox][name=changed]'), true, 'only changed rows by default');
      const t1 = page.locator('table.compare[data-table="1"]');
      // 208 社会保障和就业支出 is "二、" in one and "三、" in the other: equal, so not listed as changed.
      assert.equal(await t1.locator('tr[data-key="208"]').count(), 0);
      const culture = await t1.locator('tr[data-key="207"] td').allTextContents();
      assert.deepEqual(culture.slice(3, 5), ['—', '1.00']);
      assert.ok(!(await t1.locator('tr').allTextContents()).some((r) => /收入/.test(r) && /支出/.test(r)), 'no income label on an expenditure row');
      assert.ok((await page.locator('ul.text-changes li').count()) > 0, 'text changes shown');
      assert.doesNotMatch((await page.textContent('main')) ?? '', /金额完全一致/);
      await shot(page, `${width}-compare`);
      await page.goto('/compare?a=041002:2024&b=041099:2024&changed=0');
      const social = await page.locator('table.compare[data-table="1"] tr[data-key="208"] td').allTextContents();
      assert.deepEqual(social.slice(1, 6), ['社会保障和就业支出', '支出·预算数', '100.91', '100.91', '']);
      await ctx.close();
    }
    // Any two versions: both versions of 041002 2024 are offered.
    const { ctx, page } = await open(1366);
    await page.goto('/compare');
    const values = await page.$$eval('#cmp-a option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(values.includes('041002:2024:1') && values.includes('041002:2024:2'), values.join(' '));
    await page.selectOption('#cmp-a', '041002:2024:1');
    await page.selectOption('#cmp-b', '041002:2024:2');
    await Promise.all([page.waitForURL(/compare\?a=041002/), page.click('form.compare-form button')]);
    assert.match((await page.textContent('.compare-summary')) ?? '', /文字：\d+ 处有改动/);
    assert.match((await page.textContent('ul.text-changes')) ?? '', /补充增减原因/);
    await ctx.close();
  });

  it('the department roll-up: 本级 first, the department’s name, no unit’s duties as the department’s, sums checked', async () => {
    for (const width of WIDTHS) {
      const { ctx, page } = await open(width);
      await page.goto('/departments/041?year=2024');
      assert.match((await page.textContent('h1')) ?? '', /营口市营商环境建设局 部门预算汇总/);
      const first = page.locator('table.rollup tbody tr').first();
      assert.equal(await first.getAttribute('data-unit'), '041001');
      assert.match((await first.textContent()) ?? '', /本级/);
      assert.equal(await page.locator('.no-own-organ').count(), 0);
      const doc = (await page.textContent('.disclosure-body')) ?? '';
      assert.match(doc, /待填写/);
      assert.match(doc, /部门名称|营口市营商环境建设局/);
      for (const duty of yingkou.unit.duties as string[]) assert.ok(!doc.includes(duty), `a unit's duty printed as the department's: ${duty}`);
      assert.ok(!doc.includes('负责本单位文化服务工作'));
      assert.match((await page.textContent('main')) ?? '', /尚未公开 2024 年部门预算|部门预算与本级及所属单位之和/);
      await shot(page, `${width}-department`);
      await ctx.close();
    }
  });
});
