/**
 * Classification codes as printed: "2010350", "201 03 50", "2010350事业运行", or split over
 * 类/款/项 columns ("204   06   01"). The code column is the one place the reader normalises
 * (spaces removed, parts joined) so that rules can compare codes; every other cell stays as printed.
 */
import { isDigits, nfkc } from './normalize.ts';

/** "201 03 50" → "2010350"; null when the text is not a code. */
export function joinCode(text: string): string | null {
  const t = nfkc(text).trim();
  if (!/^\d{3}(?:\s*\d{2}){0,3}$/.test(t)) return null;
  return t.replace(/\s+/g, '');
}

/** "2010350事业运行" → ["2010350", "事业运行"]. */
export function splitCodeName(text: string): [string, string] | null {
  const m = /^\s*(\d{3}(?:\s?\d{2}){0,3})\s*([^\d\s].*)$/.exec(nfkc(text));
  if (!m) return null;
  // Keep the name as printed: cut the original text after the same number of code characters.
  const raw = text.trim();
  let digits = 0;
  let cut = 0;
  const want = m[1]!.replace(/\s/g, '').length;
  while (cut < raw.length && digits < want) {
    if (/\d/.test(raw[cut]!.normalize('NFKC'))) digits++;
    cut++;
  }
  return [m[1]!.replace(/\s/g, ''), raw.slice(cut).trim()];
}

/**
 * Leading code parts of a space-aligned row: "204","06","01" → "2040601" and how many tokens it
 * used; a lone 3/5/7-digit token is a code too.
 */
export function leadingCode(tokens: string[]): { code: string; used: number } | null {
  const head = tokens[0];
  if (head === undefined || !isDigits(head)) return null;
  const first = nfkc(head).trim();
  if (first.length === 3) {
    let code = first;
    let used = 1;
    while (used < tokens.length && used < 4 && /^\d{2}$/.test(nfkc(tokens[used]!).trim())) {
      code += nfkc(tokens[used]!).trim();
      used++;
    }
    return { code, used };
  }
  if (first.length === 5 || first.length === 7 || first.length === 9) return { code: first, used: 1 };
  return null;
}
