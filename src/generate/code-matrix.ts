/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 * Cells are sums of the budget's per-code class sums (code-sums.ts), shared by all these tables.
 */
import type { TemplateTable } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { addByColumn, type ClassSums } from './code-sums.ts';
import type { BuildContext } from './context.ts';
import { filterClasses, measureColumns } from './measures.ts';
import { tableOf } from './table-shell.ts';

/** Each column's sum over the classes the table covers, into acc. */
function columnSums(k: ClassSums, covered: number, columns: readonly number[][], acc: number[]): number[] {
  acc.fill(0);
  addByColumn(k, covered, columns, acc);
  return acc;
}

/** One row: code and name, then the printed column sums. */
function matrixRow(ctx: BuildContext, code: string, name: string, sums: readonly number[]): string[] {
  const out = [code, name];
  for (const v of sums) out.push(ctx.cell(v));
  return out;
}

function rowName(ctx: BuildContext, t: TemplateTable, key: string): string {
  return t.rows === 'unit' ? ctx.unitName(key) : ctx.nameOf(t.rows ?? 'function', key);
}

/** A table of amounts by classification code (function, economic or unit rows) with the template's columns. */
export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const covered = filterClasses(t);
  const sums = ctx.sumsBy(t.rows ?? 'function');
  const acc: number[] = [];
  for (let col = 0; col < width; col++) acc.push(0);
  const rows: string[][] = [matrixRow(ctx, '', '合计', columnSums(sums.total, covered, columns, acc))];
  const { keys, byKey } = sums;
  // The code levels listed (template `levels`: Beijing prints only 项); codes of 3 / 5 / 7 digits are levels 1 / 2 / 3.
  const listed = t.levels && t.rows !== 'unit' ? new Set(t.levels.map((l) => 1 + 2 * l)) : undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const k = byKey[i]!;
    if (listed && !listed.has(key.length)) continue;
    if ((k.present & covered) !== 0) rows.push(matrixRow(ctx, key, rowName(ctx, t, key), columnSums(k, covered, columns, acc)));
  }
  const table = tableOf(ctx, t, rows);
  if ((sums.total.present & covered) === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
