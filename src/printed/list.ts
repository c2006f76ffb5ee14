/**
 * Reads a list table (表9 项目支出, 表13 债务, 表14 政府采购, 表15 购买服务): text columns (names,
 * codes, categories) and amount columns; the first amount column headed 合计/预算数 is the row total.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { cellFen } from './amounts.ts';

export interface ListColumn {
  index: number;
  label: string;
  isTotal: boolean;
}

export interface ListItem {
  row: number;
  label: string;
  /** Function code printed in the row, if any. */
  code?: string;
  /** Column of the row's first text cell: nested lists (Jiangsu 政府采购: 品目大类 › 专项 › 经济科目 › 物品) indent by column. */
  depth: number;
  values: Map<number, number>;
}

export interface ListTable {
  table: DisclosureTable;
  unit: AmountUnit;
  columns: ListColumn[];
  items: ListItem[];
  total?: ListItem;
}

const AMOUNT = /^-?[\d,，]+(?:\.\d+)?$/;

const TEXT_HEADER = /编码|代码|名称|类别|品目|方式|单位$/;
const CODE = /^\d{3,7}$/;
const TOTAL = /^(合\s*计|总\s*计)$/;

/** A printed list table (项目, 债务, 政府采购, 购买服务) read into columns and items in fen, nested items under their parents. */
export function parseList(table: DisclosureTable, unit: AmountUnit): ListTable {
  const width = Math.max(maxLength(table.rows), maxLength(table.header));
  const columns: ListColumn[] = [];
  const isAmount: boolean[] = [];
  for (let j = 0; j < width; j++) {
    const path = table.header.map((h) => (h[j] ?? '').replace(/\s+/g, '')).filter(Boolean);
    const amount = !path.some((p) => TEXT_HEADER.test(p)) && holdsAmounts(table.rows, j, path.length > 0);
    isAmount.push(amount);
    if (amount) columns.push({ index: j, label: path.join('/') || `第${j + 1}列`, isTotal: false });
  }
  const totalCol = columns.find((c) => /合计|总计|预算数|金额|总额/.test(c.label)) ?? (columns.length === 1 ? columns[0] : undefined);
  if (totalCol) totalCol.isTotal = true;
  const items: ListItem[] = [];
  let total: ListItem | undefined;
  for (let row = 0; row < table.rows.length; row++) {
    const item = readItem(table.rows[row]!, row, columns, isAmount, unit);
    if (TOTAL.test(item.label)) total ??= item;
    else if (item.label !== '' || hasNonZero(item.values)) items.push(item);
  }
  return { table, unit, columns, items, total };
}

function maxLength(rows: string[][]): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.length > n) n = rows[i]!.length;
  return n;
}

/** Every printed body cell of column j reads as an amount (and the column is headed or printed). */
function holdsAmounts(rows: string[][], j: number, headed: boolean): boolean {
  let printed = headed;
  for (let i = 0; i < rows.length; i++) {
    const c = (rows[i]![j] ?? '').trim();
    if (c === '') continue;
    if (!AMOUNT.test(c)) return false;
    printed = true;
  }
  return printed;
}

function readItem(cells: string[], row: number, columns: ListColumn[], isAmount: boolean[], unit: AmountUnit): ListItem {
  const values = new Map<number, number>();
  for (const c of columns) values.set(c.index, cellFen(cells[c.index], unit) ?? 0);
  const texts: string[] = [];
  let depth = -1;
  for (let j = 0; j < cells.length; j++) {
    if (isAmount[j]) continue;
    const t = (cells[j] ?? '').trim();
    if (t === '') continue;
    if (depth < 0) depth = j;
    texts.push(t);
  }
  const code = texts.find((t) => CODE.test(t.replace(/\s+/g, '')));
  const label = code === undefined ? texts.join(' ') : texts.filter((t) => t !== code).join(' ');
  return { row, label, code: code?.replace(/\s+/g, ''), values, depth: depth < 0 ? Number.MAX_SAFE_INTEGER : depth };
}

function hasNonZero(values: Map<number, number>): boolean {
  for (const v of values.values()) if (v !== 0) return true;
  return false;
}

/** The rows a 合计 adds up: all rows of a flat list, the outermost rows of a nested one. */
export function topItems(l: ListTable): ListItem[] {
  const top = Math.min(...l.items.map((i) => i.depth));
  return l.items.filter((i) => i.depth === top || i.depth === Number.MAX_SAFE_INTEGER);
}

/** The list's total: its printed 合计 row, else the sum of its top-level items. */
export function listTotal(l: ListTable): number {
  const c = l.columns.find((x) => x.isTotal);
  if (!c) return 0;
  return l.total ? (l.total.values.get(c.index) ?? 0) : topItems(l).reduce((a, i) => a + (i.values.get(c.index) ?? 0), 0);
}
