/**
 * Finds English sentences in text a user sees (command output, portal pages): every message must be
 * Chinese, with English kept only in ids, code, flags, file names and a few technical terms.
 *
 * The heuristic: drop what may legitimately be English — paths and file names, URLs, flags
 * (--format, -o), rule ids and field paths (table.missing, lines[3].amount), identifiers
 * (camelCase, snake_case, kebab-case, CONSTANT_CASE), <placeholders> and [options] of usage lines,
 * `code`, and known terms (PDF, JSON, Excel, …) — then report every run of three or more English
 * words left standing next to each other. "the budget is not valid" is reported; "budget.json",
 * "--batch <dir>", "sha256:…" and "JSON Schema" are not.
 *
 *   import { englishSentences, visibleText } from '../test/support/english-sentences.ts';
 *   assert.deepEqual(englishSentences(stderr), []);
 *   assert.deepEqual(englishSentences(visibleText(html)), []);
 */

/** Terms that are English in Chinese text too (product and format names, protocol words). */
export const KNOWN_TERMS = [
  'PDF',
  'JSON',
  'Excel',
  'HTML',
  'XLSX',
  'XLS',
  'CSV',
  'TXT',
  'OFD',
  'WPS',
  'Word',
  'ZIP',
  'URL',
  'API',
  'OpenAPI',
  'Schema',
  'Lines',
  'SQLite',
  'PostgreSQL',
  'Cookie',
  'Secure',
  'https',
  'http',
  'CPU',
  'MiB',
  'KiB',
  'MB',
  'KB',
  'GB',
  'sha256',
  'SHA',
  'ID',
  'CSRF',
  'Gongkai',
  'gongkai',
  'poppler',
  'pdftotext',
  'LibreOffice',
  'Chromium',
  'Node',
  'npm',
  'UTF',
  'BOM',
  'Unicode',
  'tsx',
  'dist',
  'ETag',
  'ms',
];

/** Tokens that are not prose: removed before counting words. */
const NOT_PROSE: RegExp[] = [
  /`[^`]*`/g, // code spans
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // URLs
  /\b[A-Za-z_$][\w$]*(?:(?:\.[A-Za-z_$][\w$-]*)|(?:\[\d+\]))+/g, // ids and field paths: table.missing, lines[3].amount
  /<[^<>\s][^<>]*>/g, // <placeholders> in usage lines
  /\[[A-Za-z0-9 _.|…-]*\]/g, // [options], [command], [files...]
  /(?:^|\s)--?[A-Za-z][\w-]*(?:[= ][^\s,，。；）)]*)?/g, // flags, with a value
  /(?:[\w.~-]*[\\/])+[\w.~…-]*/g, // paths: anything with a slash
  /\b[\w-]+\.(?:json|jsonl|txt|pdf|xlsx?|html?|csv|zip|ts|js|mjs|md|sqlite|svg|png)\b/gi, // file names
  /\b[a-z]+(?:-[a-z0-9]+)+\b/g, // kebab-case ids: dept-econ, liaoning-2024
  /\b[a-z]+[A-Z]\w*\b/g, // camelCase
  /\b\w*_\w*\b/g, // snake_case, CONSTANT_CASE
  /\b[A-Z]{2,}[A-Z0-9]*\b/g, // acronyms: DATABASE, EPIPE
  /\b[0-9a-f]{12,}\b/gi, // hashes
];

export interface EnglishSentence {
  /** The run of English words found. */
  words: string;
  /** The line it was found on, for the failure message. */
  line: string;
}

/** Every run of `minWords` or more English words in the text, after ids, paths and terms are set aside. */
export function englishSentences(text: string, opts: { minWords?: number; allow?: readonly string[] } = {}): EnglishSentence[] {
  const minWords = opts.minWords ?? 3;
  const terms = new Set([...KNOWN_TERMS, ...(opts.allow ?? [])].map((t) => t.toLowerCase()));
  const found: EnglishSentence[] = [];
  for (const line of text.split('\n')) {
    let prose = line;
    for (const re of NOT_PROSE) prose = prose.replace(re, ' ¶ ');
    // Words separated only by spaces and light punctuation form a run; anything else ends it.
    for (const run of prose.split(/[^A-Za-z0-9' ,:;!?"().-]+/)) {
      const words = run
        .split(/[\s,:;!?"().]+/)
        .map((w) => w.replace(/^'+|'+$/g, ''))
        .filter((w) => /^[A-Za-z][A-Za-z'-]*$/.test(w) && !terms.has(w.toLowerCase()));
      if (words.length >= minWords) found.push({ words: words.join(' '), line: line.trim() });
    }
  }
  return found;
}

/** The text of an HTML page a reader sees: text nodes and the alt / title / aria-label / placeholder attributes. */
export function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/gi)].map((m) => m[1]);
  const body = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, '\n')
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .replace(/<(?:br|p|div|li|tr|td|th|h\d|section|article|header|footer|nav|table|ul|ol|dt|dd|pre|code)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities([body, ...attributes].join('\n'));
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}
