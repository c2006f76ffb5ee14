/**
 * The income-sources layout (Jiangsu table 2, 收入预算总表 printed as a list): 收入总计, then each kind
 * of money with its 小计 and the sources under it — group | source | amount, as the reader of that
 * layout expects (src/read/text/level-table.ts). Amounts are the printed income per source
 * (rounding.ts rule 5), so the list adds up to table 1's income.
 */
import type { FundingSource } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { sumOf } from './rounding.ts';
import { tableOf } from './table-shell.ts';

/** Groups as Jiangsu prints them: [group, [source label, source][]]; a source-less label prints blank. */
const GROUPS: [string, [string, FundingSource | undefined][]][] = [
  [
    '一般公共预算资金',
    [
      ['公共财政拨款（补助）资金', 'general'],
      ['专项收入', undefined],
    ],
  ],
  ['政府性基金', [['政府性基金预算拨款', 'fund']]],
  ['国有资本经营预算资金', [['国有资本经营预算拨款', 'stateCapital']]],
  ['财政专户管理资金', [['专户管理资金', 'specialAccount']]],
  [
    '其他资金',
    [
      ['事业收入', 'operating'],
      ['经营收入', 'business'],
      ['上级补助收入', 'superior'],
      ['附属单位上缴收入', 'subordinate'],
      ['其他收入', 'other'],
    ],
  ],
  ['上年结转和结余资金', [['其中：动用上年结转和结余资金', 'carryOver']]],
];

/** Income listed by kind of money (Jiangsu's 收入预算表 by source). */
export function incomeSourcesTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const inc = ctx.rounded.incomeCents;
  const amount = (s: FundingSource | undefined) => (s ? inc[s] : 0);
  let total = 0;
  const body: string[][] = [];
  for (const [group, sources] of GROUPS) {
    const subtotal = sumOf(
      inc,
      sources.flatMap(([, s]) => (s ? [s] : [])),
    );
    total += subtotal;
    body.push([group, '小计', ctx.cell(subtotal)]);
    for (const [label, s] of sources) body.push(['', label, ctx.cell(amount(s))]);
  }
  return tableOf(ctx, t, [['收入总计', '', ctx.cell(total)], ...body]);
}
