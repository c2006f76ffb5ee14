/** The charts as a reader sees them in Chromium: text size on the screen, figures as the tables print them, the page's colours. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderHtml } from './html.ts';
import { CHART_INK, CHART_PALETTE } from './charts-svg.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const dir = mkdtempSync(join(tmpdir(), 'gongkai-charts-'));

test('chart text is at least 12 px on screen on a desktop and a phone; values as printed; colours from the page', async () => {
  const file = join(dir, 'index.html');
  writeFileSync(file, renderHtml(yingkouDisclosure()));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.goto(pathToFileURL(file).href);
      const texts = await page.$$eval('figure.chart svg text', (els) =>
        els.map((e) => {
          const t = e as SVGTextElement;
          const scale = t.getScreenCTM()?.a ?? 1;
          return { text: t.textContent ?? '', px: parseFloat(getComputedStyle(t).fontSize) * scale };
        }),
      );
      assert.ok(texts.length > 10, `${texts.length} texts`);
      const small = texts.filter((t) => t.text.trim() !== '' && t.px < 11.95);
      assert.deepEqual(small, [], `every label ≥ 12 px at ${viewport.width} px wide`);
      if (viewport.width === 1280) {
        await page.locator('section.charts-block').screenshot({ path: join(dir, 'charts.png') });
        const all = texts.map((t) => t.text).join(' ');
        assert.match(all, /1,684\.78/, 'bar values with thousands separators, as the tables print them');
        assert.doesNotMatch(all, /(^|\s)1684\.78/, 'no unformatted values');
        const fills = await page.$$eval('figure.chart svg path, figure.chart svg rect', (els) =>
          els.map((e) => (e.getAttribute('fill') ?? '').toLowerCase()).filter((f) => f && f !== 'none' && f !== 'transparent' && f !== '#fff' && f !== '#ffffff'),
        );
        const allowed = new Set<string>([...CHART_PALETTE, CHART_INK, '#57606a', '#d0d7de'].map((c) => c.toLowerCase()));
        const foreign = [...new Set(fills)].filter((f) => !allowed.has(f) && !/^rgba?\(/.test(f));
        assert.deepEqual(foreign, [], 'only the page palette');
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
