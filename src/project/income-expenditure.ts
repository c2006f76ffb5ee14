/**
 * The income-expenditure layout (Liaoning table 1, 收支预算总表): income by source on the left,
 * expenditure by function 类 on the right, then 本年合计, carry-over, and 总计 on both sides.
 * Income prints the rounded source totals (rounding.ts rule 5); expenditure sums rounded atoms.
 */
import { FUNDING_SOURCE_NAMES, type FundingSource } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { unitLabelOf, type TemplateTable } from '../core/template.ts';
import { ALL_CLASSES, centsIn } from './code-sums.ts';
import { UNIT_OWN_SOURCES, type BuildContext } from './context.ts';
import { chineseNumeral } from './numerals.ts';
import { sum } from './rounding.ts';

/** Expenditure by function 类 of the lines of some classes, in code order: [label without numbering, cents]. */
export function expenditureByClass(ctx: BuildContext, classes: number): [string, number][] {
  const sums = ctx.sumsBy('function');
  const out: [string, number][] = [];
  sums.keys.forEach((key, i) => {
    if (key.length === 3 && (sums.byKey[i]!.present & classes) !== 0) out.push([ctx.nameOf('function', key), centsIn(sums.byKey[i]!, classes)]);
  });
  return out;
}

/** Pairs the two sides row by row, padding the shorter with blank cells. */
export function sideBySide(left: string[][], right: string[][]): string[][] {
  const n = Math.max(left.length, right.length);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push([...(left[i] ?? ['', '']), ...(right[i] ?? ['', ''])]);
  return rows;
}

export function incomeExpenditureTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const fiscalNonUnit: FundingSource[] = ['general', 'fund', 'stateCapital', 'specialAccount'];
  const unitOwn = sum(UNIT_OWN_SOURCES.map((s) => inc[s]));
  const left: string[][] = [
    ...fiscalNonUnit.map((s, i) => [`${chineseNumeral(i + 1)}、${FUNDING_SOURCE_NAMES[s]}`, ctx.cell(inc[s])]),
    [`${chineseNumeral(fiscalNonUnit.length + 1)}、单位资金收入`, ctx.cell(unitOwn)],
    ...UNIT_OWN_SOURCES.map((s, i) => [`（${chineseNumeral(i + 1)}）${FUNDING_SOURCE_NAMES[s]}`, ctx.cell(inc[s])]),
  ];
  const right = expenditureByClass(ctx, ALL_CLASSES).map(([name, c], i) => [`${chineseNumeral(i + 1)}、${name}`, ctx.cell(c)]);
  const incomeYear = sum(fiscalNonUnit.map((s) => inc[s])) + unitOwn;
  const spend = centsIn(ctx.sumsBy('function').total, ALL_CLASSES);
  const rows = [
    ...sideBySide(left, right),
    ['本年收入合计', ctx.cell(incomeYear), '本年支出合计', ctx.cell(spend)],
    ['上年结转结余', ctx.cell(inc.carryOver), '年终结转结余', ''],
    ['收 入 总 计', ctx.cell(incomeYear + inc.carryOver), '支 出 总 计', ctx.cell(spend)],
  ];
  return { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
}
