/**
 * A printed text split into lines that remember their page (form feeds) and line number, and each
 * line split into cells: tab-separated where the text has tabs, otherwise space-aligned tokens with
 * their column, so tables printed with spaces can be placed by position.
 */
import type { SourceRef } from '../../core/disclosure.ts';
import { isAmount } from './normalize.ts';

export interface PrintedLine {
  text: string;
  page: number;
  line: number;
  /** True when this line is the first one on its page. */
  pageStart: boolean;
  /** Cells with their true positions, where the line came from positioned words (a PDF). */
  cells?: Cell[];
  /** Vertical centre on the page in points (top down), where the line came from positioned words. */
  y?: number;
}

export interface Cell {
  text: string;
  /** Column (characters from the line start) where the cell begins and ends. */
  start: number;
  end: number;
}

/** A table line before its cells are placed: its tokens and where it was printed. */
export interface RawRow {
  cells: Cell[];
  tabbed: boolean;
  line: PrintedLine;
}

export function splitLines(text: string): PrintedLine[] {
  const out: PrintedLine[] = [];
  let page = 1;
  const raw = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i]!;
    let pageStart = i === 0;
    while (t.startsWith('\f')) {
      page++;
      t = t.slice(1);
      pageStart = true;
    }
    // A form feed inside a line (rare) starts a new page for the rest of the line.
    const ff = t.indexOf('\f');
    if (ff >= 0) {
      out.push({ text: t.slice(0, ff), page, line: i + 1, pageStart });
      page++;
      t = t.slice(ff + 1).replace(/\f/g, '');
      pageStart = true;
    }
    out.push({ text: t, page, line: i + 1, pageStart });
  }
  return out;
}

export function hasTabs(l: PrintedLine): boolean {
  return l.text.includes('\t');
}

/** Cells of a tab-separated line, each trimmed; empty cells kept (they are printed blanks). */
export function tabCells(text: string): string[] {
  const cells = text.split('\t');
  for (let i = 0; i < cells.length; i++) cells[i] = cells[i]!.trim();
  return cells;
}

/**
 * Tokens of a space-aligned line: runs separated by two or more spaces; a single space also
 * separates an amount from a label ("96,282,213.44 一、公共安全支出").
 */
export function spaceCells(text: string): Cell[] {
  const cells: Cell[] = [];
  for (const run of text.matchAll(/\S+(?: \S+)*/g)) {
    let cur: Cell | null = null;
    let lastAmount = false;
    for (const word of run[0].matchAll(/\S+/g)) {
      const start = run.index + word.index;
      const end = start + word[0].length;
      const amount = isAmount(word[0]);
      if (!cur || amount || lastAmount) {
        if (cur) cells.push(cur);
        cur = { text: word[0], start, end };
      } else {
        cur.text += ' ' + word[0];
        cur.end = end;
      }
      lastAmount = amount;
    }
    cells.push(cur!);
  }
  return cells;
}

/** The texts of cells, in order. */
export function cellTexts(cells: Cell[]): string[] {
  return cells.map((c) => c.text);
}

export function sourceOf(l: PrintedLine, file?: string): SourceRef {
  return file ? { file, page: l.page, line: l.line } : { page: l.page, line: l.line };
}

/** A line that only carries a page number ("  14", "- 3 -"). */
export function isPageNumber(text: string): boolean {
  // Trimmed first: a leading \s*…\s* on a long indented line backtracks quadratically.
  return /^[-—]?\s*\d{1,3}\s*[-—]?$/.test(text.trim());
}

/**
 * A page number where it is printed: a number alone on a line that ends or starts its page (so a
 * class code alone on a line inside a table, "302", is not taken for one).
 */
export function isPageNumberAt(lines: PrintedLine[], i: number): boolean {
  const l = lines[i]!;
  if (!isPageNumber(l.text)) return false;
  let j = i + 1;
  while (j < lines.length && !lines[j]!.text.trim()) j++;
  if (j >= lines.length || lines[j]!.page !== l.page) return true;
  let k = i - 1;
  while (k >= 0 && !lines[k]!.text.trim()) k--;
  return k < 0 || lines[k]!.page !== l.page;
}
