/**
 * The procurement-list layout (Liaoning table 14, 政府采购支出预算表): item, category (货物/服务/工程)
 * and its amount under the column of its funding source, by the template's measures. The text
 * columns are the template's textColumns (Jiangsu: 品目大类, 专项名称, 经济科目, 物品名称, 组织形式).
 */
import type { Budget } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { listTable } from './list-table.ts';
import { measureTakesSource } from './measures.ts';
import { roundItems } from './rounding.ts';

export const PROCUREMENT_CATEGORY_NAMES = { goods: '货物', services: '服务', works: '工程' } as const;

/** The government procurement table (政府采购), by item or by category as the template says. */
export function procurementListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const where = `template ${ctx.template.id} table ${t.no}`;
  const measures = t.measures ?? ['total'];
  const { items } = roundItems(ctx.budget.procurement.map((p) => p.amount));
  const textColumns = t.textColumns ?? ['name', 'category'];
  const projectName = (id: string | undefined) => (id ? (ctx.budget.projects.find((p) => p.id === id)?.name ?? '') : '');
  const text = (p: Budget['procurement'][number], column: string): string =>
    column === 'name' ? p.name : column === 'category' ? PROCUREMENT_CATEGORY_NAMES[p.category] : column === 'project' ? projectName(p.projectId) : '';
  const rows = ctx.budget.procurement.map((p, i) => ({
    text: textColumns.map((c) => text(p, c)),
    amounts: measures.map((m) => (measureTakesSource(m, p.source, where) ? items[i]! : 0)),
  }));
  return listTable(ctx, t, textColumns.length, measures.length, rows);
}
