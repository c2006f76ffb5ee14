/**
 * The fiscal income-expenditure layout (Liaoning table 4, 财政拨款收支预算总表): fiscal appropriations
 * (一般公共预算, 政府性基金, 国有资本经营) of the year and carried over, against the expenditure they fund
 * by function 类. The budget model has one 上年结转结余 source without a split by fund type; it is
 * printed as general-public-budget carry-over (the usual case), see docs/tail-adjustment.md.
 */
import { FUNDING_SOURCE_NAMES, type FundingSource } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { unitLabelOf, type TemplateTable } from '../core/template.ts';
import { centsIn, classMask } from './code-sums.ts';
import { FISCAL_SOURCES, type BuildContext } from './context.ts';
import { expenditureByClass, sideBySide } from './income-expenditure.ts';
import { chineseNumeral } from './numerals.ts';
import { sum } from './rounding.ts';

/** Lines a fiscal table covers: fiscal appropriations of the year and the carry-over. */
const FISCAL_CLASSES = classMask((c) => FISCAL_SOURCES.includes(c.source) || c.source === 'carryOver');

export function fiscalIncomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const year = sum(FISCAL_SOURCES.map((s) => inc[s]));
  const carry: Record<string, number> = { general: inc.carryOver, fund: 0, stateCapital: 0 };
  const sub = (s: FundingSource, i: number, v: number) => [`（${chineseNumeral(i + 1)}）${FUNDING_SOURCE_NAMES[s]}`, ctx.cell(v)];
  const left: string[][] = [
    ['一、本年收入', ctx.cell(year)],
    ...FISCAL_SOURCES.map((s, i) => sub(s, i, inc[s])),
    ['二、上年结转', ctx.cell(inc.carryOver)],
    ...FISCAL_SOURCES.map((s, i) => sub(s, i, carry[s] ?? 0)),
  ];
  const spend = centsIn(ctx.sumsBy('function').total, FISCAL_CLASSES);
  const right: string[][] = [
    ['一、本年支出', ctx.cell(spend)],
    ...expenditureByClass(ctx, FISCAL_CLASSES).map(([name, c], i) => [`（${chineseNumeral(i + 1)}）${name}`, ctx.cell(c)]),
  ];
  // The year-end balance row sits last on the expenditure side, as printed.
  const body = sideBySide(left, right);
  const rows = [...body, ['', '', '二、年终结转结余', ''], ['收 入 总 计', ctx.cell(year + inc.carryOver), '支 出 总 计', ctx.cell(spend)]];
  return { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
}
