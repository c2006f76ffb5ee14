/**
 * Browser tests of the portal: Debian chromium driven by playwright-core against a server started
 * in-process on a random port with a temporary data directory (SQLite).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { writeInputWorkbook } from '../../src/input/write-input-workbook.ts';
import { type RunningPortal } from '../../src/server/start.ts';
import { DEMO_PASSWORDS, portalInBrowser, skipWithoutChromium, type PortalInBrowser } from '../support/browser-portal.ts';

const PW = DEMO_PASSWORDS;
const root = new URL('../../', import.meta.url);
const yingkou = JSON.parse(readFileSync(new URL('fixtures/yingkou-2024/budget.json', root), 'utf8'));
const corpusDoc = new URL('fixtures/corpus/yingkou-business-env-center-2024-budget.txt', root).pathname;
/** Where screenshots go (look at them when changing the pages). */
const SHOTS = process.env.GONGKAI_SCREENSHOTS ?? join(tmpdir(), 'gongkai-screenshots');

/** Copies every cell of a workbook written for `budget` into the downloaded template. */
async function fillTemplate(templatePath: string, budget: unknown, spoil?: (wb: XLSX.WorkBook) => void): Promise<Buffer> {
  const tpl = XLSX.read(readFileSync(templatePath), { type: 'buffer' });
  const filled = XLSX.read(await writeInputWorkbook(budget as never), { type: 'buffer' });
  for (const name of filled.SheetNames) {
    const target = tpl.Sheets[name];
    assert.ok(target, `template has sheet ${name}`);
    XLSX.utils.sheet_add_aoa(target, XLSX.utils.sheet_to_json<unknown[]>(filled.Sheets[name]!, { header: 1, raw: true, blankrows: true }), { origin: 'A1' });
  }
  spoil?.(tpl);
  return XLSX.write(tpl, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** Sets one cell of a sheet (SheetJS). */
function setCell(wb: XLSX.WorkBook, sheet: string, addr: string, v: string) {
  XLSX.utils.sheet_add_aoa(wb.Sheets[sheet]!, [[v]], { origin: addr });
}

describe('portal in a browser', { skip: skipWithoutChromium }, () => {
  let portal: RunningPortal;
  let browser: Browser;
  let dir: string;
  let env: PortalInBrowser;
  before(async () => {
    env = await portalInBrowser('gongkai-browser-');
    ({ portal, browser, dir } = env);
  });
  after(async () => {
    await env?.close();
  });

  const newPage = async (): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, baseURL: portal.url });
    return { ctx, page: await ctx.newPage() };
  };
  const signIn = async (page: Page, user: keyof typeof PW) => {
    await page.goto('/login');
    await page.fill('#username', user);
    await page.fill('#password', PW[user]);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
  };

  it('first start shows the Yingkou disclosure with its 17 tables and charts', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/');
    await page.click('text=营口市营商环境建设中心（营口市公共资源交易中心）');
    await page.waitForURL(/\/units\/041002\/2024$/);
    const nos = await page.$$eval('table[data-no]', (ts) => [...new Set(ts.map((t) => Number(t.getAttribute('data-no'))))].sort((a, b) => a - b));
    assert.deepEqual(
      nos,
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
    assert.ok((await page.locator('figure.chart svg').count()) >= 2, 'charts drawn as SVG');
    assert.match((await page.textContent('.content-hash')) ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(await page.locator('table.history tr.version-row').count(), 1);
    await page.screenshot({ path: join(SHOTS, 'unit-page.png') });
    await ctx.close();
  });

  it('an officer downloads the template, uploads a filled workbook, sees findings, fixes a reason, publishes', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, 'officer041002');
    await page.goto('/prepare/041002/2024');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('text=下载空白录入模板')]);
    const templatePath = join(dir, 'template.xlsx');
    await dl.saveAs(templatePath);

    // A workbook with bad cells is refused cell by cell and changes nothing.
    const projectRow = yingkou.lines.findIndex((l: { kind: string }) => l.kind === 'project') + 2;
    const bad = await fillTemplate(templatePath, yingkou, (wb) => {
      setCell(wb, '支出明细', 'A3', '2999999'); // unknown function code
      setCell(wb, '支出明细', 'F4', '很多'); // text in an amount
      setCell(wb, '支出明细', `E${projectRow}`, 'P99'); // missing project
    });
    writeFileSync(join(dir, 'bad.xlsx'), bad);
    await page.setInputFiles('#budget-file', join(dir, 'bad.xlsx'));
    await Promise.all([page.waitForLoadState('load'), page.click('form.upload button[type=submit]')]);
    const cellErrors = await page.$$eval('table.cell-errors tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    assert.equal(cellErrors.length, 3, JSON.stringify(cellErrors));
    assert.deepEqual(cellErrors.map((r) => r.slice(0, 3).join(' ')).sort(), ['支出明细 3 A', '支出明细 4 F', `支出明细 ${projectRow} E`].sort());
    assert.equal(await portal.store.getDraft('041002', 2024), undefined);

    // The real upload: prior-year total changed, reason left empty.
    const budget = structuredClone(yingkou);
    budget.prior.total = '22000000';
    budget.reasons.total = '';
    writeFileSync(join(dir, 'filled.xlsx'), await fillTemplate(templatePath, budget));
    await page.goto('/prepare/041002/2024');
    await page.setInputFiles('#budget-file', join(dir, 'filled.xlsx'));
    await Promise.all([page.waitForURL(/saved=1/), page.click('form.upload button[type=submit]')]);
    const findings = await page.textContent('ul.findings');
    assert.match(findings ?? '', /未说明原因/);
    await page.screenshot({ path: join(SHOTS, 'draft-page.png'), fullPage: false });

    await page.fill('textarea[name="t:reasons.total"]', '单位机构人员经费相关费用减少');
    await Promise.all([page.waitForURL(/saved=1/), page.click('form.texts button[type=submit]')]);
    assert.doesNotMatch((await page.textContent('ul.findings')) ?? '', /未说明原因/);
    assert.equal((await portal.store.getDraft('041002', 2024))?.version, 2);

    // Publishing without acknowledging the warnings is refused; with it, version 2 is out.
    await page.fill('#reason', '更正上年支出数并补充增减原因');
    await Promise.all([page.waitForLoadState('load'), page.click('form.publish button[type=submit]')]);
    assert.match((await page.textContent('main')) ?? '', /已知悉警告/);
    await page.goto('/prepare/041002/2024');
    await page.check('form.publish input[name=ack]');
    await page.fill('#reason', '更正上年支出数并补充增减原因');
    await Promise.all([page.waitForURL(/\/units\/041002\/2024\?v=2/), page.click('form.publish button[type=submit]')]);
    await ctx.close();
  });

  it('the public page shows the new version and its history', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/units/041002/2024');
    assert.match((await page.textContent('main p.muted')) ?? '', /第 2 版/);
    const rows = await page.$$eval('table.history tr.version-row', (rs) => rs.map((r) => r.textContent ?? ''));
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /v2.*更正上年支出数并补充增减原因/);
    assert.match(rows[1]!, /v1/);
    assert.match((await page.textContent('.version-diff')) ?? '', /单位机构人员经费相关费用减少/);
    await page.screenshot({ path: join(SHOTS, 'history.png'), fullPage: false });
    await ctx.close();
  });

  it('an officer of another unit gets 403 trying to change it, and nothing changes', async () => {
    const { ctx, page } = await newPage();
    await signIn(page, 'officer041099');
    const before = await portal.store.getDraft('041002', 2024);
    const view = await page.goto('/prepare/041002/2024');
    assert.equal(view?.status(), 403);
    // A forged form post with the intruder's own valid CSRF token.
    const status = await page.evaluate(async () => {
      const csrf = (document.querySelector('input[name=_csrf]') as HTMLInputElement).value;
      const fd = new FormData();
      fd.set('_csrf', csrf);
      fd.set('baseVersion', '2');
      fd.set('t:reasons.total', '篡改');
      const r1 = await fetch('/prepare/041002/2024/texts', { method: 'POST', body: fd });
      const fd2 = new FormData();
      fd2.set('_csrf', csrf);
      fd2.set('baseVersion', '2');
      fd2.set('ack', '1');
      fd2.set('reason', '篡改');
      const r2 = await fetch('/prepare/041002/2024/publish', { method: 'POST', body: fd2 });
      return [r1.status, r2.status];
    });
    assert.deepEqual(status, [403, 403]);
    assert.deepEqual(await portal.store.getDraft('041002', 2024), before);
    assert.equal((await portal.store.listVersions('041002', 2024)).length, 2);
    const refused = await portal.store.listAudit({ outcome: 'refused' });
    assert.ok(refused.some((e) => e.actor === 'officer041099' && e.action === 'draft.update'));
    await ctx.close();
  });

  it('comparison page and department roll-up show correct figures', async () => {
    // The demo unit publishes its own budget: Yingkou's with 10.00 万元 more basic salary.
    const { ctx, page } = await newPage();
    await signIn(page, 'officer041099');
    const demo = structuredClone(yingkou);
    demo.unit.code = '041099';
    demo.unit.name = '演示单位（示例，尚未编制）';
    demo.lines[0].amount = '3680600';
    demo.income.general = '18713800';
    writeFileSync(join(dir, 'demo.json'), JSON.stringify(demo));
    await page.goto('/prepare/041099/2024');
    await page.setInputFiles('#budget-file', join(dir, 'demo.json'));
    await Promise.all([page.waitForURL(/saved=1/), page.click('form.upload button[type=submit]')]);
    await page.check('form.publish input[name=ack]');
    await Promise.all([page.waitForURL(/\/units\/041099\/2024\?v=1/), page.click('form.publish button[type=submit]')]);

    await page.goto('/compare?a=041002:2024&b=041099:2024');
    const row = page.locator('table.compare[data-table="3"] tr[data-key="2010350"]').first();
    const cells = await row.locator('td').allTextContents();
    assert.deepEqual(cells.slice(3), ['792.49', '802.49', '+10.00', '+1.3%']);
    assert.equal(await row.locator('td.up').count(), 2, 'the increase is highlighted');
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: false });

    await page.goto('/departments/041?year=2024');
    const sum = await page.$$eval('table.rollup tr.sum-row th.num', (ths) => ths.map((t) => t.textContent));
    assert.deepEqual(sum.slice(0, 1), ['3,732.76']);
    assert.equal(await page.locator('table.rollup tbody tr').count(), 3);
    await page.screenshot({ path: join(SHOTS, 'department.png'), fullPage: false });
    await ctx.close();
  });

  it('uploading a corpus document on the check page lists its findings', async () => {
    const { ctx, page } = await newPage();
    await page.goto('/check');
    await page.setInputFiles('#check-file', corpusDoc);
    await Promise.all([page.waitForLoadState('load'), page.click('main form button[type=submit]')]);
    const summary = (await page.textContent('.findings-summary')) ?? '';
    assert.match(summary, /错误 [1-9]/);
    assert.ok((await page.locator('ul.findings li.finding').count()) >= 5);
    assert.match((await page.textContent('ul.findings')) ?? '', /表2|收入预算总表/);
    await ctx.close();
  });
});
