/**
 * The fiscal income-expenditure layout (Liaoning table 4, 财政拨款收支预算总表): fiscal appropriations
 * (一般公共预算, 政府性基金, 国有资本经营) of the year and carried over, against the expenditure they fund
 * by function 类. The budget model has one 上年结转结余 source without a split by fund type; it is
 * printed as general-public-budget carry-over (the usual case), see docs/tail-adjustment.md.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import { centsIn, classMask } from './code-sums.ts';
import { FISCAL_SOURCES, type BuildContext } from './context.ts';
import { pushExpenditureRows, pushSourceRows, secondLevel, sideBySide } from './income-expenditure.ts';
import { sumOf } from './rounding.ts';
import { tableOf } from './table-shell.ts';

/** Lines a fiscal table covers: fiscal appropriations of the year and the carry-over. */
const FISCAL_CLASSES = classMask((c) => FISCAL_SOURCES.includes(c.source) || c.source === 'carryOver');

export function fiscalIncomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const year = sumOf(inc, FISCAL_SOURCES);
  const carry: Record<string, number> = { general: inc.carryOver, fund: 0, stateCapital: 0 };
  const left: string[][] = [['一、本年收入', ctx.cell(year)]];
  pushSourceRows(ctx, left, FISCAL_SOURCES, inc, secondLevel);
  left.push(['二、上年结转', ctx.cell(inc.carryOver)]);
  pushSourceRows(ctx, left, FISCAL_SOURCES, carry, secondLevel);
  const spend = centsIn(ctx.sumsBy('function').total, FISCAL_CLASSES);
  const right: string[][] = [['一、本年支出', ctx.cell(spend)]];
  pushExpenditureRows(ctx, right, FISCAL_CLASSES, secondLevel);
  // The year-end balance row sits last on the expenditure side, as printed.
  const rows = sideBySide(left, right);
  rows.push(['', '', '二、年终结转结余', '']);
  rows.push(['收 入 总 计', ctx.cell(year + inc.carryOver), '支 出 总 计', ctx.cell(spend)]);
  return tableOf(ctx, t, rows);
}
