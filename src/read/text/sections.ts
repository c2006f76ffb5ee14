/**
 * Narrative parts (概况, 情况说明) split into sections at their top-level headings ("一、…" or a
 * heading line of its own), and the glossary split into entries ("1. 术语：释义").
 * pdftotext wraps paragraphs; a line that does not end a sentence is joined to the next without a
 * break, so numbers and phrases cut at a line end are whole again.
 */
import type { GlossaryEntry, NarrativeSection } from '../../core/disclosure.ts';
import { sourceOf, type PrintedLine } from './lines.ts';

const TOP_HEADING = /^\s*[一二三四五六七八九十]+、/;
/** Characters that end a sentence (or a clause, or a bracket) at a line end. */
const SENTENCE_END = '。；;：:！？!?）)';

export function joinWrapped(lines: string[]): string {
  const parts: string[] = [];
  // Whether the text so far ends a sentence: tested on its last line, not on the growing text.
  let ended = false;
  for (const raw of lines) {
    const t = raw.trim();
    if (!t) continue;
    if (parts.length) parts.push(ended ? '\n' : '');
    parts.push(t);
    // t is trimmed: its last character is the one /[…]\s*$/ would test.
    ended = SENTENCE_END.includes(t[t.length - 1]!);
  }
  return parts.join('');
}

export interface HeadedLine extends PrintedLine {
  /** Set on a heading line found by the segmenter (a heading printed on its own). */
  heading?: boolean;
}

export function readSections(lines: HeadedLine[], part: 'profile' | 'narrative', file?: string): NarrativeSection[] {
  const out: NarrativeSection[] = [];
  let cur: { heading: string; body: string[]; first: PrintedLine } | null = null;
  const flush = () => {
    if (!cur) return;
    out.push({ heading: cur.heading, text: joinWrapped(cur.body), part, source: sourceOf(cur.first, file) });
  };
  for (const l of lines) {
    const t = l.text.trim();
    if (!t) continue;
    if (l.heading || (TOP_HEADING.test(t) && t.length <= 40 && !/[。；]/.test(t))) {
      flush();
      cur = { heading: t, body: [], first: l };
    } else {
      if (!cur) cur = { heading: '', body: [], first: l };
      cur.body.push(t);
    }
  }
  flush();
  return out;
}

const ENTRY = /^\s*(?:\d+\s*[.．、]|[(（]?[一二三四五六七八九十]+[)）、])\s*(.{1,40}?)\s*[:：]\s*(.*)$/;

export function readGlossary(lines: PrintedLine[], file?: string): { entries: GlossaryEntry[]; loose: PrintedLine[] } {
  const entries: GlossaryEntry[] = [];
  const body: string[][] = [];
  const loose: PrintedLine[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (!t) continue;
    const m = ENTRY.exec(t);
    if (m) {
      entries.push({ term: m[1]!, text: '', source: sourceOf(l, file) });
      body.push([m[2]!]);
    } else if (entries.length) body[body.length - 1]!.push(t);
    else loose.push(l);
  }
  entries.forEach((e, i) => {
    e.text = joinWrapped(body[i] ?? []);
  });
  return { entries, loose };
}
