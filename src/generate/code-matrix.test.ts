import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBudget } from '../core/budget-validate.ts';
import { parsePrintedCents } from '../core/money.ts';
import { loadTemplate, type Template } from '../core/template.ts';
import { randomBudget } from '../synth/random-budget.ts';
import { buildDisclosure } from './build-disclosure.ts';

test('a template row kind "unit" gives one row per unit of a department budget, adding up to 合计', () => {
  const base = loadTemplate('liaoning-2024');
  const template: Template = { ...base, id: 'by-unit', tables: base.tables.map((t) => (t.no === 2 ? { ...t, rows: 'unit' as const } : t)) };
  const r = validateBudget(randomBudget(11, { scope: 'department' }));
  assert.deepEqual(r.errors, []);
  const { disclosure, warnings } = buildDisclosure(r.budget!, { template });
  assert.deepEqual(warnings, []);
  const t2 = disclosure.tables.find((t) => t.no === 2)!;
  const units = r.budget!.units.map((u) => u.code);
  const body = t2.rows.slice(1);
  assert.ok(body.length >= 1 && body.every((row) => units.includes(row[0]!)), 'rows are units');
  assert.ok(body.every((row) => row[1] === r.budget!.units.find((u) => u.code === row[0])!.name));
  for (let c = 2; c < t2.rows[0]!.length; c++) {
    assert.equal(
      body.reduce((a, row) => a + parsePrintedCents(row[c]!)!, 0),
      parsePrintedCents(t2.rows[0]![c]!)!,
      `column ${c}`,
    );
  }
  // The other tables of a department budget are the same projections over all its units' lines.
  const t3 = disclosure.tables.find((t) => t.no === 3)!;
  assert.equal(t3.rows[0]![2], t2.rows[0]![2]);
});

test('codes the catalog cannot name are warnings, and the name comes from codeNames when given', () => {
  const b = randomBudget(3, { lines: 6, projects: 0 });
  b.lines[0]!.functionCode = '2010351';
  b.lines[1]!.functionCode = '2010352';
  b.codeNames = { '2010352': '自定义项目' };
  const r = validateBudget(b);
  const { disclosure, warnings } = buildDisclosure(r.budget!);
  const t3 = disclosure.tables.find((t) => t.no === 3)!;
  assert.equal(t3.rows.find((row) => row[0] === '2010352')![1], '自定义项目');
  assert.equal(t3.rows.find((row) => row[0] === '2010351')![1], '');
  assert.ok(warnings.some((w) => /支出功能分类科目 2010351 不在 2024 年科目表中，codeNames 中也没有名称/.test(w.message)));
  assert.ok(!warnings.some((w) => /2010352/.test(w.message)));
  // The glossary still explains both items, from the standard wording built from the names.
  assert.ok(disclosure.glossary.some((g) => g.term.includes('自定义项目（项）') && g.text === '反映自定义项目方面的支出。'));
});
