/** The purchased-services layout (Liaoning table 15, 政府购买服务支出预算表): item, category, amount. */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { listTable } from './list-table.ts';
import { roundItems } from './rounding.ts';

/** The purchased-services table (政府购买服务). */
export function purchasedServicesListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const { items } = roundItems(ctx.budget.purchasedServices.map((p) => p.amount));
  const rows = ctx.budget.purchasedServices.map((p, i) => ({ text: [p.name, p.category], amounts: [items[i]!] }));
  return listTable(ctx, t, 2, 1, rows);
}
