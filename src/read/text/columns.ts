/**
 * Column spans of a space-aligned table, from the character positions pdftotext -layout keeps:
 * header words stacked over one another (a wrapped header "本年收入合 / 计") form one column;
 * a word over several columns ("“三公”经费") is a group label, not a column. Amounts are then placed
 * under the column their span overlaps, in order (a monotone alignment, so a row that pdftotext
 * shifted left after a long name still keeps its amounts in their order).
 */
import type { Cell, RawRow } from './lines.ts';
import { isAmount, norm } from './normalize.ts';
import { memoizeByObject } from '../../util/memo.ts';

export interface HeaderWord extends Cell {
  /** Index of the header line the word was printed on. */
  line: number;
}

export interface Column {
  start: number;
  end: number;
  /** The column's header words, top to bottom. */
  words: HeaderWord[];
}

export interface HeaderLayout {
  columns: Column[];
  /** Words printed over several columns, in line order. */
  groups: HeaderWord[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Header words → columns. A word is a group label when its text is a spanning label of the
 * template header, or when it overlaps two words printed side by side on another line.
 */
export function headerLayout(lines: Cell[][], spanning: ReadonlyMap<string, number>): HeaderLayout {
  const words: HeaderWord[] = [];
  // Copied field by field: spreading a cell ({ ...c, line }) costs more than all the rest here.
  for (let line = 0; line < lines.length; line++) for (const c of lines[line]!) if (c.text) words.push({ text: c.text, start: c.start, end: c.end, line });
  const leaf: HeaderWord[] = [];
  const groups: HeaderWord[] = [];
  for (const w of words) (isGroupWord(w, words, spanning) ? groups : leaf).push(w);
  leaf.sort((a, b) => a.start - b.start);
  const columns: Column[] = [];
  for (const w of leaf) {
    const last = columns[columns.length - 1];
    if (last && w.start < last.end) {
      last.end = Math.max(last.end, w.end);
      last.words.push(w);
    } else columns.push({ start: w.start, end: w.end, words: [w] });
  }
  for (const c of columns) c.words.sort((a, b) => a.line - b.line || a.start - b.start);
  return { columns, groups: groups.sort((a, b) => a.line - b.line || a.start - b.start) };
}

/** A group label: a spanning label of the template header, or a word over two words printed side by side on another line. */
function isGroupWord(w: HeaderWord, words: HeaderWord[], spanning: ReadonlyMap<string, number>): boolean {
  if (spanning.size && spanning.has(norm(w.text))) return true;
  for (let i = 0; i < words.length; i++) {
    const a = words[i]!;
    if (a.line === w.line || !overlaps(a, w)) continue;
    for (let j = i + 1; j < words.length; j++) {
      const b = words[j]!;
      if (b.line !== w.line && overlaps(b, w) && a.line === b.line && !overlaps(a, b)) return true;
    }
  }
  return false;
}

/** The printed words of a column joined top to bottom ("本年收入合" + "计" → "本年收入合计"). */
export function columnText(c: Column, sep = ''): string {
  let text = '';
  for (let i = 0; i < c.words.length; i++) text += i ? sep + c.words[i]!.text : c.words[i]!.text;
  return text;
}

/**
 * Labels of a template header that span several columns (a blank to their right in the same row),
 * with the column each starts at. Template headers are loaded once, so this is computed once per
 * header, not per document.
 */
export const spanningLabels = memoizeByObject((header: string[][]): ReadonlyMap<string, number> => {
  const found = new Map<string, number>();
  header.forEach((row, r) => {
    if (r === header.length - 1) return;
    row.forEach((cell, j) => {
      if (cell && j + 1 < row.length && row[j + 1] === '' && header.slice(r + 1).some((lower) => (lower[j + 1] ?? '') !== '') && !found.has(norm(cell))) found.set(norm(cell), j);
    });
  });
  return found;
});

/** The leaf label of each template column: the lowest non-blank header cell above it (once per header). */
export const leafLabels = memoizeByObject((header: string[][]): readonly string[] => {
  const width = header.reduce((w, r) => Math.max(w, r.length), 0);
  const out: string[] = [];
  for (let j = 0; j < width; j++) {
    let label = '';
    for (const row of header) if (row[j]) label = row[j]!;
    out.push(label);
  }
  return out;
});

/** Whether a printed column header names a template column (equal, or one contains the other). */
export function sameLabel(printed: string, template: string): boolean {
  const a = norm(printed);
  const b = norm(template);
  if (a === '' || b === '') return false;
  // A single character ("类", "计") is too little to name a column by containment.
  return a === b || (b.length > 1 && a.includes(b)) || (a.length > 1 && b.includes(a));
}

/** Characters between a cell and a span (0 when they overlap). */
function gap(c: Cell, s: { start: number; end: number }): number {
  return Math.max(0, s.start - c.end, c.start - s.end);
}

export interface Alignment {
  /** Column index per amount. */
  at: number[];
  /** Characters between each amount and its column's span (0 = overlapping). */
  distance: number[];
}

/**
 * Amounts (left to right) → distinct columns in the same order, nearest to their spans overall.
 * Null when there are more amounts than columns.
 */
/**
 * With `byCentre` (cells at their true positions, a PDF): an amount goes to the column whose
 * centre is nearest its own — a centred header over right-aligned amounts — in order.
 */
export function alignAmounts(amounts: Cell[], columns: { start: number; end: number }[], byCentre = false): Alignment | null {
  const m = amounts.length;
  const k = columns.length;
  if (m > k) return null;
  if (m === 0) return { at: [], distance: [] };
  // cost[i * w + j]: best total placing the first i amounts into the first j columns.
  const w = k + 1;
  const cost = new Array<number>((m + 1) * w).fill(Number.POSITIVE_INFINITY, w).fill(0, 0, w);
  for (let i = 1; i <= m; i++) {
    const a = amounts[i - 1]!;
    for (let j = i; j <= k; j++) {
      const c = columns[j - 1]!;
      // Overlap first; the distance between ends breaks ties (amounts are right-aligned).
      const weight = byCentre ? Math.abs(a.start + a.end - c.start - c.end) : gap(a, c) * 1000 + Math.abs(a.end - c.end);
      cost[i * w + j] = Math.min(cost[i * w + j - 1]!, cost[(i - 1) * w + j - 1]! + weight);
    }
  }
  const at = new Array<number>(m);
  let j = k;
  for (let i = m; i >= 1; i--) {
    while (j > i && cost[i * w + j] === cost[i * w + j - 1]) j--;
    at[i - 1] = j - 1;
    j--;
  }
  return { at, distance: at.map((c, i) => gap(amounts[i]!, columns[c]!)) };
}

/**
 * The template's leaf columns matched in order to the printed header's columns (each label to the
 * next printed column with the same label); null when a template column is not printed.
 */
export function matchTemplateColumns(leaf: readonly string[], layout: HeaderLayout): Column[] | null {
  const columns: Column[] = [];
  let from = 0;
  for (const label of leaf) {
    let i = from;
    while (i < layout.columns.length && !sameLabel(columnText(layout.columns[i]!), label)) i++;
    if (i >= layout.columns.length) return null;
    columns.push(layout.columns[i]!);
    from = i + 1;
  }
  return columns;
}

/**
 * Where label columns (the sides of a table, or the levels of a label) divide: the positions after
 * the `count` widest gaps between the distinct positions where labels (cells other than amounts)
 * start, ascending. Tab-separated rows carry no positions and are skipped.
 */
export function labelCuts(rows: RawRow[], count: number): number[] {
  const starts: number[] = [];
  for (const r of rows) {
    if (r.tabbed) continue;
    for (const c of r.cells) if (c.text && !isAmount(c.text)) starts.push(c.start);
  }
  starts.sort((a, b) => a - b);
  const gaps: { at: number; gap: number }[] = [];
  // Sorted: the entry before a new position is the previous distinct position.
  for (let i = 1; i < starts.length; i++) if (starts[i] !== starts[i - 1]) gaps.push({ at: starts[i]!, gap: starts[i]! - starts[i - 1]! });
  gaps.sort((a, b) => b.gap - a.gap);
  const cuts: number[] = [];
  for (let i = 0; i < count && i < gaps.length; i++) cuts.push(gaps[i]!.at);
  return cuts.sort((a, b) => a - b);
}

/** The group (0, 1, …) a label starting at `pos` falls in; one starting up to `slack` characters before a cut is already past it. */
export function groupAt(cuts: number[], pos: number, slack: number): number {
  let g = 0;
  while (g < cuts.length && pos >= cuts[g]! - slack) g++;
  return g;
}
