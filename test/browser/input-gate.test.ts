/**
 * The input gate in a browser (Debian chromium, playwright-core), at a desktop and a phone width:
 * an invalid budget JSON uploaded over a good draft is refused with located Chinese messages and
 * the draft stays as it was; the refusal page has no English sentence and fits the phone screen.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { type RunningPortal } from '../../src/server/start.ts';
import { englishSentences, visibleText } from '../support/english-sentences.ts';
import { DEMO_PASSWORDS, portalInBrowser, skipWithoutChromium, type PortalInBrowser } from '../support/browser-portal.ts';

const PW = DEMO_PASSWORDS;
const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('input gate in a browser', { skip: skipWithoutChromium }, () => {
  let portal: RunningPortal;
  let browser: Browser;
  let dir: string;
  let env: PortalInBrowser;
  before(async () => {
    env = await portalInBrowser('gongkai-gate-');
    ({ portal, browser, dir } = env);
  });
  after(async () => {
    await env?.close();
  });

  const signedIn = async (width: number): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, baseURL: portal.url });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.fill('#username', 'officer041002');
    await page.fill('#password', PW.officer041002);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
    return page;
  };

  const upload = async (page: Page, file: string, expectSaved: boolean) => {
    await page.goto('/prepare/041002/2024');
    await page.setInputFiles('#budget-file', file);
    await Promise.all([expectSaved ? page.waitForURL(/saved=1/) : page.waitForLoadState('load'), page.click('form.upload button[type=submit]')]);
  };

  for (const width of [1366, 390]) {
    it(`at ${width} px: an invalid JSON upload leaves the draft unchanged and says where, in Chinese`, async () => {
      const page = await signedIn(width);
      // A good draft first.
      const good = structuredClone(yingkou);
      good.reasons.total = `第 ${width} 次的说明`;
      writeFileSync(join(dir, 'good.json'), JSON.stringify(good, null, 2));
      await upload(page, join(dir, 'good.json'), true);
      const version = Number(/草稿第 (\d+) 稿/.exec((await page.textContent('h1')) ?? '')?.[1]);
      assert.ok(version >= 1, 'the good upload is saved as a draft');

      // Then a budget with a negative amount, and one with a misspelt field.
      const negative = structuredClone(good);
      negative.lines[3].amount = -1617000;
      const text = JSON.stringify(negative, null, 2);
      writeFileSync(join(dir, 'negative.json'), text);
      await upload(page, join(dir, 'negative.json'), false);
      const body = (await page.textContent('body')) ?? '';
      assert.match(body, /草稿没有改动/);
      assert.doesNotMatch(body, /已保存/);
      const line = text.slice(0, text.indexOf('"amount": -1617000')).split('\n').length;
      const errorRows = () => page.$$eval('table.cell-errors tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
      const rows = await errorRows();
      assert.ok(
        rows.some((r) => r[0]!.startsWith(`第 ${line} 行`) && r[1] === 'lines[3].amount' && r[2] === '第4条支出明细（lines[3]）金额不能为负数（现为 -1617000）'),
        JSON.stringify(rows),
      );
      assert.deepEqual(englishSentences(visibleText(await page.content())), [], 'no English sentence on the refusal page');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than the ${width} px screen`);

      const misspelt = structuredClone(good);
      misspelt.lines[5].amout = '1';
      writeFileSync(join(dir, 'misspelt.json'), JSON.stringify(misspelt, null, 2));
      await upload(page, join(dir, 'misspelt.json'), false);
      const rows2 = await errorRows();
      assert.ok(
        rows2.some((r) => /^第 \d+ 行第 \d+ 列$/.test(r[0]!) && r[1] === 'lines[5].amout' && r[2] === '第6条支出明细（lines[5]）中的未知字段 amout，是否应为 amount？'),
        JSON.stringify(rows2),
      );

      // The draft is the good one, unchanged.
      await page.goto('/prepare/041002/2024');
      assert.match((await page.textContent('h1')) ?? '', new RegExp(`草稿第 ${version} 稿`));
      assert.equal(await page.inputValue('textarea[name="t:reasons.total"]'), `第 ${width} 次的说明`);
      await page.context().close();
    });
  }
});
