/**
 * The income-expenditure layout (Liaoning table 1, 收支预算总表): income by source on the left,
 * expenditure by function 类 on the right, then 本年合计, carry-over, and 总计 on both sides.
 * Income prints the rounded source totals (rounding.ts rule 5); expenditure sums rounded atoms.
 */
import { FUNDING_SOURCE_NAMES, type FundingSource } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import { ALL_CLASSES, centsIn } from './code-sums.ts';
import { UNIT_OWN_SOURCES, type BuildContext } from './context.ts';
import { chineseNumeral } from './numerals.ts';
import { sumOf } from './rounding.ts';
import { tableOf } from './table-shell.ts';

const FISCAL_NON_UNIT: readonly FundingSource[] = ['general', 'fund', 'stateCapital', 'specialAccount'];

/** "一、" numbering of the first-level rows. */
export function firstLevel(n: number): string {
  return `${chineseNumeral(n)}、`;
}

/** "（一）" numbering of the rows under a first-level row. */
export function secondLevel(n: number): string {
  return `（${chineseNumeral(n)}）`;
}

/** Appends one numbered [name, amount] row per source. */
export function pushSourceRows(ctx: BuildContext, rows: string[][], sources: readonly FundingSource[], amounts: Record<string, number>, mark: (n: number) => string): void {
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    rows.push([mark(i + 1) + FUNDING_SOURCE_NAMES[s], ctx.cell(amounts[s] ?? 0)]);
  }
}

/** Expenditure by function 类 of the lines of some classes, in code order: [label without numbering, cents]. */
export function expenditureByClass(ctx: BuildContext, classes: number): [string, number][] {
  const { keys, byKey } = ctx.sumsBy('function');
  const out: [string, number][] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const k = byKey[i]!;
    if (key.length === 3 && (k.present & classes) !== 0) out.push([ctx.nameOf('function', key), centsIn(k, classes)]);
  }
  return out;
}

/** Appends one numbered row per function 类 of expenditureByClass. */
export function pushExpenditureRows(ctx: BuildContext, rows: string[][], classes: number, mark: (n: number) => string): void {
  const byClass = expenditureByClass(ctx, classes);
  for (let i = 0; i < byClass.length; i++) rows.push([mark(i + 1) + byClass[i]![0], ctx.cell(byClass[i]![1])]);
}

/** Pairs the two sides row by row, padding the shorter with blank cells. */
export function sideBySide(left: string[][], right: string[][]): string[][] {
  const n = Math.max(left.length, right.length);
  const rows: string[][] = [];
  // Bounds tested here: reading past an array's end deoptimises the optimised loop.
  for (let i = 0; i < n; i++) rows.push(pairRow(i < left.length ? left[i] : undefined, i < right.length ? right[i] : undefined));
  return rows;
}

function pairRow(left: string[] | undefined, right: string[] | undefined): string[] {
  const row = left ? left.slice() : ['', ''];
  if (right) for (const c of right) row.push(c);
  else row.push('', '');
  return row;
}

export function incomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const unitOwn = sumOf(inc, UNIT_OWN_SOURCES);
  const left: string[][] = [];
  pushSourceRows(ctx, left, FISCAL_NON_UNIT, inc, firstLevel);
  left.push([`${firstLevel(FISCAL_NON_UNIT.length + 1)}单位资金收入`, ctx.cell(unitOwn)]);
  pushSourceRows(ctx, left, UNIT_OWN_SOURCES, inc, secondLevel);
  const right: string[][] = [];
  pushExpenditureRows(ctx, right, ALL_CLASSES, firstLevel);
  const incomeYear = sumOf(inc, FISCAL_NON_UNIT) + unitOwn;
  const spend = centsIn(ctx.sumsBy('function').total, ALL_CLASSES);
  const rows = sideBySide(left, right);
  rows.push(['本年收入合计', ctx.cell(incomeYear), '本年支出合计', ctx.cell(spend)]);
  rows.push(['上年结转结余', ctx.cell(inc.carryOver), '年终结转结余', '']);
  rows.push(['收 入 总 计', ctx.cell(incomeYear + inc.carryOver), '支 出 总 计', ctx.cell(spend)]);
  return tableOf(ctx, t, rows);
}
