/**
 * Printed amounts in exact integers. Every amount a rule compares is converted to fen: a table in
 * 万元 prints hundredths of 万元 (10,000 fen each), a table in 元 prints hundredths of 元 (1 fen).
 */
import { formatCents, parsePrintedCents } from '../core/money.ts';
import type { AmountUnit } from '../core/disclosure.ts';

export const FEN_PER_CENT: Record<AmountUnit, number> = { 万元: 10_000, 元: 1 };
export const FEN_PER_WAN = 1_000_000;

/** Printed cell → fen, or null when the cell is not an amount. Blank and dashes are zero. */
const CELL_ODD = /[\s－—–]/;
const USUAL = /^(-?)(\d{1,3}(?:,\d{3})+|\d{1,13})\.(\d\d)$/;

/** A printed amount cell in fen (blank and dashes are 0); null when the cell is not an amount. */
export function cellFen(text: string | undefined, unit: AmountUnit): number | null {
  if (text === undefined || text === '') return 0;
  const usual = usualCents(text);
  if (usual !== undefined) return usual * FEN_PER_CENT[unit];
  const t = CELL_ODD.test(text) ? text.replace(/\s+/g, '').replace(/[－—–]/g, '-') : text;
  // The usual printed form ("1,861.38"): whole digits only, so Number() is exact (≤ 15 digits).
  const fast = USUAL.exec(t);
  if (fast && t.length <= 20) return Number(`${fast[1]}${fast[2]!.replace(/,/g, '')}${fast[3]}`) * FEN_PER_CENT[unit];
  if (t === '' || t === '-' || t === '--') return 0;
  const c = parsePrintedCents(t);
  return c === null ? null : c * FEN_PER_CENT[unit];
}

/**
 * Cents of a cell in the usual printed form (what USUAL matches: "-1,861.38", "1861.38"), read in
 * one pass without a regex or a string; undefined for anything else, which takes the general path.
 */
function usualCents(t: string): number | undefined {
  const n = t.length;
  if (n < 4 || n > 20) return undefined;
  const dot = n - 3;
  if (t.charCodeAt(dot) !== 46) return undefined;
  const neg = t.charCodeAt(0) === 45;
  let v = 0;
  let digits = 0;
  let group = 0;
  let commas = 0;
  for (let i = neg ? 1 : 0; i < dot; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      v = v * 10 + (c - 48);
      digits++;
      group++;
    } else if (c === 44) {
      if (commas === 0 ? group < 1 || group > 3 : group !== 3) return undefined;
      commas++;
      group = 0;
    } else return undefined;
  }
  if (digits === 0 || (commas > 0 ? group !== 3 : digits > 13)) return undefined;
  const d1 = t.charCodeAt(dot + 1) - 48;
  const d2 = t.charCodeAt(dot + 2) - 48;
  if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return undefined;
  v = v * 100 + d1 * 10 + d2;
  return neg ? -v : v;
}

/** Fen → the table's printed form ("1,861.38" in 万元 tables, "96,282,213.44" in 元 tables). */
export function printFen(fen: number, unit: AmountUnit): string {
  const per = FEN_PER_CENT[unit];
  const sign = fen < 0 ? -1 : 1;
  const a = Math.abs(fen);
  const q = Math.floor(a / per);
  const cents = a - q * per >= per / 2 ? q + 1 : q;
  return `${formatCents(sign * cents)}${unit === '元' ? '元' : '万元'}`;
}

export type Comparison = 'ok' | 'rounding' | 'mismatch';

/**
 * Compares a printed total with the sum of `parts` printed parts: equal is ok; a difference within
 * one printed cent per part is rounding noise (尾差); more is a mismatch.
 */
export function compareSum(expected: number, found: number, parts: number, unit: AmountUnit, wholeCells = 0): Comparison {
  const d = Math.abs(expected - found);
  if (d === 0) return 'ok';
  // A cell printed without decimals (取整) may be off by half a printed unit; print.decimals reports it.
  const slack = FEN_PER_CENT[unit] * (parts + 50 * wholeCells);
  return (parts > 0 || wholeCells > 0) && d <= slack ? 'rounding' : 'mismatch';
}

/** A non-zero amount printed without decimals ("22,118,861" where the template prints two). */
export function isWholeAmount(text: string | undefined): boolean {
  const t = (text ?? '').replace(/\s+/g, '');
  return /^-?\d{1,3}(?:[,，]\d{3})*$|^-?\d+$/.test(t) && /[1-9]/.test(t);
}

/** A number as printed in running text ("1,861.38", "686", "0.3") with its decimal places. */
export interface TextNumber {
  text: string;
  /** Value scaled by 10^decimals. */
  scaled: number;
  decimals: number;
}

/** A number written in running text ("1,861.38"), with the decimals it was printed with. */
export function parseTextNumber(text: string): TextNumber | null {
  const t = text.replace(/[,，\s]/g, '');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const decimals = Math.min((m[3] ?? '').length, 6);
  const digits = m[2]! + (m[3] ?? '').slice(0, decimals);
  if (digits.length > 15) return null;
  const v = Number(digits);
  return { text, scaled: m[1] === '-' ? -v : v, decimals };
}

/** Fen rounded (half away from zero) to a count of 10^-decimals 万元. */
export function fenToWanScaled(fen: number, decimals: number): number {
  const per = FEN_PER_WAN / 10 ** decimals;
  const sign = fen < 0 ? -1 : 1;
  const a = Math.abs(fen);
  const q = Math.floor(a / per);
  return sign * (a - q * per >= per / 2 ? q + 1 : q);
}

/** 万元 amount printed in text → fen (exact for ≤ 6 decimals). */
export function wanTextToFen(n: TextNumber): number {
  return n.scaled * (FEN_PER_WAN / 10 ** n.decimals);
}

/** Does a 万元 figure printed in the narrative state the table amount (at the text's own precision)? */
export function narrativeMatches(n: TextNumber, fen: number): Comparison {
  const v = fenToWanScaled(fen, n.decimals);
  if (v === n.scaled) return 'ok';
  return Math.abs(v - n.scaled) <= 1 && n.decimals >= 2 ? 'rounding' : 'mismatch';
}

/** Fen → "1,861.38万元" for messages. */
export function wanText(fen: number): string {
  return printFen(fen, '万元');
}
