/**
 * Reads a printed code-matrix table (code in column 0, name in column 1, amounts after) into rows
 * of fen per column, with each amount column's meaning taken from its header path
 * (合计 / 基本支出·小计 / 人员经费 / 公用经费 / 项目支出 / funding sources).
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { memoize } from '../util/memo.ts';
import type { TemplateTable } from '../core/template.ts';
import { cellFen } from './amounts.ts';

/**
 * What a printed amount column measures, as its header says (合计, 基本支出·人员经费, a funding source…).
 * Not the template's `Measure` (core/template.ts), which names what the generator writes in a column.
 */
export type ColumnMeasure =
  | 'total'
  | 'basic'
  | 'personnel'
  | 'public'
  | 'project'
  | 'unitOwn'
  /** Jiangsu's 单位预留机动经费 and 结转下年资金: parts of the total beside basic and project. */
  | 'reserve'
  | 'carryForward'
  | `source:${string}`;

export interface MatrixColumn {
  index: number;
  measure?: ColumnMeasure;
  label: string;
}

export interface MatrixRow {
  /** Body row index. */
  index: number;
  code: string;
  name: string;
  /** 0 for a 合计 row; 1 类, 2 款, 3 项. */
  level: 0 | 1 | 2 | 3;
  /** Fen per amount column index; null where the cell is not an amount. */
  values: Map<number, number | null>;
}

export interface Matrix {
  table: DisclosureTable;
  unit: AmountUnit;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  total?: MatrixRow;
  /** Code lengths per level: function 3/5/7, economic 3/5. */
  lengths: number[];
  /**
   * A table printed in side-by-side panels (Shanghai final-account 表6: 301/303 left, 302/310 right):
   * each panel read on its own, with its own 合计 row. The matrix itself holds the rows of all
   * panels (values keyed by the first panel's column indices) and no 合计 row.
   */
  panels?: Matrix[];
}

