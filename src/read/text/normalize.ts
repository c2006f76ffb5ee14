/**
 * Matching helpers. Cells are kept exactly as printed; only comparisons go through `norm`
 * (NFKC folds full-width letters, digits and brackets; quotes and spaces are dropped).
 */

import { memoize } from '../../util/memo.ts';

const QUOTES = /[“”"‘’'「」『』]/g;
const SPACES = /[\s\u3000]+/g;

/**
 * A document asks for the same few hundred strings thousands of times (every cell is tested as an
 * amount, a code, a header word), so NFKC results are memoised, bounded (the least recently used
 * go first), so a batch reading many documents does not grow them.
 */
const CACHE_LIMIT = 20_000;
const nfkcMemo = memoize((s: string) => s.normalize('NFKC'), { maxEntries: CACHE_LIMIT });
const normMemo = memoize((s: string) => nfkc(s).replace(QUOTES, '').replace(SPACES, ''), { maxEntries: CACHE_LIMIT });

/** Empties the memo (benchmarks measure a document read with nothing remembered). */
export function clearNormCaches(): void {
  nfkcMemo.clear();
  normMemo.clear();
}

/**
 * Strings NFKC leaves as they are, told from characters that make up most cells: ASCII, CJK unified
 * ideographs, 、。, the brackets 〈〉《》「」『』【】〔〕 and curly quotes. None of them decomposes,
 * combines or reorders, so a string of them only is its own NFKC form. No match means "normalise
 * to find out" (full-width punctuation, digits and letters go that way).
 */
const NFKC_STABLE = /^[\u0000-\u007f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u3014\u3015\u2018-\u201d]*$/;

/**
 * Of those, the strings `norm` also leaves alone: no ASCII space or control space (\t to \r), no
 * quote (" ' 「」『』 “” ‘’).
 */
const NORM_STABLE = /^[\u0000-\u0008\u000e-\u001f\u0021\u0023-\u0026\u0028-\u007f\u4e00-\u9fff\u3001\u3002\u3008-\u300b\u3010\u3011\u3014\u3015\u201a\u201b]*$/;

/** `s.normalize('NFKC')`, memoised (strings that are their own NFKC form are answered without the memo). */
export function nfkc(s: string): string {
  return NFKC_STABLE.test(s) ? s : nfkcMemo(s);
}

export function norm(s: string): string {
  return NORM_STABLE.test(s) ? s : normMemo(s);
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
