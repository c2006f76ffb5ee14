/**
 * The procurement-list layout (Liaoning table 14, 政府采购支出预算表): item, category (货物/服务/工程)
 * and its amount under the column of its funding source, by the template's measures.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { listTable } from './list-table.ts';
import { measureTakesSource } from './measures.ts';
import { roundItems } from './rounding.ts';

export const PROCUREMENT_CATEGORY_NAMES = { goods: '货物', services: '服务', works: '工程' } as const;

export function procurementListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const where = `template ${ctx.template.id} table ${t.no}`;
  const measures = t.measures ?? ['total'];
  const { items } = roundItems(ctx.budget.procurement.map((p) => p.amount));
  const rows = ctx.budget.procurement.map((p, i) => ({
    text: [p.name, PROCUREMENT_CATEGORY_NAMES[p.category]],
    amounts: measures.map((m) => (measureTakesSource(m, p.source, where) ? items[i]! : 0)),
  }));
  return listTable(ctx, t, 2, measures.length, rows);
}
