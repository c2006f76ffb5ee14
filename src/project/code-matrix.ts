/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 * Cells are sums of the budget's per-code class sums (code-sums.ts), shared by all these tables.
 */
import type { TemplateTable } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { forEachSum, type ClassSums } from './code-sums.ts';
import type { BuildContext } from './context.ts';
import { filterClasses, measureColumns } from './measures.ts';
import { tableOf } from './table-shell.ts';

export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const covered = filterClasses(t);
  const sums = ctx.sumsBy(t.rows ?? 'function');
  const acc = new Array<number>(width);
  // One row: code and name, then each column's sum over the classes the table covers.
  const row = (code: string, name: string, k: ClassSums): string[] => {
    acc.fill(0);
    forEachSum(k, covered, (c, cents) => {
      for (const col of columns[c]!) acc[col]! += cents;
    });
    const out = new Array<string>(2 + width);
    out[0] = code;
    out[1] = name;
    for (let col = 0; col < width; col++) out[2 + col] = ctx.cell(acc[col]!);
    return out;
  };
  const name = (key: string) => (t.rows === 'unit' ? ctx.unitName(key) : ctx.nameOf(t.rows ?? 'function', key));
  const rows: string[][] = [row('', '合计', sums.total)];
  sums.keys.forEach((key, i) => {
    if ((sums.byKey[i]!.present & covered) !== 0) rows.push(row(key, name(key), sums.byKey[i]!));
  });
  const table = tableOf(ctx, t, rows);
  if ((sums.total.present & covered) === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
