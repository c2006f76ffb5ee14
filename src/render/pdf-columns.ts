/**
 * Column widths of a PDF table from the measured widths of its content, and the choice of font
 * size, orientation and column split that makes it fit.
 *
 * Each column gets a minimum and a preferred width, in the spirit of CSS's automatic table layout:
 * numbers and codes never wrap (their whole width is the minimum), text wraps down to a readable
 * width, header text wraps freely, and a column with nothing in its body shrinks to its wrapped
 * header. The page's width is shared out from the minimums towards the preferred widths. A table
 * whose minimums do not fit is tried at a smaller size, then on a landscape page, then split into
 * column groups that each repeat the key columns (code and name).
 */
import type { ModelCell, ModelRow, TableModel } from './table-model.ts';
import type { Orientation } from './pdf-layout.ts';

/** Horizontal padding on each side of a cell's text, and the rule width, in points. */
export const PAD_X = 4;
export const RULE = 0.5;
/** Width of a cell beyond its text: the padding on both sides and one rule. */
export const CELL_EXTRA = 2 * PAD_X + RULE;

/** Font sizes tried in order on each orientation. */
export const CELL_SIZES = [8, 7.5, 7] as const;
/** Text is given at least this many ems before it wraps (shorter text its whole width). */
const TEXT_MIN_EM = 8;
/** A header wraps down to this many ems (or its longest unbreakable word). */
const HEADER_MIN_EM = 2;
/** A header widens a column with content up to this many ems; beyond that it wraps. */
const HEADER_PREFERRED_EM = 4;
/** An unbroken non-numeric word counts as at most this many ems (it is broken between characters beyond). */
const WORD_CAP_EM = 8;
/** Text measured per cell: beyond this many characters a cell is as wide as text gets anyway. */
const MEASURE_LIMIT = 2000;

export type TextWidth = (text: string, bold: boolean, size: number) => number;

export interface TablePlan {
  orientation: Orientation;
  size: number;
  /** The table as printed, one part after another: the whole table, or the column groups of a split one. */
  parts: { model: TableModel; widths: number[] }[];
}

const NUMERIC = /^[-+]?[\d.,%‰]+$/;

interface Extent {
  min: number;
  max: number;
  /** The column has text in its body (an empty one does not widen beyond its minimum). */
  content?: boolean;
}

/** Minimum and preferred width of one cell's text at `size`. */
export function cellExtent(cell: ModelCell, header: boolean, bold: boolean, size: number, measure: TextWidth): Extent {
  const text = cell.text.length > MEASURE_LIMIT ? cell.text.slice(0, MEASURE_LIMIT) : cell.text;
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, measure(line, bold, size));
  if (cell.kind === 'number') return { min: max, max };
  // Unbreakable words: runs without spaces or CJK characters. Numbers and codes keep their whole width.
  let word = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    const breaks = code === 32 || code === 9 || code === 10 || code >= 0x2e80;
    if (!breaks && start < 0) start = i;
    if (breaks && start >= 0) {
      const w = text.slice(start, i);
      const ww = measure(w, bold, size);
      word = Math.max(word, NUMERIC.test(w) ? ww : Math.min(ww, WORD_CAP_EM * size));
      start = -1;
    }
  }
  const floor = (header ? HEADER_MIN_EM : TEXT_MIN_EM) * size;
  return { min: Math.max(word, Math.min(max, floor)), max };
}

/** The key columns repeated in every group of a split table: the text columns before the first amount. */
export function keyColumns(m: TableModel): number[] {
  const amount = (cell: ModelCell | null | undefined) => !!cell && (cell.kind === 'number' || /^-?[\d,]+\.\d+$/.test(cell.text));
  const firstNumber = Array.from({ length: m.columns }, (_, c) => c).find((c) => m.body.some((r) => amount(r.cells[c])));
  const keys: number[] = [];
  for (let c = 0; c < (firstNumber ?? 0) && keys.length < 3; c++) keys.push(c);
  return keys;
}

