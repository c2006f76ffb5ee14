/**
 * Space-aligned income/expenditure tables (收入 | 支出 [| 支出用途] side by side), placed by the
 * character positions of their header columns:
 * - amounts go under the amount column their span overlaps (in order along the line);
 * - an amount line printed above its labels joins the row below it;
 * - a label wrapped onto the next line ("二、政府性基金预算财政拨" / "款") joins the label it
 *   continues, and a label printed on the line between the two halves of a wrapped label on the
 *   other side joins the same row.
 * Returns null when the header does not show the template's columns (the caller then places cells
 * in print order).
 */
import type { SourceRef } from '../../core/disclosure.ts';
import type { TemplateTable } from '../../core/template.ts';
import { alignAmounts, columnText, headerLayout, leafLabels, matchTemplateColumns, spanningLabels, type Column } from './columns.ts';
import { sourceOf, type Cell, type RawRow } from './lines.ts';
import { isAmount, norm } from './normalize.ts';
import type { Problem } from './table-block.ts';

export interface PairTable {
  header: string[][];
  rows: string[][];
  sources: SourceRef[];
  problems: Problem[];
}

const TOTAL = /合计|总计|小计/;

export function readPairTable(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): PairTable | null {
  if (!header.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const leaf = leafLabels(spec.header);
  const n = leaf.length;
  const labelCols = leaf.map((h, i) => (/项目|名称/.test(norm(h)) ? i : -1)).filter((i) => i >= 0);
  if (!labelCols.length || labelCols[0] !== 0) return null;
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanningLabels(spec.header),
  );
  const columns = matchTemplateColumns(leaf, layout);
  if (!columns) return null;
  const amountCols = leaf.map((_, i) => i).filter((i) => !labelCols.includes(i));
  const groupOf = labelGroups(body, labelCols.length);

  // Each line's cells; null when the line has more amounts than the table has columns.
  const placeLine = (cells: Cell[]): string[] | null => {
    const out = new Array<string>(n).fill('');
    const amounts = cells.filter((c) => isAmount(c.text));
    const aligned = alignAmounts(
      amounts,
      amountCols.map((j) => columns[j]!),
    );
    if (!aligned) return null;
    aligned.at.forEach((k, i) => (out[amountCols[k]!] = amounts[i]!.text));
    for (const c of cells) {
      if (isAmount(c.text)) continue;
      const at = labelCols[Math.min(groupOf(c.start), labelCols.length - 1)]!;
      out[at] = out[at] ? `${out[at]} ${c.text}` : c.text;
    }
    return out;
  };

  const problems: Problem[] = [];
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  const lines = body.map((r) => ({ r, cells: r.cells.filter((c) => c.text) })).filter((l) => l.cells.length);
  const isFragmentLine = (cells: Cell[]) =>
    cells.every((c) => c.text.length <= 6 && !isAmount(c.text) && norm(c.text).length <= 3 && !TOTAL.test(c.text) && !/^[一二三四五六七八九十\d]+[、.．]/.test(c.text));
  let pending: Cell[] = [];
  let pendingLine: RawRow | null = null;
  for (let i = 0; i < lines.length; i++) {
    const { r, cells } = lines[i]!;
    if (cells.every((c) => isAmount(c.text))) {
      pending.push(...cells);
      pendingLine ??= r;
      continue;
    }
    const placed = placeLine(cells);
    if (placed && isFragmentLine(cells) && !pending.length) {
      // Each fragment continues the latest label printed in its column.
      const joined = placed.every((text, j) => {
        if (!text) return true;
        const prev = [...rows].reverse().find((row) => row[j]);
        if (!prev) return false;
        prev[j] = prev[j] + text;
        return true;
      });
      if (joined) continue;
    }
    const all = pending.length ? [...cells, ...pending].sort((a, b) => a.start - b.start) : cells;
    const row = placeLine(all);
    if (!row) {
      problems.push({ message: `表${spec.no} ${spec.title}: more amounts than columns (${all.filter((c) => isAmount(c.text)).map((c) => c.text).join(' ')})`, source: sourceOf(r.line, file) });
      return null;
    }
    pending = [];
    const src = sourceOf((pendingLine ?? r).line, file);
    pendingLine = null;
    const prev = rows[rows.length - 1];
    const next = lines[i + 1];
    // A label between the two halves of a wrapped label on the other side shares its row.
    if (
      prev &&
      prev.every((text) => !text || !isAmount(text)) &&
      row.every((text, j) => !text || !prev[j]) &&
      next &&
      isFragmentLine(next.cells) &&
      (placeLine(next.cells) ?? []).every((text, j) => !text || prev[j])
    ) {
      row.forEach((text, j) => text && (prev[j] = text));
      continue;
    }
    rows.push(row);
    sources.push(src);
  }
  if (pending.length) {
    problems.push({ message: `表${spec.no} ${spec.title}: amounts printed without a row (${pending.map((c) => c.text).join(' ')})`, source: sourceOf(pendingLine!.line, file) });
  }
  return { header: alignedPairHeader(layout.columns, layout.groups, columns), rows, sources, problems };
}

/**
 * Which label column (side) a label printed at a position belongs to: the sides are cut at the
 * widest gaps between the positions where labels start.
 */
function labelGroups(body: RawRow[], groups: number): (pos: number) => number {
  const starts = [...new Set(body.flatMap((r) => r.cells.filter((c) => c.text && !isAmount(c.text)).map((c) => c.start)))].sort((a, b) => a - b);
  const cuts: number[] = [];
  if (groups > 1 && starts.length > 1) {
    const gaps = starts.slice(1).map((s, i) => ({ at: s, gap: s - starts[i]! }));
    gaps.sort((a, b) => b.gap - a.gap);
    cuts.push(...gaps.slice(0, groups - 1).map((g) => g.at).sort((a, b) => a - b));
  }
  return (pos) => {
    let g = 0;
    while (g < cuts.length && pos >= cuts[g]! - 2) g++;
    return g;
  };
}

/** Leaf row: the printed words of each template column; above it, the other header words under the column they start nearest. */
function alignedPairHeader(all: Column[], groups: { text: string; start: number; line: number }[], columns: Column[]): string[][] {
  const n = columns.length;
  const upper = new Array<string>(n).fill('');
  const others = [...all.filter((c) => !columns.includes(c)).flatMap((c) => c.words), ...groups].sort((a, b) => a.line - b.line || a.start - b.start);
  for (const w of others) {
    let best = 0;
    for (let j = 1; j < n; j++) if (Math.abs(columns[j]!.start - w.start) < Math.abs(columns[best]!.start - w.start)) best = j;
    upper[best] = upper[best] ? `${upper[best]} ${w.text}` : w.text;
  }
  const leafRow = columns.map((c) => columnText(c));
  return upper.some(Boolean) ? [upper, leafRow] : [leafRow];
}
