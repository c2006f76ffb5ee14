/**
 * Property: for random budgets (src/synth/random-budget.ts) every printed table adds up after
 * rounding — across rows, columns and 类/款/项 levels — and the tables agree with each other.
 * Everything is read back from the printed cells, as a reader of the published package would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateBudget } from '../core/budget-validate.ts';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { parsePrintedCents } from '../core/money.ts';
import { loadTemplate, type TemplateTable } from '../core/template.ts';
import { randomBudget } from '../synth/random-budget.ts';
import { buildDisclosure } from './build-disclosure.ts';

export const PROPERTY_RUNS = 500;
const template = loadTemplate('liaoning-2024');

const cents = (c: string | undefined): number => {
  const v = parsePrintedCents(c ?? '');
  assert.notEqual(v, null, `not an amount: "${c}"`);
  return v!;
};
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function byKey(d: Disclosure, key: string): DisclosureTable {
  const t = d.tables.find((x) => x.key === key);
  assert.ok(t, `table ${key}`);
  return t!;
}
const tpl = (key: string): TemplateTable => template.tables.find((t) => t.key === key)!;

/** Amount columns of a code-matrix row by measure name. */
function columns(t: DisclosureTable, row: string[]): Record<string, number> {
  const measures = tpl(t.key!).measures!;
  return Object.fromEntries(measures.map((m, i) => [m, cents(row[i + 2])]));
}

/** 合计 = Σ top level; each parent = Σ its children, in every column; measure relations per row. */
function assertCodeMatrixAddsUp(t: DisclosureTable) {
  const [total, ...body] = t.rows;
  assert.equal(total![1], '合计', `${t.no}: 合计 row first`);
  const width = total!.length;
  const codes = body.map((r) => r[0]!);
  const lengths = [...new Set(codes.map((c) => c.length))].sort((a, b) => a - b);
  const colSum = (rows: string[][]) => Array.from({ length: width - 2 }, (_, k) => sumOf(rows.map((r) => cents(r[k + 2]))));
  const amounts = (r: string[]) => r.slice(2).map((c) => cents(c));
  assert.deepEqual(colSum(body.filter((r) => r[0]!.length === lengths[0])), amounts(total!), `table ${t.no}: 合计 = Σ top level`);
  body.forEach((r, i) => {
    const code = r[0]!;
    const next = lengths[lengths.indexOf(code.length) + 1];
    if (next === undefined) return;
    const children = body.filter((c) => c[0]!.length === next && c[0]!.startsWith(code));
    assert.ok(children.length > 0, `table ${t.no}: ${code} has children`);
    // Subtotal rows sit directly above their own children.
    assert.ok(body[i + 1]![0]!.startsWith(code), `table ${t.no}: ${code} is above its children`);
    assert.deepEqual(colSum(children), amounts(r), `table ${t.no}: ${code} = Σ children`);
  });
  for (const r of t.rows) {
    const c = columns(t, r);
    const where = `table ${t.no} row ${r[0] || '合计'}`;
    if ('basic' in c && 'project' in c) assert.equal(c.total, c.basic! + c.project!, `${where}: 合计 = 基本 + 项目`);
    if ('personnel' in c && 'public' in c) assert.equal(c.basic ?? c.total, c.personnel! + c.public!, `${where}: 基本 = 人员 + 公用`);
    if ('unitOwn' in c) {
      assert.equal(c.unitOwn, sumOf(['operating', 'business', 'superior', 'subordinate', 'other'].map((s) => c[`source:${s}`]!)), `${where}: 单位资金`);
      assert.equal(c.total, sumOf(['general', 'fund', 'stateCapital', 'specialAccount', 'carryOver'].map((s) => c[`source:${s}`]!)) + c.unitOwn!, `${where}: 合计 = Σ sources`);
    }
  }
}

/** 合计 row first in list tables: each amount column is the sum of the item rows. */
function assertListAddsUp(t: DisclosureTable, firstAmount: number) {
  const [total, ...items] = t.rows;
  assert.equal(total![0], '合计');
  for (let k = firstAmount; k < total!.length; k++) assert.equal(cents(total![k]), sumOf(items.map((r) => cents(r[k]))), `table ${t.no} column ${k}`);
}

/** Label → amount of a two-sided summary table (tables 1 and 4); a repeated label keeps its first row. */
function sides(t: DisclosureTable): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of t.rows) for (const k of [0, 2]) if (r[k] && !m.has(r[k]!.replace(/\s+/g, ''))) m.set(r[k]!.replace(/\s+/g, ''), cents(r[k + 1]));
  return m;
}

