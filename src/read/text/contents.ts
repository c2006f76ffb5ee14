/**
 * The contents list (目录): from the "目录" line to the first line that repeats an entry (the body
 * starting), a paragraph, or a new page that does not continue the list.
 */
import type { PrintedLine } from './lines.ts';
import { isPageNumber } from './lines.ts';
import { norm, NUMBERING } from './normalize.ts';

export interface Contents {
  /** Index of the "目录" line, or -1 when the document prints none. */
  start: number;
  /** Index of the first line after the list. */
  end: number;
  entries: string[];
}

/** An entry as printed, without dot leaders and page numbers. */
function entryText(text: string): string {
  return text
    .replace(/[…·.]{2,}.*$/, '')
    .replace(/\s+\d+\s*$/, '')
    .trim();
}

function key(text: string): string {
  return norm(entryText(text).replace(NUMBERING, ''));
}

export function readContents(lines: PrintedLine[]): Contents {
  const start = lines.findIndex((l, i) => i < 80 && norm(l.text) === '目录');
  if (start < 0) return { start: -1, end: 0, entries: [] };
  const entries: string[] = [];
  const seen = new Set<string>();
  let i = start + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (!t || isPageNumber(t)) continue;
    const k = key(t);
    if (seen.has(k)) break;
    if (norm(t).length > 50 && !/[…]{2,}/.test(t)) break;
    if (l.pageStart && entries.length && !NUMBERING.test(t)) break;
    seen.add(k);
    entries.push(entryText(t));
  }
  return { start, end: i, entries };
}
