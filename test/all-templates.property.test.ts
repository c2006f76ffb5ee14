/**
 * Property: with EVERY generation template in data/templates/, random budgets build into a
 * disclosure that Gongkai's own checker finds no error in, whose rows are as wide as their
 * printed headers, and that reads back exactly from every format (data, XLSX, HTML, PDF).
 *
 * Runs per template: GONGKAI_TEMPLATE_RUNS (default 12) budgets through data, XLSX and HTML, and
 * GONGKAI_TEMPLATE_PDF_RUNS (default 3) of them also through PDF. The full campaign:
 *   GONGKAI_TEMPLATE_RUNS=200 GONGKAI_TEMPLATE_PDF_RUNS=200 node --import tsx --test test/all-templates.property.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Disclosure } from '../src/core/disclosure.ts';
import { listTemplates, loadTemplate } from '../src/core/template.ts';
import { generate } from '../src/pipeline/generate.ts';
import { dataPackageFiles } from '../src/render/data-package.ts';
import { renderHtml } from '../src/render/html.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import { readHtml } from '../src/read/html/read-html.ts';
import { readPdf } from '../src/read/pdf/read-pdf.ts';
import { readXlsx } from '../src/read/xlsx/read-xlsx.ts';
import { compareDisclosures, formatDifferences } from '../src/roundtrip/compare.ts';
import { readDataPackageFiles } from '../src/roundtrip/read-data-package.ts';
import { randomBudget } from '../src/synth/random-budget.ts';

const RUNS = Number(process.env.GONGKAI_TEMPLATE_RUNS ?? 12);
const PDF_RUNS = Math.min(RUNS, Number(process.env.GONGKAI_TEMPLATE_PDF_RUNS ?? 3));
const GENERATION_TEMPLATES = listTemplates().filter((id) => loadTemplate(id).purpose !== 'read');

/** Seeds and scopes: one unit budget in four is a department's (several units, mixed kinds). */
const cases = fc.tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom<'unit' | 'department'>('unit', 'unit', 'unit', 'department'));

function build(id: string, seed: number, scope: 'unit' | 'department') {
  const json = randomBudget(seed, { scope });
  const g = generate(json, { template: id });
  assert.deepEqual(g.inputErrors, [], `${id} seed ${seed}: input errors`);
  const errors = g.findings.filter((f) => f.severity === 'error');
  assert.deepEqual(
    errors.map((f) => `${f.rule}: ${f.message}`),
    [],
    `${id} seed ${seed} (${scope}): error findings`,
  );
  return { json, disclosure: g.disclosure! };
}

/** Each generated row is as wide as the header printed above it (goal tables print their own heads). */
function assertRowsFitHeaders(id: string, d: Disclosure) {
  for (const t of d.tables) {
    const width = t.header[0]?.length;
    if (!width) continue;
    for (const r of t.rows) assert.equal(r.length, width, `${id} 表${t.no} ${t.title}: row ${JSON.stringify(r)} under a ${width}-column header`);
  }
}

function assertSame(id: string, seed: number, format: string, d: Disclosure, back: Disclosure) {
  const diffs = compareDisclosures(d, back);
  assert.equal(diffs.length, 0, `${id} seed ${seed} ${format}:\n${formatDifferences(diffs)}`);
}

test('every generation template is covered', () => {
  assert.ok(GENERATION_TEMPLATES.length >= 7, GENERATION_TEMPLATES.join(', '));
});

for (const id of GENERATION_TEMPLATES) {
  test(`${id}: ${RUNS} random budgets build clean and read back exactly from data, xlsx and html (${PDF_RUNS} also from pdf)`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([seed, scope]) => {
        const { json, disclosure: d } = build(id, seed, scope);
        assertRowsFitHeaders(id, d);
        assertSame(id, seed, 'data', d, readDataPackageFiles(new Map(dataPackageFiles(d, json).map((f) => [f.path, f.data]))));
        assertSame(id, seed, 'xlsx', d, readXlsx(await renderXlsx(d), `${id}-${seed}.xlsx`).disclosure);
        assertSame(id, seed, 'html', d, readHtml(Buffer.from(renderHtml(d, { charts: false })), `${id}-${seed}.html`).disclosure);
        if (n++ < PDF_RUNS) assertSame(id, seed, 'pdf', d, (await readPdf(await renderPdf(d), `${id}-${seed}.pdf`)).disclosure);
      }),
      { numRuns: RUNS, seed: 20261206 },
    );
  });
}
