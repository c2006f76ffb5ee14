import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from './html.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';
import { readHtml } from '../read/html/read-html.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SCREENSHOT_DIR = mkdtempSync(join(tmpdir(), 'gongkai-html-'));

test('chromium shows all 17 table captions and the charts as SVG; axe finds no serious or critical violations', async () => {
  const d = yingkouDisclosure();
  const file = join(SCREENSHOT_DIR, 'index.html');
  writeFileSync(file, renderHtml(d));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: true });
    await page.goto(pathToFileURL(file).href);
    const captions = await page.$$eval('table caption .no', (els) => els.map((e) => e.textContent ?? ''));
    const numbers = new Set(captions.map((c) => Number(/表(\d+)/.exec(c)?.[1])));
    for (let n = 1; n <= 17; n++) assert.ok(numbers.has(n), `caption 表${n}`);
    assert.equal(captions.filter((c) => c.startsWith('表17-')).length, 9);
    const charts = await page.$$eval('figure.chart [role="img"] > svg', (els) => els.length);
    assert.ok(charts >= 3, `charts as inline SVG: ${charts}`);
    const alt = await page.$eval('#chart-function [role="img"]', (e) => e.getAttribute('aria-label') ?? '');
    assert.match(alt, /201 一般公共服务支出 1,684\.78/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'desktop.png'), fullPage: false });
    await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
    const result = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
      return axe.run(document, { resultTypes: ['violations'] });
    })) as { violations: { id: string; impact: string; nodes: unknown[] }[] };
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      serious.map((v) => `${v.id} (${v.nodes.length})`),
      [],
    );
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(pathToFileURL(file).href + '#t3');
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no page-wide horizontal scroll on a phone (${overflow}px)`);
    await phone.screenshot({ path: join(SCREENSHOT_DIR, 'phone.png') });
  } finally {
    await browser.close();
  }
});

test('hostile text stays inert in the page and reads back as text', async () => {
  const d = yingkouDisclosure();
  d.unit.name = '<script>alert(1)</script>';
  d.narrative[0]!.text = `=HYPERLINK("http://x")\n+cmd|' /C calc'!A0`;
  d.tables[2]!.rows[3]![1] = '<img src=x onerror=alert(2)>';
  const html = renderHtml(d);
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const back = readHtml(Buffer.from(html), 'h.html').disclosure;
  assert.equal(back.unit.name, '<script>alert(1)</script>');
  assert.equal(back.narrative[0]!.text, `=HYPERLINK("http://x")\n+cmd|' /C calc'!A0`);
  assert.equal(back.tables[2]!.rows[3]![1], '<img src=x onerror=alert(2)>');
  const file = join(SCREENSHOT_DIR, 'hostile.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dlg) => {
      dialogs.push(dlg.message());
      void dlg.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.$$eval('script', (s) => s.length), 0);
    assert.equal(await page.$eval('h1', (e) => e.textContent ?? ''), `2024年<script>alert(1)</script>单位预算公开`);
    assert.deepEqual(dialogs, []);
  } finally {
    await browser.close();
  }
});

test('a portal page without thead: th rows are the header, 单位 line and caption read', () => {
  const html = `<html><head><title>2024年某局部门预算公开</title></head><body><h1>2024年某局部门预算公开</h1>
  <p>表3</p><table><caption>支出预算总表</caption>
  <tr><th rowspan="2">科目编码</th><th rowspan="2">科目名称</th><th rowspan="2">合计</th><th colspan="3">基本支出</th><th rowspan="2">项目支出</th></tr>
  <tr><th>小计</th><th>人员经费</th><th>公用经费</th></tr>
  <tr><td></td><td>合计</td><td>10.00</td><td>10.00</td><td>8.00</td><td>2.00</td><td></td></tr>
  <tr><td>201</td><td>一般公共服务支出</td><td> 10.00 </td><td>10.00</td><td>8.00</td><td>2.00</td><td></td></tr></table>
  <script>document.write('x')</script></body></html>`;
  const { disclosure } = readHtml(Buffer.from(html), 'portal.html');
  const t = disclosure.tables[0]!;
  assert.equal(disclosure.year, 2024);
  assert.equal(t.no, 3);
  assert.equal(t.title, '支出预算总表');
  assert.deepEqual(t.header[0], ['科目编码', '科目名称', '合计', '基本支出', '', '', '项目支出']);
  assert.deepEqual(t.header[1], ['', '', '', '小计', '人员经费', '公用经费', '']);
  assert.deepEqual(t.rows[1], ['201', '一般公共服务支出', '10.00', '10.00', '8.00', '2.00', '']);
});
