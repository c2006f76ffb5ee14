/**
 * Ruled tables in the PDF: column widths planned from the content (pdf-columns.ts), cells wrapped
 * to their columns, rows never split (except a row taller than a page, continued on the next),
 * header rows repeated on every page (a cell spanning rows across a page break continues there
 * without its text). Every cell boundary is a stroked rule and merged cells have none inside
 * them, which is how our reader (src/read/pdf/ruled-tables.ts) rebuilds the grid.
 */
import type { ModelCell, ModelRow, TableModel } from './table-model.ts';
import { evenWrap, PAGE_MARGINS, wrap, type Flow } from './pdf-layout.ts';
import { PAD_X, RULE } from './pdf-columns.ts';

const PAD_Y = 2;
const RULE_COLOR = [0.333, 0.333, 0.333] as const;
const HEADER_FILL = [0.933, 0.945, 0.957] as const;
const TOTAL_FILL = [0.953, 0.957, 0.965] as const;

interface Placed {
  cell: ModelCell;
  row: number;
  col: number;
  /** Grid rows the cell covers (a row taller than a page becomes several). */
  rowSpan: number;
  lines: string[];
  bold: boolean;
  align: 'left' | 'center' | 'right';
  fill?: readonly [number, number, number];
}

/** Bold cells: header rows, totals and subtotals, and the label column of a label/value table. */
export function cellBold(m: TableModel, row: number, c: number): boolean {
  const style = (row < m.header.length ? m.header[row] : m.body[row - m.header.length])?.style;
  return style === 'header' || style === 'total' || style === 'subtotal' || (m.grid && c === 0);
}

function cellStyle(m: TableModel, row: ModelRow, r: number, c: number, cell: ModelCell): Pick<Placed, 'bold' | 'align' | 'fill'> {
  const header = row.style === 'header';
  return {
    bold: cellBold(m, r, c),
    align: cell.kind === 'number' ? 'right' : header && !m.grid ? 'center' : 'left',
    ...(header ? { fill: HEADER_FILL } : row.style === 'total' ? { fill: TOTAL_FILL } : {}),
  };
}

/**
 * Draws the table with text `size` points and the given text width per column, into the flow
 * from its current position, continuing on new pages of the same orientation.
 */
export function drawTable(flow: Flow, m: TableModel, size: number, widths: number[]): void {
  const rows = [...m.header, ...m.body];
  const H = m.header.length;
  const C = m.columns;
  const xs = [flow.left];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w + 2 * PAD_X + RULE);
  const lh = flow.lineHeight(size);

  // Cells placed per printed row, with their wrapped lines.
  let grid: (Placed | null)[][] = rows.map((row, r) =>
    Array.from({ length: C }, (_, c) => {
      const cell = row.cells[c];
      if (!cell) return null;
      const style = cellStyle(m, row, r, c, cell);
      const width = xs[Math.min(C, c + cell.colSpan)]! - xs[c]! - 2 * PAD_X - RULE;
      const lines = (row.style === 'header' ? evenWrap : wrap)(cell.text, flow.face(style.bold), size, width);
      return { cell, row: r, col: c, rowSpan: cell.rowSpan, lines, ...style };
    }),
  );
  // A body row continues on the next page when it is taller than a page below the repeated header.
  let headerGuess = 0;
  for (let r = 0; r < H; r++) headerGuess += 2 * PAD_Y + RULE + lh * Math.max(1, ...grid[r]!.map((p) => (p && p.rowSpan === 1 ? p.lines.length : 1)));
  grid = splitTallRows(grid, H, rows, Math.floor((flow.bottom - PAGE_MARGINS.top - headerGuess - (2 * PAD_Y + RULE)) / lh) - 1);

  // owner[r][c]: the cell covering grid position (r, c).
  const owner: (Placed | undefined)[][] = grid.map(() => Array<Placed | undefined>(C));
  const placed: Placed[] = [];
  grid.forEach((cells, r) =>
    cells.forEach((p, c) => {
      if (!p) return;
      p.row = r;
      placed.push(p);
      for (let rr = r; rr < Math.min(grid.length, r + p.rowSpan); rr++) for (let cc = c; cc < Math.min(C, c + p.cell.colSpan); cc++) owner[rr]![cc] = p;
    }),
  );

  // Row heights: each row fits its single-row cells; a spanning cell's last row grows if it needs to.
  const lines = grid.map(() => 1);
  for (const p of placed) if (p.rowSpan === 1) lines[p.row] = Math.max(lines[p.row]!, p.lines.length);
  const rowHeight = lines.map((n) => 2 * PAD_Y + RULE + n * lh);
  for (const p of placed) {
    const last = Math.min(grid.length, p.row + p.rowSpan) - 1;
    if (last === p.row) continue;
    let have = 0;
    for (let r = p.row; r <= last; r++) have += rowHeight[r]!;
    const need = 2 * PAD_Y + RULE + p.lines.length * lh;
    if (need > have) rowHeight[last]! += need - have;
  }

  const headerRows = Array.from({ length: H }, (_, r) => r);
  let headerHeight = 0;
  for (const r of headerRows) headerHeight += rowHeight[r]!;
  const room = (h: number) => flow.y + h <= flow.bottom + 0.01;
  // The header rows and the first body row stay together.
  const first = headerHeight + (rowHeight[H] ?? 0);
  if (!room(first) && first <= flow.bottom - PAGE_MARGINS.top) flow.newPage();
  let segment = [...headerRows];
  let used = headerHeight;
  for (let r = H; r < grid.length; r++) {
    if (!room(used + rowHeight[r]!) && segment.length > H) {
      drawSegment(flow, segment, owner, xs, rowHeight, lh, size);
      flow.newPage();
      segment = [...headerRows];
      used = headerHeight;
    }
    segment.push(r);
    used += rowHeight[r]!;
  }
  drawSegment(flow, segment, owner, xs, rowHeight, lh, size);
}

