/**
 * The totals layout (Jiangsu table 3, 支出预算总表 printed as one row): the template's measures summed
 * over every line the table covers — 合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import { addByColumn } from './code-sums.ts';
import type { BuildContext } from './context.ts';
import { filterClasses, measureColumns } from './measures.ts';
import { tableOf } from './table-shell.ts';

/** A one-row totals table (Jiangsu 表3). */
export function totalsTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const acc = new Array<number>((t.measures ?? ['total']).length).fill(0);
  addByColumn(ctx.sumsBy('function').total, filterClasses(t), columns, acc);
  return tableOf(ctx, t, [acc.map((c) => ctx.cell(c))]);
}