function checkDisclosure(d: Disclosure) {
  for (const t of d.tables) {
    const layout = tpl(t.key!).layout;
    if (layout === 'code-matrix') assertCodeMatrixAddsUp(t);
  }
  const t1 = sides(byKey(d, 'summary'));
  const t1rows = byKey(d, 'summary').rows;
  const incomeItems = t1rows.filter((r) => /^[一二三四五]、/.test(r[0]!)).map((r) => cents(r[1]));
  const unitOwnItems = t1rows.filter((r) => /^（[一二三四五]）/.test(r[0]!)).map((r) => cents(r[1]));
  const spendItems = t1rows.filter((r) => /^[一二三四五六七八九十]+、/.test(r[2]!)).map((r) => cents(r[3]));
  assert.equal(t1.get('五、单位资金收入'), sumOf(unitOwnItems), 'table 1: 单位资金 = Σ parts');
  assert.equal(t1.get('本年收入合计'), sumOf(incomeItems), 'table 1: 本年收入合计');
  assert.equal(t1.get('本年支出合计'), sumOf(spendItems), 'table 1: 本年支出合计 = Σ 类');
  assert.equal(t1.get('收入总计'), t1.get('本年收入合计')! + t1.get('上年结转结余')!, 'table 1: 收入总计');
  assert.equal(t1.get('收入总计'), t1.get('支出总计'), 'table 1: income = expenditure');

  const t3 = byKey(d, 'expenditure');
  const total3 = columns(t3, t3.rows[0]!);
  assert.equal(t1.get('支出总计'), total3.total, '1 ↔ 3 totals');

  const t4 = sides(byKey(d, 'fiscal-summary'));
  const nonFiscal = t1.get('四、财政专户管理资金收入')! + t1.get('五、单位资金收入')!;
  assert.equal(t4.get('收入总计'), t4.get('支出总计'), 'table 4 balances');
  assert.equal(t4.get('收入总计'), t1.get('收入总计')! - nonFiscal, '1 ↔ 4: fiscal part of the total');
  assert.equal(t4.get('一、本年收入'), t4.get('（一）一般公共预算拨款收入')! + t4.get('（二）政府性基金预算拨款收入')! + t4.get('（三）国有资本经营预算拨款收入')!, 'table 4: 本年收入');

  const t5 = byKey(d, 'general-expenditure');
  const total5 = columns(t5, t5.rows[0]!);
  assert.equal(total5.total, t1.get('一、一般公共预算拨款收入'), '1 general income ↔ 5 total');
  const t6 = byKey(d, 'general-basic');
  const total6 = columns(t6, t6.rows[0]!);
  assert.deepEqual([total6.total, total6.personnel, total6.public], [total5.basic, total5.personnel, total5.public], '5 basic ↔ 6');

  const t7 = byKey(d, 'three-public').rows[0]!.map((c) => cents(c));
  assert.equal(t7[0], t7[1]! + t7[2]! + t7[5]!, 'table 7: total = parts');
  assert.equal(t7[2], t7[3]! + t7[4]!, 'table 7: vehicles = purchase + running');

  const t9 = byKey(d, 'projects');
  assertListAddsUp(t9, 3);
  const projectGoals = d.tables.filter((t) => t.key === 'project-goal');
  const goalFunds = sumOf(projectGoals.map((t) => cents(t.rows.find((r) => r[0] === '预算资金情况')![1])));
  assert.equal(cents(t9.rows[0]![3]), total3.project, '3 project column ↔ 9');
  assert.equal(goalFunds, total3.project, '3 project column ↔ Σ 17');

  assert.deepEqual(byKey(d, 'function-expenditure').rows, t3.rows, '10 ↔ 3');
  const t11 = byKey(d, 'gov-econ');
  const t12 = byKey(d, 'dept-econ');
  const total11 = columns(t11, t11.rows[0]!);
  const total12 = columns(t12, t12.rows[0]!);
  assert.deepEqual([total11.total, total11.basic, total11.project], [total3.total, total3.basic, total3.project], '11 ↔ 3');
  assert.deepEqual(total12, total3, '12 ↔ 3');
  assertListAddsUp(byKey(d, 'debt'), 3);
  assertListAddsUp(byKey(d, 'procurement'), 2);
  assertListAddsUp(byKey(d, 'purchased-services'), 2);

  const narrative = d.narrative.map((s) => s.text).join('\n');
  assert.ok(narrative.includes(`收入预算${byKey(d, 'summary').rows.at(-1)![1]}万元`), 'narrative income = table 1 total');
  assert.ok(!/增加\(减少\)|增加（减少）|\(下降\)|（下降）|\{/.test(narrative), 'no placeholders');

  const used = new Set(t3.rows.map((r) => r[0]!).filter((c) => c.length === 7));
  for (const r of byKey(d, 'debt').rows) if (r[1]) used.add(r[1]);
  const explained = d.glossary.filter((g) => g.term.endsWith('（项）'));
  assert.equal(explained.length, used.size, 'glossary: one entry per function item used');
}

test(`random budgets: every table adds up and the tables agree (${PROPERTY_RUNS} cases)`, () => {
  let cases = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom<'unit' | 'department'>('unit', 'unit', 'unit', 'department'), (seed, scope) => {
      const r = validateBudget(randomBudget(seed, { scope }));
      assert.deepEqual(r.errors, [], `seed ${seed}: random budget validates`);
      const { disclosure, warnings } = buildDisclosure(r.budget!);
      assert.deepEqual(warnings, [], `seed ${seed}: no warnings`);
      checkDisclosure(disclosure);
      cases++;
    }),
    { numRuns: PROPERTY_RUNS, seed: 20240205 },
  );
  assert.equal(cases, PROPERTY_RUNS);
});

test('rounding noise: lines below half a printed cent still add up', () => {
  const b = randomBudget(7, { lines: 12, projects: 2 });
  // Every line 49.99 yuan: each rounds to 0.00 on its own, yet the total must print.
  for (const l of b.lines) l.amount = '49.99';
  b.income = {};
  for (const l of b.lines) l.source = 'general';
  const r = validateBudget(b);
  assert.deepEqual(r.errors, []);
  const { disclosure } = buildDisclosure(r.budget!);
  const t3 = byKey(disclosure, 'expenditure');
  assert.equal(t3.rows[0]![2], '0.06'); // 12 × 49.99 = 599.88 yuan → 0.06 万元
  checkDisclosure(disclosure);
});
