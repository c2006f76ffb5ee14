/**
 * Exact money. Amounts are integer fen (分) held in a JS number guarded to the safe-integer range.
 * Disclosures print 万元 with two decimals: one printed unit ("cent of 万元") is 100 yuan = 10,000 fen.
 * Nothing here multiplies or divides binary floats; decimals are parsed and printed as strings.
 */

declare const unitOfAmount: unique symbol;

/**
 * An amount in fen (分, 0.01 yuan), the unit every amount of a budget is held in. Branded, so a
 * count of printed units (WanCents) or a yuan figure cannot be passed where fen are meant without
 * saying so (`asFen`). Arithmetic on it gives plain numbers; a sum is named fen again with `asFen`.
 */
export type Fen = number & { readonly [unitOfAmount]: 'fen' };

/**
 * Hundredths of 万元 (100 yuan = 10,000 fen each): the unit a 万元 table prints, two decimals. Called
 * "cents" in the printing code: the cents of 万元, not of a yuan. What `fenToWanCents` returns is
 * branded so it cannot be stored back as fen: the 三公 parts in printed units were once typed as
 * the budget's 三公 amounts in fen (generate/three-public.ts), which the brand refused.
 */
export type WanCents = number & { readonly [unitOfAmount]: 'wan-cents' };

/** Fen in one printed unit (0.01 万元). */
export const FEN_PER_WAN_CENT = 10_000;
export const FEN_PER_YUAN = 100;

export class MoneyError extends Error {}

/** The amount as fen, or a MoneyError when it is outside the exact integer range. */
export function assertSafeFen(n: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(n)) throw new MoneyError(`${what}: ${n} is outside the exact integer range`);
  return n as Fen;
}

/** Names a whole number of fen (a sum or difference of amounts) as fen. */
export function asFen(n: number): Fen {
  return n as Fen;
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
  if (typeof v === 'string') {
    const plain = plainYuanToFen(v);
    if (plain !== undefined) return asFen(plain);
  }
  const text = typeof v === 'number' ? numberToPlainString(v) : v;
  const n = parseScaled(text, 2);
  if (n === null) throw new MoneyError(`${what}: "${text}" is not an amount in yuan with at most two decimals`);
  return assertSafeFen(n, what);
}

/**
 * The common input form, "4118430.45" (digits, at most two decimals, no sign or separators), read
 * without regexes; undefined for anything else, which takes parseScaled's path. Same result as it.
 */
function plainYuanToFen(text: string): number | undefined {
  let n = 0;
  let significant = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    if (n > 0) significant++;
  }
  if (i === 0) return undefined;
  let decimals = 0;
  if (i < text.length) {
    if (text.charCodeAt(i) !== 46 /* '.' */) return undefined;
    for (i++; i < text.length; i++, decimals++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || decimals === 2) return undefined;
      n = n * 10 + d;
      if (n > 0) significant++;
    }
  }
  for (; decimals < 2; decimals++) {
    n *= 10;
    if (n > 0) significant++;
  }
  return significant > 15 ? undefined : n;
}

function numberToPlainString(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  // Shortest round-trip representation; for amounts with ≤ 2 decimals this is the decimal as typed.
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(Math.min(20, Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 2)));
}

/** Rounds fen to printed units (0.01 万元), half away from zero. */
export function fenToWanCents(fen: Fen): WanCents {
  const sign = fen < 0 ? -1 : 1;
  const a = Math.abs(fen);
  const q = Math.floor(a / FEN_PER_WAN_CENT);
  const r = a - q * FEN_PER_WAN_CENT;
  return (sign * (r * 2 >= FEN_PER_WAN_CENT ? q + 1 : q)) as WanCents;
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
  const out = new Array<number>(exact.length);
  const rems = new Array<number>(exact.length);
  let rest = total;
  for (let i = 0; i < exact.length; i++) {
    const f = Math.floor(exact[i]! / scale);
    out[i] = f;
    rems[i] = exact[i]! - f * scale;
    rest -= f;
  }
  if (rest === 0) return out;
  const order = remainderOrder(rems);
  for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) out[order[k]!]! += 1;
  for (let k = order.length - 1; rest < 0 && order.length > 0; k = (k - 1 + order.length) % order.length, rest++) out[order[k]!]! -= 1;
  return out;
}

/** Indices by remainder, largest first, ties to the earlier index. */
function remainderOrder(rems: readonly number[]): number[] {
  return rems.map((_, i) => i).sort((a, b) => rems[b]! - rems[a]! || a - b);
}
