/**
 * The judge of the PDF is what a reader's tools see, not our own reader: every page is extracted
 * with poppler's pdftotext (with -layout and without), and every printed figure and code of every
 * table must be found whole on the pages of its table — no "1,861.|38", no "20103|50".
 *
 * Runs the Yingkou package and a few random budgets by default; GONGKAI_PDF_JUDGE_BUDGETS=200
 * runs the 200 random budgets of issue 15's acceptance (unit and department scope mixed).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Disclosure } from '../core/disclosure.ts';
import { renderPdf } from './pdf.ts';
import { buildTableModels, printedAmountCents } from './table-model.ts';
import { disclosureOfBudget, yingkouDisclosure } from '../roundtrip/yingkou.ts';
import { randomBudget } from '../synth/random-budget.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-judge-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** Each page's text, as pdftotext gives it (pages end with a form feed). */
function pdftotext(file: string, layout: boolean): string[] {
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split('\f').slice(0, -1);
}

/** Printed figures and codes: a figure as printed ("1,861.38"), or a classification code (3 to 7 digits). */
function isFigureOrCode(text: string): boolean {
  return printedAmountCents(text) !== null || /^\d{3,7}$/.test(text);
}

/** The numeric tokens of a text: maximal runs of digits, commas and points, optionally signed. */
function tokens(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/-?\d(?:[\d,.]*\d)?/g)) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  return out;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Problems found: a figure or code of a table not found whole on its pages, or a table caption not found. */
function judge(d: Disclosure, pages: string[]): string[] {
  const problems: string[] = [];
  const models = buildTableModels(d);
  const flat = pages.map(squeeze);
  // The pages of each table: from its caption's page to the page before the next caption.
  const starts: number[] = [];
  let from = 0;
  for (const m of models) {
    const caption = squeeze(`表${m.label}${m.title}`);
    const at = flat.findIndex((p, i) => i >= from && p.includes(caption));
    if (at < 0) {
      problems.push(`表${m.label} ${m.title}: caption not found`);
      starts.push(from);
      continue;
    }
    starts.push(at);
    from = at;
  }
  const narrative = flat.findIndex((p, i) => i > from && /第三部分/.test(p));
  models.forEach((m, i) => {
    const end = i + 1 < models.length ? Math.max(starts[i]!, starts[i + 1]! - 1) : narrative > 0 ? narrative - 1 : pages.length - 1;
    const found = tokens(pages.slice(starts[i]!, end + 1).join('\n'));
    const want = new Map<string, number>();
    for (const row of [...m.header, ...m.body]) for (const cell of row.cells) if (cell && isFigureOrCode(cell.text)) want.set(cell.text, (want.get(cell.text) ?? 0) + 1);
    for (const [figure, n] of want) {
      const got = found.get(figure) ?? 0;
      if (got < n) problems.push(`表${m.label}: "${figure}" printed ${n}×, found whole ${got}× on pages ${starts[i]! + 1}–${end + 1}`);
    }
  });
  return problems;
}

async function judgePdf(d: Disclosure, name: string): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdf(d));
  return [...judge(d, pdftotext(file, true)).map((p) => `-layout: ${p}`), ...judge(d, pdftotext(file, false)).map((p) => `plain: ${p}`)];
}

test('Yingkou: pdftotext finds every figure and code of every table whole on its page (-layout and plain)', async () => {
  assert.deepEqual(await judgePdf(yingkouDisclosure(), 'yingkou'), []);
});

test('the judge sees a broken number: a figure wrapped in its cell is reported', () => {
  const d = yingkouDisclosure();
  const m = buildTableModels(d).find((x) => x.no === 3)!;
  const page = `表3 ${m.title}\n合计 1,861.\n38 969.09 917.91 51.18 892.29`;
  const problems = judge({ ...d, tables: d.tables.filter((t) => t.no === 3) }, [page]);
  assert.ok(
    problems.some((p) => p.includes('"1,861.38"')),
    problems.join('\n'),
  );
});

const COUNT = Number(process.env.GONGKAI_PDF_JUDGE_BUDGETS ?? 6);

test(`${COUNT} random budgets: every figure and code whole on its page`, { timeout: Math.max(120_000, COUNT * 10_000) }, async () => {
  const problems: string[] = [];
  const started = Date.now();
  for (let seed = 1; seed <= COUNT; seed++) {
    const scope = seed % 4 === 0 ? 'department' : 'unit';
    const d = disclosureOfBudget(randomBudget(seed, { scope }));
    for (const p of await judgePdf(d, `random-${seed}`)) problems.push(`seed ${seed} (${scope}): ${p}`);
  }
  if (COUNT > 10) console.log(`# ${COUNT} random budgets judged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(problems, []);
});