/** Per column: the width it cannot go below and the width it would like, at `size`. */
export function columnExtents(m: TableModel, size: number, measure: TextWidth, bold: (row: number, col: number) => boolean): Extent[] {
  const C = m.columns;
  const min = Array<number>(C).fill(0);
  const bodyMax = Array<number>(C).fill(0);
  const headMin = Array<number>(C).fill(0);
  const headMax = Array<number>(C).fill(0);
  const spans: { c: number; n: number; min: number }[] = [];
  const rows = [...m.header, ...m.body];
  rows.forEach((row, r) => {
    const header = row.style === 'header';
    row.cells.forEach((cell, c) => {
      if (!cell || cell.text === '') return;
      const e = cellExtent(cell, header, bold(r, c), size, measure);
      if (cell.colSpan > 1) {
        spans.push({ c, n: Math.min(cell.colSpan, C - c), min: e.min });
        return;
      }
      if (header) {
        headMin[c] = Math.max(headMin[c]!, e.min);
        headMax[c] = Math.max(headMax[c]!, e.max);
      } else {
        min[c] = Math.max(min[c]!, e.min);
        bodyMax[c] = Math.max(bodyMax[c]!, e.max);
      }
    });
  });
  const out = Array.from({ length: C }, (_, c) => {
    const lo = Math.max(min[c]!, headMin[c]!, size);
    // A header widens its column only a little beyond the column's content; an empty column keeps its wrapped header.
    const hi = bodyMax[c]! > 0 ? Math.max(bodyMax[c]!, Math.min(headMax[c]!, HEADER_PREFERRED_EM * size)) : lo;
    return { min: lo, max: Math.max(lo, hi), content: bodyMax[c]! > 0 };
  });
  // A spanning cell's minimum is shared evenly by the columns it covers, where they fall short.
  for (const s of spans) {
    let have = CELL_EXTRA * (s.n - 1);
    for (let k = s.c; k < s.c + s.n; k++) have += out[k]!.min;
    if (have >= s.min) continue;
    const add = (s.min - have) / s.n;
    for (let k = s.c; k < s.c + s.n; k++) {
      out[k]!.min += add;
      out[k]!.max = Math.max(out[k]!.max, out[k]!.min);
    }
  }
  return out;
}

/**
 * Shares `avail` points of text width out over columns: every column its minimum, then the rest
 * in proportion to what each still wants; once every column has its preferred width, the rest
 * goes to the columns with content in proportion to their width. Null when the minimums do not fit.
 */
export function distribute(ext: Extent[], avail: number): number[] | null {
  const minSum = ext.reduce((a, e) => a + e.min, 0);
  if (minSum > avail + 0.01) return null;
  const maxSum = ext.reduce((a, e) => a + e.max, 0);
  if (maxSum <= avail) {
    const grow = ext.map((e) => (e.content ? e.max : 0));
    const growSum = grow.reduce((a, b) => a + b, 0);
    const weights = growSum > 0 ? grow : ext.map((e) => e.max);
    const wSum = weights.reduce((a, b) => a + b, 0) || 1;
    return ext.map((e, i) => e.max + ((avail - maxSum) * weights[i]!) / wSum);
  }
  const f = (avail - minSum) / (maxSum - minSum);
  return ext.map((e) => e.min + (e.max - e.min) * f);
}

/** Column groups of a table too wide for the page: the key columns, then as many others as fit. */
function split(ext: Extent[], keys: number[], avail: number): number[][] | null {
  const keyWidth = keys.reduce((a, k) => a + ext[k]!.min + CELL_EXTRA, 0);
  const groups: number[][] = [];
  let cur: number[] = [];
  let used = keyWidth;
  for (let c = 0; c < ext.length; c++) {
    if (keys.includes(c)) continue;
    const w = ext[c]!.min + CELL_EXTRA;
    if (used + w > avail && cur.length) {
      groups.push([...keys, ...cur]);
      cur = [];
      used = keyWidth;
    }
    if (used + w > avail) return null; // one column alone does not fit beside the keys
    cur.push(c);
    used += w;
  }
  if (cur.length) groups.push([...keys, ...cur]);
  return groups.length > 1 ? groups : null;
}

