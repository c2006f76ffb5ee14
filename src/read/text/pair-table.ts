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
import { alignAmounts, columnText, groupAt, headerLayout, labelCuts, leafLabels, matchTemplateColumns, spanningLabels, type Column } from './columns.ts';
import { sourceOf, type Cell, type RawRow } from './lines.ts';
import { isAmount, norm } from './normalize.ts';
import type { Problem } from './table-block.ts';
import { memoizeByObject } from '../../util/memo.ts';

export interface PairTable {
  header: string[][];
  rows: string[][];
  sources: SourceRef[];
  problems: Problem[];
}

const TOTAL = /合计|总计|小计/;
const NUMBERED = /^[一二三四五六七八九十\d]+[、.．]/;

/** What a template table's header says about its columns: once per template table, not per document. */
interface PairPlan {
  leaf: readonly string[];
  /** Columns holding labels (项目 / 名称), the first being column 0. */
  labelCols: number[];
  amountCols: number[];
}
const pairPlan = memoizeByObject((spec: TemplateTable): PairPlan | null => {
  const leaf = leafLabels(spec.header);
  const labelCols: number[] = [];
  const amountCols: number[] = [];
  for (let i = 0; i < leaf.length; i++) (/项目|名称/.test(norm(leaf[i]!)) ? labelCols : amountCols).push(i);
  return labelCols.length && labelCols[0] === 0 ? { leaf, labelCols, amountCols } : null;
});

/** A line's cells placed: amounts under their columns, labels in the label column of their side; null when it has more amounts than columns. */
function placeLine(cells: Cell[], plan: PairPlan, amountColumns: Column[], groupOf: (pos: number) => number): string[] | null {
  const { labelCols, amountCols } = plan;
  const out = new Array<string>(plan.leaf.length).fill('');
  const amounts: Cell[] = [];
  for (const c of cells) if (isAmount(c.text)) amounts.push(c);
  const aligned = alignAmounts(amounts, amountColumns);
  if (!aligned) return null;
  for (let i = 0; i < amounts.length; i++) out[amountCols[aligned.at[i]!]!] = amounts[i]!.text;
  for (const c of cells) {
    if (isAmount(c.text)) continue;
    const at = labelCols[Math.min(groupOf(c.start), labelCols.length - 1)]!;
    out[at] = out[at] ? `${out[at]} ${c.text}` : c.text;
  }
  return out;
}

/** A short piece of a wrapped label ("款", "拨款"): no amount, no total, no numbering. */
function isFragmentLine(cells: Cell[]): boolean {
  for (const c of cells) {
    if (c.text.length > 6 || isAmount(c.text) || norm(c.text).length > 3 || TOTAL.test(c.text) || NUMBERED.test(c.text)) return false;
  }
  return true;
}

function allAmounts(cells: Cell[]): boolean {
  for (const c of cells) if (!isAmount(c.text)) return false;
  return true;
}

/** Each fragment continues the latest label printed in its column; false (some joined already) when a column has none. */
function joinFragments(placed: string[], rows: string[][]): boolean {
  for (let j = 0; j < placed.length; j++) {
    const text = placed[j]!;
    if (!text) continue;
    let k = rows.length - 1;
    while (k >= 0 && !rows[k]![j]) k--;
    if (k < 0) return false;
    rows[k]![j] = rows[k]![j] + text;
  }
  return true;
}

/** Whether the cells of `a` that are printed all sit where `b` has nothing ("blanks" = true) or something (false). */
function fitsAgainst(a: string[], b: string[], blanks: boolean): boolean {
  for (let j = 0; j < a.length; j++) if (a[j] && (blanks ? !!b[j] : !b[j])) return false;
  return true;
}

export function readPairTable(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): PairTable | null {
  if (!header.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const plan = pairPlan(spec);
  if (!plan) return null;
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanningLabels(spec.header),
  );
  const columns = matchTemplateColumns(plan.leaf, layout);
  if (!columns) return null;
  const amountColumns = plan.amountCols.map((j) => columns[j]!);
  // The sides are cut at the widest gaps between the positions where labels start.
  const cuts = labelCuts(body, plan.labelCols.length - 1);
  const groupOf = (pos: number) => groupAt(cuts, pos, 2);
  const place = (cells: Cell[]) => placeLine(cells, plan, amountColumns, groupOf);

  const problems: Problem[] = [];
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  const lines: { r: RawRow; cells: Cell[] }[] = [];
  for (const r of body) {
    const cells = r.cells.filter((c) => c.text);
    if (cells.length) lines.push({ r, cells });
  }
  let pending: Cell[] = [];
  let pendingLine: RawRow | null = null;
  for (let i = 0; i < lines.length; i++) {
    const { r, cells } = lines[i]!;
    if (allAmounts(cells)) {
      pending.push(...cells);
      pendingLine ??= r;
      continue;
    }
    const placed = place(cells);
    if (placed && isFragmentLine(cells) && !pending.length && joinFragments(placed, rows)) continue;
    const all = pending.length ? [...cells, ...pending].sort((a, b) => a.start - b.start) : cells;
    const row = place(all);
    if (!row) {
      problems.push({
        message: `表${spec.no}「${spec.title}」：金额个数多于列数（${all
          .filter((c) => isAmount(c.text))
          .map((c) => c.text)
          .join(' ')}）`,
        source: sourceOf(r.line, file),
      });
      return null;
    }
    pending = [];
    const src = sourceOf((pendingLine ?? r).line, file);
    pendingLine = null;
    const prev = rows[rows.length - 1];
    const next = lines[i + 1];
    // A label between the two halves of a wrapped label on the other side shares its row.
    if (prev && noAmounts(prev) && fitsAgainst(row, prev, true) && next && isFragmentLine(next.cells) && fitsAgainst(place(next.cells) ?? [], prev, false)) {
      row.forEach((text, j) => {
        if (text) prev[j] = text;
      });
      continue;
    }
    rows.push(row);
    sources.push(src);
  }
  if (pending.length) {
    problems.push({ message: `表${spec.no}「${spec.title}」：金额未能归入任何一行（${pending.map((c) => c.text).join(' ')}）`, source: sourceOf(pendingLine!.line, file) });
  }
  return { header: alignedPairHeader(layout.columns, layout.groups, columns), rows, sources, problems };
}

function noAmounts(row: string[]): boolean {
  for (const text of row) if (text && isAmount(text)) return false;
  return true;
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
