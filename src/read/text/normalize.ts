/**
 * Matching helpers. Cells are kept exactly as printed; only comparisons go through `norm`
 * (NFKC folds full-width letters, digits and brackets; quotes and spaces are dropped).
 */

const QUOTES = /[“”"‘’'「」『』]/g;
const SPACES = /[\s\u3000]+/g;

/**
 * A document asks for the same few hundred strings thousands of times (every cell is tested as an
 * amount, a code, a header word), so NFKC results are memoised. The caches are bounded: a batch
 * reading many documents clears them rather than growing.
 */
const CACHE_LIMIT = 20_000;
const nfkcCache = new Map<string, string>();
const normCache = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, value: string): string {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Empties the memo (benchmarks measure a document read with nothing remembered). */
export function clearNormCaches(): void {
  nfkcCache.clear();
  normCache.clear();
}

/**
 * Whether NFKC leaves a string as it is, decided from characters that make up most cells: ASCII,
 * CJK unified ideographs, 、。, the brackets 〈〉《》「」『』【】〔〕 and curly quotes. None of them
 * decomposes, combines or reorders, so a string of them only is its own NFKC form. False means
 * "normalise to find out" (full-width punctuation, digits and letters go that way).
 */
function nfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || (c >= 0x4e00 && c <= 0x9fff)) continue;
    if (c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011) || c === 0x3014 || c === 0x3015 || (c >= 0x2018 && c <= 0x201d)) continue;
    return false;
  }
  return true;
}

/** Whether a string that NFKC leaves alone also has nothing for `norm` to drop (no quote, no ASCII space). */
function normStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x22 || c === 0x27) return false;
    } else if (c >= 0x4e00 && c <= 0x9fff) continue;
    else if (c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011 && !(c >= 0x300c && c <= 0x300f)) || c === 0x3014 || c === 0x3015 || c === 0x201a || c === 0x201b) continue;
    else return false;
  }
  return true;
}

/** `s.normalize('NFKC')`, memoised (strings that are their own NFKC form are answered without the memo). */
export function nfkc(s: string): string {
  if (nfkcStable(s)) return s;
  const hit = nfkcCache.get(s);
  return hit !== undefined ? hit : remember(nfkcCache, s, s.normalize('NFKC'));
}

export function norm(s: string): string {
  if (normStable(s)) return s;
  const hit = normCache.get(s);
  return hit !== undefined ? hit : remember(normCache, s, nfkc(s).replace(QUOTES, '').replace(SPACES, ''));
}

/** A printed amount: "1,861.38", "96282213.44", "0", "-3.5". Not "1." (a list number). */
const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
export function isAmount(cell: string): boolean {
  return !startsWithWord(cell) && AMOUNT.test(nfkc(cell).trim());
}

/** Digits only, after NFKC (a code or a code part). */
export function isDigits(cell: string): boolean {
  return !startsWithWord(cell) && /^\d+$/.test(nfkc(cell).trim());
}

/**
 * Whether a cell starts with an ASCII character other than a digit, "-" or a space, or with a CJK
 * ideograph: NFKC keeps such a first character (or composes it into another letter) and trimming
 * does not remove it, so the cell is no amount or code. Most labels are answered here.
 */
function startsWithWord(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x20 || (c >= 0x09 && c <= 0x0d));
  return c >= 0x4e00 && c <= 0x9fff;
}

/** Chinese or Arabic numbering at the start of a heading or list item: "一、", "（三）", "1.", "2、". */
export const NUMBERING = /^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d+[)）]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+部分)\s*/;

export function stripNumbering(s: string): string {
  return s.replace(NUMBERING, '');
}
