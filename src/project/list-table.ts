/**
 * Shared shape of the list layouts (tables 9, 13, 14, 15): a 合计 row first (label in the first
 * column), one row per item, and the template's empty-table note when there are no items.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import { unitLabelOf, type TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';

export interface ListRow {
  /** Leading text cells (name, code, category …). */
  text: string[];
  /** Amount cells in hundredths of 万元. */
  amounts: number[];
}

export function listTable(ctx: BuildContext, t: TemplateTable, textColumns: number, amountColumns: number, items: ListRow[]): DisclosureTable {
  const totals = new Array<number>(amountColumns).fill(0);
  for (const it of items) it.amounts.forEach((v, i) => (totals[i]! += v));
  const total = ['合计', ...new Array<string>(textColumns - 1).fill(''), ...totals.map(ctx.cell)];
  const rows = [total, ...items.map((it) => [...it.text, ...it.amounts.map(ctx.cell)])];
  const table: DisclosureTable = { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
  if (items.length === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
