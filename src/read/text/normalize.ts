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

/** ASCII is its own NFKC form (amounts and codes, most cells of a table). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `s.normalize('NFKC')`, memoised. */
export function nfkc(s: string): string {
  if (isAscii(s)) return s;
  const hit = nfkcCache.get(s);
  return hit !== undefined ? hit : remember(nfkcCache, s, s.normalize('NFKC'));
}

export function norm(s: string): string {
  const hit = normCache.get(s);
  return hit !== undefined ? hit : remember(normCache, s, nfkc(s).replace(QUOTES, '').replace(SPACES, ''));
}

/** A printed amount: "1,861.38", "96282213.44", "0", "-3.5". Not "1." (a list number). */
const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
export function isAmount(cell: string): boolean {
  return AMOUNT.test(nfkc(cell).trim());
}

/** Digits only, after NFKC (a code or a code part). */
export function isDigits(cell: string): boolean {
  return /^\d+$/.test(nfkc(cell).trim());
}

/** Chinese or Arabic numbering at the start of a heading or list item: "一、", "（三）", "1.", "2、". */
export const NUMBERING = /^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d+[)）]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+部分)\s*/;

export function stripNumbering(s: string): string {
  return s.replace(NUMBERING, '');
}
