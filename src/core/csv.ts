/**
 * The one CSV module: every CSV Gongkai writes goes through `csvDocument` (UTF-8 with a BOM so
 * spreadsheets detect the encoding, CRLF, RFC 4180 quoting, formula-like text defused), and every
 * CSV it reads through the parsers below.
 */
import { stripBom } from './bom.ts';

/** Minimal RFC 4180 CSV parsing (quoted fields, doubled quotes, CRLF); blank rows are kept (a printed row of empty cells is still a row). */
export function parseCsvKeepBlank(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = stripBom(text);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.map((r) => r.map(restored));
}

/** CSV rows without blank rows, for data files. */
export function parseCsv(text: string): string[][] {
  return parseCsvKeepBlank(text).filter((r) => r.some((f) => f.trim() !== ''));
}

/** Parses CSV with a header row into records keyed by the header names. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [head, ...body] = parseCsv(text);
  if (!head) return [];
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/**
 * A text a spreadsheet would run as a formula (=, +, @, a tab or CR first, or - before anything but
 * a number) is written with a leading apostrophe (OWASP's advice for CSV injection); a text that
 * already begins with an apostrophe before such a character gets one more, so reading is exact.
 */
function defused(v: string): string {
  const formula = /^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-[\d,]*\.?\d+%?$/.test(v));
  return formula || /^'+[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Undoes `defused` on a field read back. */
function restored(v: string): string {
  return /^'+[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

/** Quotes a CSV field when needed; text a spreadsheet would run as a formula is defused. */
export function csvField(value: string): string {
  const v = defused(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A cell to write: text (defused when formula-like) or a number (written as is, never defused). */
export type CsvValue = string | number;

/** One CSV line (no line break); numbers are written as given, text is quoted and defused. */
export function csvLine(row: readonly CsvValue[]): string {
  return row.map((v) => (typeof v === 'number' ? String(v) : csvField(v))).join(',');
}

/**
 * A whole CSV file as written everywhere: CRLF after every line (the last included), and a BOM so
 * that spreadsheets detect UTF-8 — except for open data read by Frictionless clients, which take a
 * BOM as part of the first column's name (`bom: false`).
 */
export function csvDocument(rows: readonly (readonly CsvValue[])[], opts: { bom?: boolean } = {}): string {
  return (opts.bom === false ? '' : '\uFEFF') + rows.map(csvLine).join('\r\n') + '\r\n';
}

/** Whether a spreadsheet would take this text as a formula (what `csvField` defuses). */
export function isFormulaLike(v: string): boolean {
  return defused(v) !== v && !/^'/.test(v);
}
