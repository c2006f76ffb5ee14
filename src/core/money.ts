/**
 * Exact money. Amounts are integer fen (分) held in a JS number guarded to the safe-integer range.
 * Disclosures print 万元 with two decimals: one printed unit ("cent of 万元") is 100 yuan = 10,000 fen.
 * Nothing here multiplies or divides binary floats; decimals are parsed and printed as strings.
 */

export type Fen = number;

/** Fen in one printed unit (0.01 万元). */
export const FEN_PER_WAN_CENT = 10_000;
export const FEN_PER_YUAN = 100;

export class MoneyError extends Error {}

export function assertSafeFen(n: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`${what}: ${n} is outside the exact integer range`);
  return n;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * Parses a decimal string into an integer count of `scaleDigits`-decimal units, e.g.
 * parseScaled("1,861.38", 2) === 186138. Thousands separators (, ，) and surrounding spaces are accepted.
 * Returns null if the text is not a plain decimal or has more decimals than the scale allows
 * (unless `round` is set, which rounds half away from zero).
 */
export function parseScaled(text: string, scaleDigits: number, round = false): number | null {
  const t = text.trim().replace(/[,，]/g, '');
  const m = DECIMAL.exec(t);
  if (!m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  let frac = m[3] ?? '';
  let bump = 0;
  if (frac.length > scaleDigits) {
    if (!round && /[1-9]/.test(frac.slice(scaleDigits))) return null;
    bump = round && frac.charCodeAt(scaleDigits) >= 53 /* '5' */ ? 1 : 0;
    frac = frac.slice(0, scaleDigits);
  }
  const digits = (m[2] + frac.padEnd(scaleDigits, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return null;
  const n = Number(digits) + bump;
  return n === 0 ? 0 : sign * n;
}

/** Yuan as a decimal string or a JSON number (≤ 2 decimals) → fen. Throws MoneyError on anything else. */
export function yuanToFen(v: string | number, what = 'amount'): Fen {
  const text = typeof v === 'number' ? numberToPlainString(v) : v;
  const n = parseScaled(text, 2);
  if (n === null) throw new MoneyError(`${what}: "${text}" is not an amount in yuan with at most two decimals`);
  return assertSafeFen(n, what);
}

function numberToPlainString(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  // Shortest round-trip representation; for amounts with ≤ 2 decimals this is the decimal as typed.
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 2)));
}

/** Rounds fen to printed units (0.01 万元), half away from zero. */
export function fenToWanCents(fen: Fen): number {
  const sign = fen < 0 ? -1 : 1;
  const a = Math.abs(fen);
  const q = Math.floor(a / FEN_PER_WAN_CENT);
  const r = a - q * FEN_PER_WAN_CENT;
  return sign * (r * 2 >= FEN_PER_WAN_CENT ? q + 1 : q);
}

/** Formats an integer count of hundredths: 186138 → "1,861.38". */
export function formatCents(cents: number, thousands = true): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  const int = String(Math.floor(a / 100));
  const frac = String(a % 100).padStart(2, '0');
  return `${sign}${thousands ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int}.${frac}`;
}

/** Printed units (0.01 万元) → "1,861.38"; zero prints as "" where the template leaves zero cells blank. */
export function printWan(cents: number, blankZero = false): string {
  if (blankZero && cents === 0) return '';
  return formatCents(cents);
}

/** Fen → "1,861.38" (万元, rounded half away from zero). */
export function fenToWanText(fen: Fen): string {
  return formatCents(fenToWanCents(fen));
}

/** Parses a printed amount ("1,861.38", "-3.20", "", "—") into hundredths; blank and dashes are 0; null if not a number. */
export function parsePrintedCents(text: string): number | null {
  const t = text.trim();
  if (t === '' || t === '-' || t === '—' || t === '－') return 0;
  return parseScaled(t, 2, true);
}

/**
 * Largest-remainder (Hamilton) apportionment: splits `total` (an integer) over `weights`
 * (non-negative or mixed-sign integers, in a finer unit) so the parts are integers adding to
 * `total`, each within one unit of its exact share. Ties go to the earlier index: deterministic.
 */
export function apportion(total: number, exact: number[], scale: number): number[] {
  const floors = exact.map((e) => Math.floor(e / scale));
  let rest = total - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, rem: e - Math.floor(e / scale) * scale }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  const out = floors.slice();
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) out[order[k]!.i]! += 1;
  for (let k = order.length - 1; rest < 0 && order.length > 0; k = (k - 1 + order.length) % order.length, rest++) out[order[k]!.i]! -= 1;
  return out;
}
