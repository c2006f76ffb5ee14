/**
 * The format-neutral table model between a Disclosure and the writers (HTML, Excel, PDF, CSV):
 * cells with row/column spans, row styles (header/body/subtotal/total) and number cells that
 * carry both the exact value (hundredths) and the printed text. Writers only lay this out.
 *
 * Spans are inferred from the printed grid and only ever cover empty cells, so expanding a
 * merged cell back (text in its first cell, "" in the rest) gives the printed grid exactly.
 */
import { formatCents, parsePrintedCents } from '../core/money.ts';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';

export type RowStyle = 'header' | 'body' | 'subtotal' | 'total';
export type CellKind = 'header' | 'label' | 'text' | 'number' | 'empty';

export interface ModelCell {
  text: string;
  kind: CellKind;
  rowSpan: number;
  colSpan: number;
  /** Number cells: the printed amount in hundredths (0.01 of the table's unit). */
  cents?: number;
}

export interface ModelRow {
  style: RowStyle;
  /** One entry per grid column; null where a span from another cell covers the position. */
  cells: (ModelCell | null)[];
}

export interface TableModel {
  /** Anchor / sheet id: "t1", "t17-2" … */
  id: string;
  /** "1", "17-2" … */
  label: string;
  no: number;
  title: string;
  project?: string;
  unitName: string;
  unitLabel: string;
  columns: number;
  header: ModelRow[];
  body: ModelRow[];
  note?: string;
  /** Label/value grid (tables 16, 17) rather than header + body. */
  grid: boolean;
}

/** True when the printed text is a canonical printed amount ("1,861.38", "-3.20"), so a writer may store it as a number. */
export function printedAmountCents(text: string): number | null {
  if (!/^-?\d{1,3}(,\d{3})*\.\d{2}$/.test(text)) return null;
  const c = parsePrintedCents(text);
  return c !== null && formatCents(c) === text ? c : null;
}

/** The decimal value of a printed amount as a plain decimal string ("1861.38"), for writers that store numbers. */
export function centsDecimal(cents: number): string {
  return formatCents(cents, false);
}

function widthOf(t: DisclosureTable): number {
  return Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
}

function pad(row: string[], n: number): string[] {
  return row.length >= n ? row : [...row, ...Array<string>(n - row.length).fill('')];
}

/**
 * Header spans: an empty cell right of a filled one continues its column span; an empty cell
 * below a filled one (across its whole column span) continues its row span. Rows are processed
 * top-down, so a row span claims its cells before a later row's column span could.
 */
export function spanHeader(grid: string[][], kind: CellKind = 'header'): (ModelCell | null)[][] {
  const rows = grid.length;
  const cols = Math.max(0, ...grid.map((r) => r.length));
  const g = grid.map((r) => pad(r, cols));
  const covered = g.map((r) => r.map(() => false));
  const out: (ModelCell | null)[][] = g.map((r) => r.map(() => null));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (covered[r]![c]) continue;
      const text = g[r]![c]!;
      let colSpan = 1;
      let rowSpan = 1;
      if (text !== '') {
        while (c + colSpan < cols && g[r]![c + colSpan] === '' && !covered[r]![c + colSpan]) colSpan++;
        const below = (rr: number) => {
          for (let k = c; k < c + colSpan; k++) if (g[rr]![k] !== '' || covered[rr]![k]) return false;
          return true;
        };
        while (r + rowSpan < rows && below(r + rowSpan)) rowSpan++;
      }
      for (let rr = r; rr < r + rowSpan; rr++) for (let k = c; k < c + colSpan; k++) covered[rr]![k] = true;
      out[r]![c] = { text, kind: text === '' ? 'empty' : kind, rowSpan, colSpan };
    }
  }
  return out;
}

const TOTAL = /^(合\s*计|总\s*计|收\s*入\s*总\s*计|支\s*出\s*总\s*计|本年收入合计|本年支出合计|.*合\s*计)$/;

function bodyStyle(row: string[], codeCol: number): RowStyle {
  if (row.some((c) => TOTAL.test(c.trim()))) return 'total';
  const code = codeCol >= 0 ? (row[codeCol] ?? '').trim() : '';
  if (/^\d{3}$|^\d{5}$/.test(code) && codeCol >= 0) {
    // 类 and 款 rows of a function table (7-digit 项 rows are the detail); economic tables have 类 (3) rows as subtotals.
    return 'subtotal';
  }
  return 'body';
}

function isItemTable(t: DisclosureTable): boolean {
  return t.header.some((r) => r.some((c) => /科目编码/.test(c)));
}

function codeColumn(t: DisclosureTable): number {
  for (const r of t.header) {
    const i = r.findIndex((c) => /科目编码/.test(c));
    if (i >= 0) return i;
  }
  return -1;
}

