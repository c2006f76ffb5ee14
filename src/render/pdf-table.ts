/**
 * Ruled tables in the PDF: column widths from the table model, cells wrapped to their columns,
 * rows never split, header rows repeated on every page (a cell spanning rows across a page break
 * continues there without its text). Every cell boundary is a stroked rule and merged cells have
 * none inside them, which is how our reader (src/read/pdf/ruled-tables.ts) rebuilds the grid.
 */
import type { ModelCell, ModelRow, TableModel } from './table-model.ts';
import { PAGE_MARGINS, wrap, type Flow } from './pdf-layout.ts';

const PAD_X = 4;
const PAD_Y = 2;
const RULE = 0.5;
const RULE_COLOR = [0.333, 0.333, 0.333] as const;
const HEADER_FILL = [0.933, 0.945, 0.957] as const;
const TOTAL_FILL = [0.953, 0.957, 0.965] as const;
const LANDSCAPE_CONTENT_WIDTH = 841.89 - PAGE_MARGINS.left - PAGE_MARGINS.right;

/** Text width of each column: weights from the longest text (CJK counts double), scaled to the page. */
export function columnWidths(m: TableModel): number[] {
  const weights: number[] = [];
  for (let c = 0; c < m.columns; c++) {
    let w = 3;
    for (const row of [...m.header, ...m.body]) {
      const cell = row.cells[c];
      if (!cell || cell.colSpan > 1) continue;
      let len = 0;
      for (const ch of cell.text) len += ch.charCodeAt(0) > 0x2e7f ? 2 : 1.1;
      w = Math.max(w, Math.min(m.grid ? 26 : 34, len));
    }
    weights.push(w);
  }
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const avail = LANDSCAPE_CONTENT_WIDTH - m.columns * (2 * PAD_X + RULE);
  return weights.map((w) => Math.max(18, Math.floor((w / sum) * avail)));
}

interface Placed {
  cell: ModelCell;
  row: number;
  col: number;
  lines: string[];
  bold: boolean;
  align: 'left' | 'center' | 'right';
  fill?: readonly [number, number, number];
}

function cellStyle(m: TableModel, row: ModelRow, c: number, cell: ModelCell): Pick<Placed, 'bold' | 'align' | 'fill'> {
  const header = row.style === 'header';
  return {
    bold: header || row.style === 'total' || row.style === 'subtotal' || (m.grid && c === 0),
    align: cell.kind === 'number' ? 'right' : header && !m.grid ? 'center' : 'left',
    ...(header ? { fill: HEADER_FILL } : row.style === 'total' ? { fill: TOTAL_FILL } : {}),
  };
}

/** Draws the table, text `size` points, into the flow from its current position, continuing on new pages of the same orientation. */
export function drawTable(flow: Flow, m: TableModel, size: number): void {
  const rows = [...m.header, ...m.body];
  const H = m.header.length;
  const C = m.columns;
  const widths = columnWidths(m);
  const xs = [flow.left];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w + 2 * PAD_X + RULE);
  const lh = flow.lineHeight(size);

  // owner[r][c]: the cell covering grid position (r, c).
  const owner: (Placed | undefined)[][] = rows.map(() => Array<Placed | undefined>(C));
  const placed: Placed[] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < C; c++) {
      const cell = row.cells[c];
      if (!cell) continue;
      const style = cellStyle(m, row, c, cell);
      const width = xs[Math.min(C, c + cell.colSpan)]! - xs[c]! - 2 * PAD_X - RULE;
      const p: Placed = { cell, row: r, col: c, lines: wrap(cell.text, flow.face(style.bold), size, width), ...style };
      placed.push(p);
      for (let rr = r; rr < Math.min(rows.length, r + cell.rowSpan); rr++) for (let cc = c; cc < Math.min(C, c + cell.colSpan); cc++) owner[rr]![cc] = p;
    }
  });

  // Row heights: each row fits its single-row cells; a spanning cell's last row grows if it needs to.
  const lines = rows.map(() => 1);
  for (const p of placed) if (p.cell.rowSpan === 1) lines[p.row] = Math.max(lines[p.row]!, p.lines.length);
  const rowHeight = lines.map((n) => 2 * PAD_Y + RULE + n * lh);
  for (const p of placed) {
    const last = Math.min(rows.length, p.row + p.cell.rowSpan) - 1;
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
  for (let r = H; r < rows.length; r++) {
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
