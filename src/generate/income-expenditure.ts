/**
 * The income-expenditure layout (Liaoning table 1, 收支预算总表): income by source on the left,
 * expenditure by function 类 on the right, then 本年合计, carry-over, and 总计 on both sides.
 * Income prints the rounded source totals (rounding.ts rule 5); expenditure sums rounded atoms.
 * The template's expenditureSides add a side by use (基本支出/项目支出) beside or instead of the
 * function side (Jiangsu prints both: 支出（功能分类） and 支出（支出用途）).
 */
import { FUNDING_SOURCE_NAMES, type FundingSource } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import { addByColumn, ALL_CLASSES, centsIn, classMask, LINE_CLASSES } from './code-sums.ts';
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

const BASIC_CLASSES = classMask((c) => c.kind !== 'project');
const PROJECT_CLASSES = classMask((c) => c.kind === 'project');

/**
 * An expenditure side by use (支出用途): 基本支出 and 项目支出 of the lines of some classes, each
 * row [label, one amount per column] where `columns` (measures.ts) says which column a class adds to.
 */
export function useRows(ctx: BuildContext, classes: number, columns: readonly number[][], width: number, mark: (n: number) => string): string[][] {
  const total = ctx.sumsBy('function').total;
  const row = (label: string, covered: number) => {
    const acc = new Array<number>(width).fill(0);
    addByColumn(total, covered, columns, acc);
    return [label, ...acc.map((c) => ctx.cell(c))];
  };
  return [row(`${mark(1)}基本支出`, classes & BASIC_CLASSES), row(`${mark(2)}项目支出`, classes & PROJECT_CLASSES)];
}

/** An expenditure side by function 类, with one amount per column as useRows. */
export function functionRows(ctx: BuildContext, classes: number, columns: readonly number[][], width: number, mark: (n: number) => string): string[][] {
  const { keys, byKey } = ctx.sumsBy('function');
  const rows: string[][] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const k = byKey[i]!;
    if (key.length !== 3 || (k.present & classes) === 0) continue;
    const acc = new Array<number>(width).fill(0);
    addByColumn(k, classes, columns, acc);
    rows.push([mark(rows.length + 1) + ctx.nameOf('function', key), ...acc.map((c) => ctx.cell(c))]);
  }
  return rows;
}

/** Sides printed next to each other row by row, each padded with blank cells to its width. */
export function sideBySide(...sides: { rows: string[][]; width: number }[]): string[][] {
  let n = 0;
  for (const s of sides) if (s.rows.length > n) n = s.rows.length;
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (const s of sides) {
      // Bounds tested here: reading past an array's end deoptimises the optimised loop.
      const cells = i < s.rows.length ? s.rows[i]! : undefined;
      for (let j = 0; j < s.width; j++) row.push(cells && j < cells.length ? cells[j]! : '');
    }
    rows.push(row);
  }
  return rows;
}

/** Every line class goes to the one amount column of a side that prints a single figure. */
export const SINGLE_COLUMN: readonly number[][] = LINE_CLASSES.map(() => [0]);

/** The two-sided income/expenditure summary (收支总表): income by source, expenditure by class or use, totals balanced. */
export function incomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const unitOwn = sumOf(inc, UNIT_OWN_SOURCES);
  const left: string[][] = [];
  pushSourceRows(ctx, left, FISCAL_NON_UNIT, inc, firstLevel);
  left.push([`${firstLevel(FISCAL_NON_UNIT.length + 1)}单位资金收入`, ctx.cell(unitOwn)]);
  pushSourceRows(ctx, left, UNIT_OWN_SOURCES, inc, secondLevel);
  const sides = (t.expenditureSides ?? ['function']).map((side) => ({
    rows: side === 'use' ? useRows(ctx, ALL_CLASSES, SINGLE_COLUMN, 1, firstLevel) : functionRows(ctx, ALL_CLASSES, SINGLE_COLUMN, 1, firstLevel),
    width: 2,
  }));
  const incomeYear = sumOf(inc, FISCAL_NON_UNIT) + unitOwn;
  const spend = ctx.cell(centsIn(ctx.sumsBy('function').total, ALL_CLASSES));
  const rows = sideBySide({ rows: left, width: 2 }, ...sides);
  // Every expenditure side ends in the same totals (readers take the first side's).
  const tail = (label: string) => sides.flatMap(() => [label, label === '年终结转结余' ? '' : spend]);
  rows.push(['本年收入合计', ctx.cell(incomeYear), ...tail('本年支出合计')]);
  rows.push(['上年结转结余', ctx.cell(inc.carryOver), ...tail('年终结转结余')]);
  rows.push(['收 入 总 计', ctx.cell(incomeYear + inc.carryOver), ...tail('支 出 总 计')]);
  return tableOf(ctx, t, rows);
}