function bodyCells(row: string[], style: RowStyle): (ModelCell | null)[] {
  return row.map((text) => {
    const cents = printedAmountCents(text);
    if (cents !== null) return { text, kind: 'number', rowSpan: 1, colSpan: 1, cents };
    return { text, kind: text === '' ? 'empty' : style === 'body' ? 'text' : 'label', rowSpan: 1, colSpan: 1 };
  });
}

/** Indicator block rows start with the row whose cells include 一级指标. */
function gridCells(rows: string[][]): { cells: (ModelCell | null)[][]; styles: RowStyle[] } {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const g = rows.map((r) => pad(r, cols));
  const start = g.findIndex((r) => r.includes('一级指标'));
  const cells: (ModelCell | null)[][] = g.map((r) => r.map(() => null));
  const covered = g.map((r) => r.map(() => false));
  const styles: RowStyle[] = g.map((r, i) => (i === start ? 'header' : 'body'));
  for (let r = 0; r < g.length; r++) {
    const inIndicators = start >= 0 && r > start;
    for (let c = 0; c < cols; c++) {
      if (covered[r]![c]) continue;
      const text = g[r]![c]!;
      let colSpan = 1;
      let rowSpan = 1;
      if (text !== '') {
        // Label/value rows: a value fills the empty cells to its right. Indicator rows keep every column.
        if (!inIndicators && r !== start) while (c + colSpan < cols && g[r]![c + colSpan] === '' && !covered[r]![c + colSpan]) colSpan++;
        // The row label (column 0) spans the empty cells below it; in the indicator block so do levels 1 and 2.
        const spansDown = c === 0 || (inIndicators && c <= 2);
        if (spansDown) {
          while (r + rowSpan < g.length && g[r + rowSpan]![c] === '' && !covered[r + rowSpan]![c] && (c === 0 || r + rowSpan > start)) {
            if (c > 0 && (g[r + rowSpan]![c - 1] ?? '') !== '' && !covered[r + rowSpan]![c - 1]) break;
            rowSpan++;
          }
        }
      }
      for (let rr = r; rr < r + rowSpan; rr++) for (let k = c; k < c + colSpan; k++) covered[rr]![k] = true;
      const cents = printedAmountCents(text);
      const kind: CellKind = text === '' ? 'empty' : c === 0 || r === start ? 'label' : cents !== null ? 'number' : 'text';
      cells[r]![c] = { text, kind, rowSpan, colSpan, ...(kind === 'number' ? { cents: cents! } : {}) };
    }
  }
  return { cells, styles };
}

/** Per-table label: "1", or "17-n" for the n-th table 17 (one per project). */
export function tableLabels(d: Disclosure): string[] {
  const seen = new Map<number, number>();
  const count = new Map<number, number>();
  for (const t of d.tables) count.set(t.no, (count.get(t.no) ?? 0) + 1);
  return d.tables.map((t) => {
    const n = (seen.get(t.no) ?? 0) + 1;
    seen.set(t.no, n);
    return (count.get(t.no) ?? 0) > 1 || t.project ? `${t.no}-${n}` : String(t.no);
  });
}

export function buildTableModel(d: Disclosure, t: DisclosureTable, label: string): TableModel {
  const columns = widthOf(t);
  const grid = t.header.length === 0;
  const base = {
    id: `t${label}`,
    label,
    no: t.no,
    title: t.title,
    ...(t.project !== undefined ? { project: t.project } : {}),
    unitName: d.unit.name,
    unitLabel: t.unitLabel,
    columns,
    ...(t.note !== undefined ? { note: t.note } : {}),
    grid,
  };
  if (grid) {
    const { cells, styles } = gridCells(t.rows);
    return { ...base, header: [], body: cells.map((c, i) => ({ style: styles[i]!, cells: c })) };
  }
  const header = spanHeader(t.header.map((r) => pad(r, columns))).map((cells) => ({ style: 'header' as const, cells }));
  const codeCol = isItemTable(t) ? codeColumn(t) : -1;
  const body = t.rows.map((r) => {
    const row = pad(r, columns);
    const style = bodyStyle(row, codeCol);
    return { style, cells: bodyCells(row, style) };
  });
  return { ...base, header, body };
}

export function buildTableModels(d: Disclosure): TableModel[] {
  const labels = tableLabels(d);
  return d.tables.map((t, i) => buildTableModel(d, t, labels[i]!));
}

/** Expands a model's rows back to the printed grid (merged cells: text first, "" in the rest). */
export function expandRows(rows: ModelRow[], columns: number): string[][] {
  const out = rows.map(() => Array<string>(columns).fill(''));
  rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      if (cell) out[r]![c] = cell.text;
    }),
  );
  return out;
}
