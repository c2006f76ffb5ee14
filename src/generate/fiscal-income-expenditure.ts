/**
 * The fiscal income-expenditure layout (Liaoning table 4, 财政拨款收支预算总表): fiscal appropriations
 * (一般公共预算, 政府性基金, 国有资本经营) of the year and carried over, against the expenditure they fund
 * by function 类. The budget model has one 上年结转结余 source without a split by fund type; it is
 * printed as general-public-budget carry-over (the usual case), see docs/tail-adjustment.md.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import { addByColumn, classMask } from './code-sums.ts';
import { FISCAL_SOURCES, type BuildContext } from './context.ts';
import { functionRows, pushSourceRows, secondLevel, sideBySide, useRows } from './income-expenditure.ts';
import { measureColumns } from './measures.ts';
import { sumOf } from './rounding.ts';
import { tableOf } from './table-shell.ts';

/** Lines a fiscal table covers: fiscal appropriations of the year and the carry-over. */
const FISCAL_CLASSES = classMask((c) => FISCAL_SOURCES.includes(c.source) || c.source === 'carryOver');

/**
 * The expenditure side prints one amount column per template measure (Shanghai: 合计 and one per
 * fund type; Liaoning: 预算数 alone), and lists function 类 or uses (expenditureSides).
 */
export function fiscalIncomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const year = sumOf(inc, FISCAL_SOURCES);
  const carry: Record<string, number> = { general: inc.carryOver, fund: 0, stateCapital: 0 };
  const left: string[][] = [['一、本年收入', ctx.cell(year)]];
  pushSourceRows(ctx, left, FISCAL_SOURCES, inc, secondLevel);
  left.push(['二、上年结转', ctx.cell(inc.carryOver)]);
  pushSourceRows(ctx, left, FISCAL_SOURCES, carry, secondLevel);
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const acc = new Array<number>(width).fill(0);
  addByColumn(ctx.sumsBy('function').total, FISCAL_CLASSES, columns, acc);
  const spend = acc.map((c) => ctx.cell(c));
  const blank = acc.map(() => '');
  const sides = (t.expenditureSides ?? ['function']).map((side) => ({
    rows: [['一、本年支出', ...spend], ...(side === 'use' ? useRows : functionRows)(ctx, FISCAL_CLASSES, columns, width, secondLevel)],
    width: 1 + width,
  }));
  // The year-end balance row sits last on the expenditure side, as printed.
  const rows = sideBySide({ rows: left, width: 2 }, ...sides);
  rows.push(['', '', ...sides.flatMap(() => ['二、年终结转结余', ...blank])]);
  rows.push(['收 入 总 计', ctx.cell(year + inc.carryOver), ...sides.flatMap(() => ['支 出 总 计', ...spend])]);
  return tableOf(ctx, t, rows);
}
