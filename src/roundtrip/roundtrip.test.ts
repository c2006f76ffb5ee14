import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBudget } from '../synth/random-budget.ts';
import { renderHtml } from '../render/html.ts';
import { renderXlsx } from '../render/xlsx.ts';
import { renderPdf } from '../render/pdf.ts';
import { dataPackageFiles } from '../render/data-package.ts';
import { readHtml } from '../read/html/read-html.ts';
import { readXlsx } from '../read/xlsx/read-xlsx.ts';
import { readPdf } from '../read/pdf/read-pdf.ts';
import { compareDisclosures, formatDifferences } from './compare.ts';
import { readDataPackageFiles } from './read-data-package.ts';
import { roundTrip } from './roundtrip.ts';
import { disclosureOfBudget, yingkouBudgetJson, yingkouDisclosure } from './yingkou.ts';

const RANDOM = Number(process.env.GONGKAI_ROUNDTRIP_N ?? 200);
const RANDOM_PDF = Number(process.env.GONGKAI_ROUNDTRIP_PDF_N ?? 200);

test('Yingkou: html, xlsx, pdf and data read back exactly', async () => {
  const d = yingkouDisclosure();
  const results = await roundTrip(d, mkdtempSync(join(tmpdir(), 'gongkai-rt-')), ['html', 'xlsx', 'pdf', 'data'], yingkouBudgetJson());
  for (const r of results) {
    assert.deepEqual(r.problems, [], `${r.format} reader problems`);
    assert.equal(r.differences.length, 0, `${r.format}:\n${formatDifferences(r.differences)}`);
  }
});

test('compare reports a changed cell with its place', () => {
  const a = yingkouDisclosure();
  const b = structuredClone(a);
  b.tables[2]!.rows[0]![2] = '1,861.39';
  const diffs = compareDisclosures(a, b);
  assert.equal(diffs.length, 1);
  assert.deepEqual(diffs[0], { where: '表3 第1行第3列', expected: '"1,861.38"', found: '"1,861.39"' });
});

test(`${RANDOM} random budgets: data, xlsx and html read back exactly`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-rt-data-'));
  for (let seed = 1; seed <= RANDOM; seed++) {
    const budget = randomBudget(seed);
    const d = disclosureOfBudget(budget);
    const data = compareDisclosures(d, readDataPackageFiles(new Map(dataPackageFiles(d, budget).map((f) => [f.path, f.data]))));
    assert.equal(data.length, 0, `seed ${seed} data:\n${formatDifferences(data)}`);
    const x = compareDisclosures(d, readXlsx(await renderXlsx(d), `seed-${seed}.xlsx`).disclosure);
    assert.equal(x.length, 0, `seed ${seed} xlsx:\n${formatDifferences(x)}`);
    // Charts are not read back; leaving them out keeps the loop fast (the Yingkou test renders them).
    const h = compareDisclosures(d, readHtml(Buffer.from(renderHtml(d, { charts: false })), `seed-${seed}.html`).disclosure);
    assert.equal(h.length, 0, `seed ${seed} html:\n${formatDifferences(h)}`);
  }
});

test(`${RANDOM_PDF} random budgets (and a department budget): pdf reads back exactly`, async () => {
  const budgets = [...Array.from({ length: RANDOM_PDF }, (_, i) => randomBudget(1000 + i)), randomBudget(77, { scope: 'department' })];
  for (const [i, budget] of budgets.entries()) {
    const d = disclosureOfBudget(budget);
    const diffs = compareDisclosures(d, (await readPdf(await renderPdf(d), `r${i}.pdf`)).disclosure);
    assert.equal(diffs.length, 0, `budget ${i}:\n${formatDifferences(diffs)}`);
  }
});