const CODE_SPACE = /[\s　]/;
const NAME_ODD = /[\s　（）“”"]/;

/** A printed code without the spaces some documents put inside it ("201 03" → "20103"). */
export function normCode(cell: string | undefined): string {
  if (!cell) return '';
  return CODE_SPACE.test(cell) ? cell.replace(/[\s　]+/g, '') : cell;
}

const foldName = memoize(
  (s: string) =>
    s
      .replace(/[\s　]+/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/[“”"]/g, ''),
  { maxEntries: 20_000 },
);

/** A printed name compared as text: spaces and quotes dropped, full-width brackets folded. */
export function normName(s: string): string {
  // Most names need nothing: one test instead of four replacements; the others repeat (labels, titles).
  return NAME_ODD.test(s) ? foldName(s) : s;
}

const LEAF: [RegExp, ColumnMeasure][] = [
  [/机动经费|预留/, 'reserve'],
  [/结转下年/, 'carryForward'],
  [/人员/, 'personnel'],
  [/公用/, 'public'],
  [/项目/, 'project'],
  [/基本/, 'basic'],
  [/一般公共预算/, 'source:general'],
  [/政府性基金/, 'source:fund'],
  [/国有资本/, 'source:stateCapital'],
  [/财政专户/, 'source:specialAccount'],
  [/单位资金/, 'unitOwn'],
  [/事业单位经营|经营收入/, 'source:business'],
  [/事业收入/, 'source:operating'],
  [/上级补助/, 'source:superior'],
  [/附属单位/, 'source:subordinate'],
  [/其他收入/, 'source:other'],
  [/上年结转|结转结余|上年结余/, 'source:carryOver'],
  [/财政拨款/, 'source:fiscal'],
  [/合计|总计/, 'total'],
];

/** Meaning of an amount column from its header path, leaf first ("小计" takes its parent's meaning). */
export function measureOfPath(path: string[]): ColumnMeasure | undefined {
  const labels = path.map(normName).filter((s) => s !== '');
  for (let i = labels.length - 1; i >= 0; i--) {
    const l = labels[i]!;
    if (/^小计$/.test(l)) {
      const parent = labels[i - 1];
      if (parent && /基本/.test(parent)) return 'basic';
      if (parent && /单位资金/.test(parent)) return 'unitOwn';
      if (parent && /公务用车/.test(parent)) return undefined;
      continue;
    }
    if (/科目|编码|名称|功能分类|经济分类/.test(l) && !/合计/.test(l)) return undefined;
    for (const [re, m] of LEAF) if (re.test(l)) return m;
    // A parent label such as "本年一般公共预算支出" over 合计/基本/项目 columns is not itself a measure.
    if (i === labels.length - 1) continue;
  }
  return undefined;
}

/**
 * Header paths per column, cached by layout: generated packages and the documents of one template
 * print the same headers again and again, and reading a header is the costly part of a table.
 */
export const headerPaths: (header: string[][], width: number) => string[][] = memoize(computeHeaderPaths, {
  maxEntries: 5_000,
  keyOf: (header, width) => `${width}\u0001${header.map((r) => r.join('\u0002')).join('\u0003')}`,
});

/** measureOfPath, remembered by the path's text. */
const measureOf = memoize(measureOfPath, { maxEntries: 5_000, keyOf: (path) => path.join('\u0001') });

/** Header path per column: each header row's label, a blank cell inheriting the label to its left (spans). */
function computeHeaderPaths(header: string[][], width: number): string[][] {
  const paths: string[][] = Array.from({ length: width }, () => []);
  header.forEach((row, r) => {
    let carry = '';
    for (let j = 0; j < width; j++) {
      const cell = (row[j] ?? '').trim();
      const lowerHasLabel = header.slice(r + 1).some((lower) => (lower[j] ?? '').trim() !== '');
      if (cell !== '') carry = cell;
      // Only a spanning (upper) label is inherited; a blank leaf stays blank.
      paths[j]!.push(cell !== '' ? cell : lowerHasLabel && r < header.length - 1 ? carry : '');
    }
  });
  return paths;
}

const CODE_HEADER = /科目编码|科目代码|^编码$|^代码$/;

/** A printed code-matrix table (side-by-side panels included) read into rows of fen per column, each column's meaning from its header. */
export function parseMatrix(table: DisclosureTable, unit: AmountUnit, tpl?: TemplateTable): Matrix {
  const width = Math.max(maxLength(table.rows), maxLength(table.header));
  const starts = panelStarts(table.header, width);
  if (starts.length < 2) return parsePanel(table, unit, tpl, width);
  const panels = starts.map((from, k) => {
    const to = starts[k + 1] ?? width;
    const slice = (rows: string[][]) => rows.map((r) => r.slice(from, to));
    return parsePanel({ ...table, header: slice(table.header), rows: slice(table.rows) }, unit, tpl, to - from);
  });
  const first = panels[0]!;
  const rows: MatrixRow[] = [];
  for (const p of panels) {
    for (const r of p.rows) {
      if (r.level === 0) continue;
      const values = new Map<number, number | null>();
      p.columns.forEach((c, i) => {
        const target = first.columns[i];
        if (target) values.set(target.index, r.values.get(c.index) ?? null);
      });
      rows.push({ ...r, values });
    }
  }
  return { table, unit, columns: first.columns, rows, lengths: first.lengths, panels };
}

function maxLength(rows: string[][]): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.length > n) n = rows[i]!.length;
  return n;
}

/** Columns where a panel starts: each header column labelled as a code column (one start means no panels). */
function panelStarts(header: string[][], width: number): number[] {
  const last = header[header.length - 1] ?? [];
  const starts: number[] = [];
  for (let j = 0; j < width; j++) {
    const cell = last[j];
    if (cell && /编码|代码/.test(cell) && CODE_HEADER.test(normName(cell))) starts.push(j);
  }
  return starts.length >= 2 && starts[0] === 0 ? starts : [];
}

interface ColumnHead {
  measure: ColumnMeasure | undefined;
  label: string;
}

/** ColumnMeasure and label per column of a header layout, cached with the (cached) header paths. */
const headCache = new WeakMap<string[][], ColumnHead[]>();

function columnHeads(paths: string[][], width: number): ColumnHead[] {
  let heads = headCache.get(paths);
  if (!heads || heads.length !== width) {
    heads = [];
    for (let j = 0; j < width; j++) {
      const path = paths[j] ?? [];
      heads.push({ measure: measureOf(path), label: path.filter(Boolean).join('/') || `第${j + 1}列` });
    }
    headCache.set(paths, heads);
  }
  return heads;
}

const DIGITS = /^\d+$/;

function parsePanel(table: DisclosureTable, unit: AmountUnit, tpl: TemplateTable | undefined, width: number): Matrix {
  const heads = columnHeads(headerPaths(table.header, width), width);
  // A table printed without code and name columns (Jiangsu 公开03表: one row of totals) starts with amounts.
  const amountsOnly = width > 0 && heads[0]!.measure !== undefined;
  const firstAmount = amountsOnly ? 0 : 2;
  const columns: MatrixColumn[] = [];
  for (let j = firstAmount; j < width; j++) columns.push({ index: j, measure: heads[j]!.measure, label: heads[j]!.label });
  // Fall back on the template's measures where the header says nothing usable.
  if (tpl?.measures && columns.every((c) => c.measure === undefined) && tpl.measures.length === columns.length) {
    columns.forEach((c, i) => {
      c.measure = tpl.measures![i] as ColumnMeasure;
    });
  }
  const body = table.rows;
  const codes: string[] = [];
  let functionCodes = tpl?.rows === 'function';
  for (let i = 0; i < body.length; i++) {
    const c = normCode(body[i]![0]);
    codes.push(c);
    if (c.length === 7 && DIGITS.test(c)) functionCodes = true;
  }
  const lengths = functionCodes ? [3, 5, 7] : [3, 5];
  const rows: MatrixRow[] = [];
  let total: MatrixRow | undefined;
  for (let index = 0; index < body.length; index++) {
    const cells = body[index]!;
    if (amountsOnly) {
      if (total) continue;
      const values = rowValues(cells, columns, unit);
      if (!hasNonZero(values)) continue;
      total = { index, code: '', name: '合计', level: 0, values };
      rows.push(total);
      continue;
    }
    const code = codes[index]!;
    if (code !== '' && DIGITS.test(code)) {
      const li = lengths.indexOf(code.length);
      if (li < 0) continue;
      rows.push({ index, code, name: (cells[1] ?? '').trim(), level: (li + 1) as 1 | 2 | 3, values: rowValues(cells, columns, unit) });
    } else if (TOTAL_LABEL.test(`${cells[0] ?? ''}${cells[1] ?? ''}`)) {
      const row: MatrixRow = { index, code: '', name: '合计', level: 0, values: rowValues(cells, columns, unit) };
      rows.push(row);
      total ??= row;
    }
  }
  return { table, unit, columns: amountColumns(columns, rows, body), rows, total, lengths };
}

function rowValues(cells: string[], columns: MatrixColumn[], unit: AmountUnit): Map<number, number | null> {
  const values = new Map<number, number | null>();
  for (let k = 0; k < columns.length; k++) {
    const j = columns[k]!.index;
    values.set(j, cellFen(cells[j], unit));
  }
  return values;
}

function hasNonZero(values: Map<number, number | null>): boolean {
  for (const v of values.values()) if (v !== null && v !== 0) return true;
  return false;
}

/** Only columns that hold amounts in the body are amount columns. */
function amountColumns(columns: MatrixColumn[], rows: MatrixRow[], body: string[][]): MatrixColumn[] {
  const out: MatrixColumn[] = [];
  for (const c of columns) {
    if (c.measure !== undefined || holdsAmount(c.index, rows, body)) out.push(c);
  }
  return out;
}

function holdsAmount(j: number, rows: MatrixRow[], body: string[][]): boolean {
  for (const r of rows) if ((body[r.index]?.[j] ?? '').trim() !== '' && r.values.get(j) !== null) return true;
  return false;
}

const TOTAL_LABEL = /合\s*计|总\s*计/;

/** The first column of a matrix that carries a measure. */
export function columnOf(m: Matrix, measure: ColumnMeasure): MatrixColumn | undefined {
  return m.columns.find((c) => c.measure === measure);
}

/** A row's amount in a column, in fen; undefined where either is missing or the cell is unreadable. */
export function amountAt(row: MatrixRow | undefined, col: MatrixColumn | undefined): number | undefined {
  if (!row || !col) return undefined;
  const v = row.values.get(col.index);
  return v === null ? undefined : v;
}

/** The 合计 row's value, or the sum of 类 rows when the table prints no 合计 row. */
export function totalOf(m: Matrix, measure: ColumnMeasure): number | undefined {
  const col = columnOf(m, measure);
  if (!col) return undefined;
  if (m.total) return amountAt(m.total, col);
  const classes = m.rows.filter((r) => r.level === 1);
  if (classes.length === 0) return m.rows.length === 0 ? 0 : undefined;
  return classes.reduce((a, r) => a + (amountAt(r, col) ?? 0), 0);
}
