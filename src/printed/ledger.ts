/**
 * Reads a two-sided income/expenditure table (表1 收支预算总表, 表4 财政拨款收支预算总表): each body
 * row prints an income label and amount, then an expenditure label and amount.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { cellFen } from './amounts.ts';
import { normName } from './matrix.ts';

export interface LedgerItem {
  row: number;
  label: string;
  /** Label without its numbering (一、 （一） 1.). */
  name: string;
  /** 1: 一、…; 2: （一）/1. …; 0: a 合计 / 总计 line. */
  depth: 0 | 1 | 2;
  fen: number | null;
}

export interface Ledger {
  table: DisclosureTable;
  unit: AmountUnit;
  income: LedgerItem[];
  expenditure: LedgerItem[];
}

const TOP = /^[一二三四五六七八九十]+、/;
const SUB = /^(?:[（(][一二三四五六七八九十]+[)）]|\d+[.．、])/;

const TRAILING_COLON = /[:：]$/;
const TOTAL = /合计|总计/;

/** A ledger label without its numbering ("一、", "（一）", "1.") and trailing colon. */
export function stripNumbering(label: string): string {
  return stripNormalized(normName(label));
}

function stripNormalized(l: string): string {
  return l.replace(TOP, '').replace(SUB, '').replace(TRAILING_COLON, '');
}

function item(row: number, label: string | undefined, amount: string | undefined, unit: AmountUnit): LedgerItem | undefined {
  const l = normName(label ?? '');
  if (l === '') return undefined;
  const depth: 0 | 1 | 2 = TOTAL.test(l) ? 0 : TOP.test(l) ? 1 : SUB.test(l) ? 2 : 1;
  // normName is idempotent: the label is stripped as it stands.
  return { row, label: l, name: stripNormalized(l), depth, fen: cellFen(amount ?? '', unit) };
}

/** Splits rows into the two sides: the first two cells are income, the last two expenditure. */
export function parseLedger(table: DisclosureTable, unit: AmountUnit): Ledger {
  const income: LedgerItem[] = [];
  const expenditure: LedgerItem[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const c = table.rows[r]!;
    if (c.length < 2) continue;
    const a = item(r, c[0], c[1], unit);
    if (a) income.push(a);
    if (c.length >= 4) {
      const b = item(r, c[2], c[3], unit);
      if (b) expenditure.push(b);
    }
  }
  return { table, unit, income, expenditure };
}

/** The first ledger item whose label matches. */
export function findItem(items: LedgerItem[], re: RegExp): LedgerItem | undefined {
  return items.find((i) => re.test(i.label));
}
