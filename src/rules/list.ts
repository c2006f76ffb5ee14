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

export function parseList(table: DisclosureTable, unit: AmountUnit): ListTable {
  const width = Math.max(0, ...table.rows.map((r) => r.length), ...table.header.map((h) => h.length));
  const columns: ListColumn[] = [];
  for (let j = 0; j < width; j++) {
    const path = table.header.map((h) => (h[j] ?? '').replace(/\s+/g, '')).filter(Boolean);
    if (path.some((p) => /编码|代码|名称|类别|品目|方式|单位$/.test(p))) continue;
    const cells = table.rows.map((r) => (r[j] ?? '').trim()).filter((c) => c !== '');
    if (cells.length === 0 && path.length === 0) continue;
    if (!cells.every((c) => AMOUNT.test(c))) continue;
    const label = path.join('/') || `第${j + 1}列`;
    columns.push({ index: j, label, isTotal: false });
  }
  const totalCol = columns.find((c) => /合计|预算数|金额|总额/.test(c.label)) ?? (columns.length === 1 ? columns[0] : undefined);
  if (totalCol) totalCol.isTotal = true;
  const items: ListItem[] = [];
  let total: ListItem | undefined;
  table.rows.forEach((cells, row) => {
    const values = new Map<number, number>();
    for (const c of columns) values.set(c.index, cellFen(cells[c.index], unit) ?? 0);
    const texts = cells.filter((c, j) => !columns.some((col) => col.index === j) && (c ?? '').trim() !== '').map((c) => c.trim());
    const code = texts.find((t) => /^\d{3,7}$/.test(t.replace(/\s+/g, '')));
    const label = texts.filter((t) => t !== code).join(' ');
    const depth = cells.findIndex((c, j) => (c ?? '').trim() !== '' && !columns.some((col) => col.index === j));
    const item: ListItem = { row, label, code: code?.replace(/\s+/g, ''), values, depth: depth < 0 ? Number.MAX_SAFE_INTEGER : depth };
    if (/^(合\s*计|总\s*计)$/.test(label)) total ??= item;
    else if (label !== '' || [...values.values()].some((v) => v !== 0)) items.push(item);
  });
  return { table, unit, columns, items, total };
}

/** The rows a 合计 adds up: all rows of a flat list, the outermost rows of a nested one. */
export function topItems(l: ListTable): ListItem[] {
  const top = Math.min(...l.items.map((i) => i.depth));
  return l.items.filter((i) => i.depth === top || i.depth === Number.MAX_SAFE_INTEGER);
}

export function listTotal(l: ListTable): number {
  const c = l.columns.find((x) => x.isTotal);
  if (!c) return 0;
  return l.total ? l.total.values.get(c.index) ?? 0 : topItems(l).reduce((a, i) => a + (i.values.get(c.index) ?? 0), 0);
}
