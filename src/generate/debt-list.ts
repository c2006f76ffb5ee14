/** The debt-list layout (Liaoning table 13, 债务支出预算表): item, function code and name, amount. */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { listTable } from './list-table.ts';
import { roundItems } from './rounding.ts';

/** The debt table (债务): one row per debt line. */
export function debtListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const { items } = roundItems(ctx.budget.debt.map((d) => d.amount));
  const rows = ctx.budget.debt.map((d, i) => ({
    text: [d.name, d.functionCode ?? '', d.functionCode ? ctx.nameOf('function', d.functionCode) : ''],
    amounts: [items[i]!],
  }));
  return listTable(ctx, t, 3, 1, rows);
}