/**
 * A body row with more lines than fit on a page (a pathological text) becomes several rows of at
 * most `maxLines` lines each, so that it continues on the next page instead of running off this
 * one. Only rows whose cells all stand alone (no span across rows) are split.
 */
function splitTallRows(grid: (Placed | null)[][], H: number, rows: ModelRow[], maxLines: number): (Placed | null)[][] {
  const limit = Math.max(1, maxLines);
  const out: (Placed | null)[][] = [];
  let coveredUntil = -1;
  grid.forEach((cells, r) => {
    const tall = r >= H && r > coveredUntil && cells.some((p) => p && p.lines.length > limit) && cells.every((p) => !p || p.rowSpan === 1);
    for (const p of cells) if (p) coveredUntil = Math.max(coveredUntil, r + p.rowSpan - 1);
    if (!tall || rows[r] === undefined) {
      out.push(cells);
      return;
    }
    const n = Math.max(...cells.map((p) => (p ? Math.ceil(p.lines.length / limit) : 1)));
    for (let k = 0; k < n; k++) out.push(cells.map((p) => (p ? { ...p, lines: p.lines.slice(k * limit, (k + 1) * limit) } : null)));
  });
  return out;
}

/** Draws the listed rows (header rows first) top-down from flow.y, and moves flow.y below them. */
function drawSegment(flow: Flow, rows: number[], owner: (Placed | undefined)[][], xs: number[], rowHeight: number[], lh: number, size: number): void {
  const C = xs.length - 1;
  const tops: number[] = [];
  let y = flow.y;
  for (const r of rows) {
    tops.push(y);
    y += rowHeight[r]!;
  }
  const bottom = y;
  const page = flow.page;

  // Each cell's box on this page: from the first listed row it covers to the last.
  const boxes = new Map<Placed, { top: number; bottom: number; firstRow: number }>();
  rows.forEach((r, i) => {
    for (let c = 0; c < C; c++) {
      const p = owner[r]![c];
      if (!p) continue;
      const b = boxes.get(p);
      if (b) b.bottom = tops[i]! + rowHeight[r]!;
      else boxes.set(p, { top: tops[i]!, bottom: tops[i]! + rowHeight[r]!, firstRow: r });
    }
  });
  for (const [p, b] of boxes) {
    const x0 = xs[p.col]!;
    const x1 = xs[Math.min(C, p.col + p.cell.colSpan)]!;
    if (p.fill) page.fill(x0, b.top, x1 - x0, b.bottom - b.top, p.fill);
  }
  for (const [p, b] of boxes) {
    if (b.firstRow !== p.row) continue; // continued from the previous page: its text is there
    const x0 = xs[p.col]! + RULE + PAD_X;
    const width = xs[Math.min(C, p.col + p.cell.colSpan)]! - xs[p.col]! - 2 * PAD_X - RULE;
    p.lines.forEach((line, k) => flow.drawLine(line, { size, bold: p.bold, align: p.align }, x0, width, b.top + RULE + PAD_Y + k * lh));
  }

  // Rules: a boundary between two grid positions is drawn where different cells meet.
  const segments: number[][] = [];
  const run = (on: boolean[], at: number, pos: number[], horizontal: boolean) => {
    for (let i = 0; i < on.length; ) {
      if (!on[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < on.length && on[j]) j++;
      segments.push(horizontal ? [pos[i]!, at, pos[j]!, at] : [at, pos[i]!, at, pos[j]!]);
      i = j;
    }
  };
  const ys = [...tops, bottom];
  for (let i = 0; i <= rows.length; i++) {
    const above = i > 0 ? rows[i - 1]! : -1;
    const below = i < rows.length ? rows[i]! : -1;
    const on = Array.from({ length: C }, (_, c) => above < 0 || below < 0 || owner[above]![c] !== owner[below]![c] || !owner[above]![c]);
    run(on, ys[i]!, xs, true);
  }
  for (let c = 0; c <= C; c++) {
    const on = rows.map((r) => c === 0 || c === C || owner[r]![c - 1] !== owner[r]![c] || !owner[r]![c]);
    run(on, xs[c]!, ys, false);
  }
  page.lines(segments, RULE, RULE_COLOR);
  flow.y = bottom;
}
