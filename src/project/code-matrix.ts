/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 * Cells are sums of the budget's per-code class sums (code-sums.ts), shared by all these tables.
 */
import type { TemplateTable } from '../core/template.ts';
import { unitLabelOf } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { CLASS_COUNT, forEachClass } from './code-sums.ts';
import type { BuildContext } from './context.ts';
import { filterClasses, measureColumns } from './measures.ts';

export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const covered = filterClasses(t);
  const sums = ctx.sumsBy(t.rows ?? 'function');
  // One row: its leading cells, then the sum of each column over the classes the table covers.
  const row = (lead: string[], cents: readonly number[], offset: number, present: number): string[] => {
    const acc = new Array<number>(width).fill(0);
    forEachClass(present & covered, (c) => {
      for (const k of columns[c]!) acc[k]! += cents[offset + c]!;
    });
    for (const v of acc) lead.push(ctx.cell(v));
    return lead;
  };
  const name = (key: string) => (t.rows === 'unit' ? ctx.unitName(key) : ctx.nameOf(t.rows ?? 'function', key));
  const rows: string[][] = [row(['', '合计'], sums.total, 0, sums.totalPresent)];
  sums.keys.forEach((key, i) => {
    if ((sums.present[i]! & covered) !== 0) rows.push(row([key, name(key)], sums.cents, i * CLASS_COUNT, sums.present[i]!));
  });
  const table: DisclosureTable = { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
  if ((sums.totalPresent & covered) === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