/**
 * The model restricted to some columns: a cell spanning columns keeps the part of its span that
 * is selected, its text printed in the first selected column it covers.
 */
export function selectColumns(m: TableModel, cols: number[]): TableModel {
  const pick = (rows: ModelRow[]): ModelRow[] => {
    // owner[r][c]: the cell covering grid position (r, c), and the row it starts in.
    const owner = rows.map(() => Array<{ cell: ModelCell; row: number } | undefined>(m.columns));
    rows.forEach((row, r) =>
      row.cells.forEach((cell, c) => {
        if (!cell) return;
        for (let rr = r; rr < Math.min(rows.length, r + cell.rowSpan); rr++) for (let cc = c; cc < Math.min(m.columns, c + cell.colSpan); cc++) owner[rr]![cc] = { cell, row: r };
      }),
    );
    return rows.map((row, r) => {
      const cells: (ModelCell | null)[] = [];
      cols.forEach((c, i) => {
        const o = owner[r]![c];
        const prev = i > 0 ? owner[r]![cols[i - 1]!] : undefined;
        if (!o || o.row !== r || (prev && prev.cell === o.cell && cols[i - 1] === c - 1)) {
          cells.push(o ? null : { text: '', kind: 'empty', rowSpan: 1, colSpan: 1 });
          return;
        }
        let n = 1;
        while (i + n < cols.length && cols[i + n] === c + n && owner[r]![c + n]?.cell === o.cell) n++;
        cells.push({ ...o.cell, colSpan: n });
      });
      return { style: row.style, cells };
    });
  };
  return { ...m, columns: cols.length, header: pick(m.header), body: pick(m.body) };
}

/**
 * The plan for one table: the first of portrait at each size, landscape at each size, that fits
 * every column's minimum; else a split into column groups in landscape at the smallest size;
 * else (a single column wider than a page) landscape at the smallest size, wrapping what must wrap.
 */
export function planTable(m: TableModel, pageWidth: (o: Orientation) => number, measure: TextWidth, bold: (m: TableModel, row: number, col: number) => boolean): TablePlan {
  // Every width is proportional to the size: measured once at 1 point, then scaled.
  const unit = columnExtents(m, 1, measure, (r, c) => bold(m, r, c));
  const at = (size: number) => unit.map((e) => ({ min: e.min * size, max: e.max * size, content: e.content }));
  for (const orientation of ['portrait', 'landscape'] as const) {
    const avail = pageWidth(orientation) - m.columns * CELL_EXTRA;
    for (const size of CELL_SIZES) {
      const widths = distribute(at(size), avail);
      if (widths) return { orientation, size, parts: [{ model: m, widths }] };
    }
  }
  const size = CELL_SIZES[CELL_SIZES.length - 1]!;
  const full = pageWidth('landscape');
  const ext = at(size);
  const groups = split(ext, keyColumns(m), full);
  if (groups) {
    const parts = groups.map((g) => {
      const model = selectColumns(m, g);
      const e = columnExtents(model, size, measure, (r, c) => bold(model, r, c));
      const widths = distribute(e, full - g.length * CELL_EXTRA) ?? e.map((x) => x.min);
      return { model, widths };
    });
    return { orientation: 'landscape', size, parts };
  }
  // Nothing fits even split: shrink every column in proportion to its minimum.
  const avail = full - m.columns * CELL_EXTRA;
  const minSum = ext.reduce((a, e) => a + e.min, 0) || 1;
  return { orientation: 'landscape', size, parts: [{ model: m, widths: ext.map((e) => (e.min * avail) / minSum) }] };
}
