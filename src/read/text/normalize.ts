/**
 * Matching helpers. Cells are kept exactly as printed; only comparisons go through `norm`
 * (NFKC folds full-width letters, digits and brackets; quotes and spaces are dropped).
 */

const QUOTES = /[“”"‘’'「」『』]/g;
const SPACES = /[\s\u3000]+/g;

export function norm(s: string): string {
  return s.normalize('NFKC').replace(QUOTES, '').replace(SPACES, '');
}

/** A printed amount: "1,861.38", "96282213.44", "0", "-3.5". Not "1." (a list number). */
const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
export function isAmount(cell: string): boolean {
  return AMOUNT.test(cell.normalize('NFKC').trim());
}

/** Digits only, after NFKC (a code or a code part). */
export function isDigits(cell: string): boolean {
  return /^\d+$/.test(cell.normalize('NFKC').trim());
}

/** Chinese or Arabic numbering at the start of a heading or list item: "一、", "（三）", "1.", "2、". */
export const NUMBERING = /^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d+[)）]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+部分)\s*/;

export function stripNumbering(s: string): string {
  return s.replace(NUMBERING, '');
}
