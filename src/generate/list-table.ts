/**
 * Shared shape of the list layouts (tables 9, 13, 14, 15): a 合计 row first (label in the first
 * column), one row per item, and the template's empty-table note when there are no items.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { tableOf } from './table-shell.ts';

export interface ListRow {
  /** Leading text cells (name, code, category …). */
  text: string[];
  /** Amount cells in hundredths of 万元. */
  amounts: number[];
}

/** A list table from its rows, with a 合计 row over the amount columns. */
export function listTable(ctx: BuildContext, t: TemplateTable, textColumns: number, amountColumns: number, items: ListRow[]): DisclosureTable {
  const total = ['合计'];
  for (let i = 1; i < textColumns; i++) total.push('');
  pushCells(ctx, total, columnTotals(items, amountColumns));
  const rows = [total];
  for (const it of items) rows.push(pushCells(ctx, it.text.slice(), it.amounts));
  const table = tableOf(ctx, t, rows);
  if (items.length === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}

function columnTotals(items: ListRow[], amountColumns: number): number[] {
  const totals: number[] = [];
  for (let i = 0; i < amountColumns; i++) totals.push(0);
  for (const it of items) {
    const a = it.amounts;
    for (let i = 0; i < a.length; i++) totals[i]! += a[i]!;
  }
  return totals;
}

/** Appends the printed amounts to a row. */
function pushCells(ctx: BuildContext, row: string[], amounts: number[]): string[] {
  for (const v of amounts) row.push(ctx.cell(v));
  return row;
}
