/**
 * A PDF's words with their boxes (poppler's `pdftotext -tsv`) → printed lines whose cells carry
 * their true horizontal position. Positions are counted in half-ems of the page's text, so a CJK
 * character is two columns wide and a digit one: a header label centred over its column and the
 * right-aligned amounts under it overlap as they do on the page, whatever the characters. (The
 * plain `-layout` text counts every character as one column, which shifts CJK headers against
 * the amounts under them.) The line's text is also rendered, for titles, headings and paragraphs.
 */
import type { Cell, PrintedLine } from '../text/lines.ts';
import { isAmount } from '../text/normalize.ts';

interface Word {
  page: number;
  left: number;
  top: number;
  width: number;
  height: number;
  text: string;
}

function parseWords(tsv: string): { words: Word[]; pages: number } {
  const words: Word[] = [];
  let pages = 0;
  for (const row of tsv.split('\n')) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const level = f[0];
    if (level === '1') pages = Math.max(pages, Number(f[1]));
    if (level !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ page: Number(f[1]), left: Number(f[6]), top: Number(f[7]), width: Number(f[8]), height: Number(f[9]), text });
  }
  return { words, pages };
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Half an em of the page's text, in points: from CJK words (a CJK character is one em wide). */
function halfEm(words: Word[]): number {
  const perChar: number[] = [];
  for (const w of words) {
    const chars = [...w.text];
    if (chars.length >= 2 && chars.every((c) => CJK.test(c))) perChar.push(w.width / chars.length);
  }
  const em = median(perChar) || median(words.map((w) => w.height)) || 10;
  return em / 2;
}

/**
 * An amount too wide for its cell wraps: "1682.7" over "6", "24995.9" over "4", "0.0" over "0".
 * The tail (one or two digits, just below, under the same edge) is put back on the amount.
 */
function joinWrappedAmounts(words: Word[], unit: number): Word[] {
  // "单位：万" over "元": the unit label wrapped in its corner.
  for (const w of words) {
    if (!/单位[:：]万$/.test(w.text)) continue;
    const rest = words.find((x) => x.text === '元' && x.top > w.top && x.top < w.top + 2.5 * w.height && x.left >= w.left - unit && x.left <= w.left + w.width + unit);
    if (rest) {
      w.text += '元';
      rest.text = '';
    }
  }
  words = words.filter((w) => w.text !== '');
  const heads = words.filter((w) => /^-?[\d,]+\.\d?$/.test(w.text));
  if (!heads.length) return words;
  const used = new Set<Word>();
  for (const head of heads) {
    const tail = words.find(
      (w) =>
        !used.has(w) &&
        /^\d{1,2}$/.test(w.text) &&
        w.top > head.top + 0.6 * head.height &&
        w.top < head.top + 3.2 * head.height &&
        (Math.abs(w.left - head.left) <= unit || Math.abs(w.left + w.width - (head.left + head.width)) <= unit || (w.left >= head.left - unit && w.left + w.width <= head.left + head.width + unit)),
    );
    if (!tail) continue;
    used.add(tail);
    head.text += tail.text;
  }
  return used.size ? words.filter((w) => !used.has(w)) : words;
}

/** Words of one page grouped into lines (by vertical centre), each sorted left to right. */
function pageLines(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.top + a.height / 2 - (b.top + b.height / 2) || a.left - b.left);
  const lines: { centre: number; height: number; words: Word[] }[] = [];
  for (const w of sorted) {
    const c = w.top + w.height / 2;
    const last = lines[lines.length - 1];
    if (last && Math.abs(c - last.centre) <= 0.45 * Math.min(last.height, w.height)) last.words.push(w);
    else lines.push({ centre: c, height: w.height, words: [w] });
  }
  return lines.map((l) => l.words.sort((a, b) => a.left - b.left));
}

/** The PDF's pages as printed lines with positioned cells; blank lines stand for vertical gaps. */
export function wordLines(tsv: string): PrintedLine[] {
  const { words, pages } = parseWords(tsv);
  const byPage = new Map<number, Word[]>();
  for (const w of words) {
    const list = byPage.get(w.page);
    if (list) list.push(w);
    else byPage.set(w.page, [w]);
  }
  const out: PrintedLine[] = [];
  let lineNo = 0;
  for (let p = 1; p <= Math.max(pages, ...byPage.keys()); p++) {
    const unit = halfEm(byPage.get(p) ?? []);
    const ws = joinWrappedAmounts(byPage.get(p) ?? [], unit);
    let first = true;
    let prevBottom: number | undefined;
    const lineHeight = median(ws.map((w) => w.height)) || 10;
    for (const line of pageLines(ws)) {
      const top = Math.min(...line.map((w) => w.top));
      // Vertical space between lines, as blank lines (paragraph and row breaks).
      if (prevBottom !== undefined) {
        const blanks = Math.min(3, Math.floor((top - prevBottom) / (lineHeight * 1.1)));
        for (let b = 0; b < blanks; b++) out.push({ text: '', page: p, line: ++lineNo, pageStart: false });
      }
      prevBottom = Math.max(...line.map((w) => w.top + w.height));
      const y = line.reduce((a, w) => a + w.top + w.height / 2, 0) / line.length;
      out.push({ ...renderLine(line, unit), y, page: p, line: ++lineNo, pageStart: first });
      first = false;
    }
    if (first) out.push({ text: '', page: p, line: ++lineNo, pageStart: true });
  }
  return out;
}

/**
 * One line: words closer than 0.6 em join into a cell (an amount always stands alone, as in the
 * text reader's own split); the text puts each cell at its column, at least two spaces apart.
 */
function renderLine(line: Word[], unit: number): { text: string; cells: Cell[] } {
  const cells: Cell[] = [];
  let cur: { text: string; left: number; right: number; amount: boolean } | undefined;
  const flush = () => {
    if (cur) cells.push({ text: cur.text, start: Math.round(cur.left / unit), end: Math.max(Math.round(cur.left / unit) + 1, Math.round(cur.right / unit)) });
  };
  for (const w of line) {
    const amount = isAmount(w.text);
    if (cur && !amount && !cur.amount && w.left - cur.right < 0.8 * unit) {
      cur.text += ' ' + w.text;
      cur.right = w.left + w.width;
    } else {
      flush();
      cur = { text: w.text, left: w.left, right: w.left + w.width, amount };
    }
  }
  flush();
  let text = '';
  for (const c of cells) {
    const at = Math.max(c.start, text.length ? text.length + 2 : 0);
    text += ' '.repeat(at - text.length) + c.text;
  }
  return { text, cells };
}
