/**
 * Layout for the PDF: line breaking with cached glyph advances, pages with their content streams,
 * and the vertical flow of text blocks from page to page.
 *
 * Geometry the PDF reader relies on (src/read/pdf): a wrapped line steps down by
 * size × (ascent − descent) × LINE_HEIGHT, a paragraph ends with a wider gap, a paragraph never
 * continues on the next page, and each line is one text run.
 */
import { textWidth, type Face, type FontUse } from './pdf-font.ts';
import { num } from './pdf-writer.ts';
import { memoize } from '../util/memo.ts';

/** Line height as a multiple of the face's ascent − descent (the reader's LINE_STEP assumes 1.15). */
export const LINE_HEIGHT = 1.15;
export const PAGE_MARGINS = { left: 36, top: 40, right: 36, bottom: 40 } as const;
const A4 = { width: 595.28, height: 841.89 } as const;
/** Widths are sums of floats: text that fits by the column planner's arithmetic must not wrap by a rounding error. */
const EPSILON = 1e-6;

/** The width between the side margins of a page in `orientation`. */
export function contentWidthOf(orientation: Orientation): number {
  return (orientation === 'portrait' ? A4.width : A4.height) - PAGE_MARGINS.left - PAGE_MARGINS.right;
}

export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'center' | 'right';

export interface Fonts {
  normal: FontUse;
  bold: FontUse;
}

// Break classes, after UAX #14 in outline: Chinese text may break between any two characters,
// except before closing punctuation and after opening punctuation; Latin words and numbers break
// only after spaces (or, when one word is wider than the line, between any two characters).
const NO_BREAK_BEFORE = new Set([...'，。、；：？！）］｝〕〉》」』】〙〗〟’”｠»…‥·・ー々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ％‰℃,.;:?!)]}%']);
const NO_BREAK_AFTER = new Set([...'（［｛〔〈《「『【〘〖〝‘“｟«([{$￥¥']);
const isSpace = (c: string) => c === ' ' || c === '\t';
const isWide = (c: string) => c.charCodeAt(0) >= 0x2e80;

function breakBetween(a: string, b: string): boolean {
  if (isSpace(b)) return false;
  if (isSpace(a)) return true;
  if (NO_BREAK_BEFORE.has(b) || NO_BREAK_AFTER.has(a)) return false;
  return isWide(a) || isWide(b);
}

/**
 * Splits `text` into lines no wider than `width` points (a hard "\n" always breaks). Spaces at a
 * break stay at the end of their line. `firstWidth` is the width of each paragraph's first line
 * (a first-line indent), `width` by default.
 *
 * Linear in the text's length: a line is grown only until its ink passes the width, so an
 * unbroken run of any length (a 200,000-character "word") costs one pass, not one pass per line.
 */
export function wrap(text: string, face: Face, size: number, width: number, firstWidth = width): string[] {
  const out: string[] = [];
  for (const hard of text.split('\n')) wrapLine(hard, face, size, width, firstWidth, out);
  return out;
}

function wrapLine(text: string, face: Face, size: number, width: number, firstWidth: number, out: string[]): void {
  if (textWidth(face, text, size) <= firstWidth + EPSILON) {
    out.push(text);
    return;
  }
  const chars = Array.from(text);
  const w = chars.map((c) => (face.glyph(c.codePointAt(0)!).width * size) / 1000);
  let start = 0;
  let lineWidth = firstWidth;
  while (start < chars.length) {
    // Grow the line break opportunity by break opportunity; the last one that fits wins.
    let used = 0;
    let lastFit = -1;
    let i = start;
    let overflow = false;
    while (i < chars.length) {
      used += w[i]!;
      i++;
      // Past the width with ink (not a space): no later break can fit, so stop looking.
      if (used > lineWidth + EPSILON && !isSpace(chars[i - 1]!)) {
        overflow = true;
        break;
      }
      if (i === chars.length || breakBetween(chars[i - 1]!, chars[i]!)) lastFit = i;
    }
    let end = lastFit;
    if (!overflow) end = chars.length;
    else if (end < 0) {
      // One unbreakable run wider than the line: break it between characters.
      let acc = 0;
      end = start;
      while (end < chars.length && (end === start || acc + w[end]! <= lineWidth + EPSILON)) acc += w[end++]!;
    }
    out.push(chars.slice(start, end).join(''));
    start = end;
    lineWidth = width;
  }
}

/**
 * `wrap`, with the lines made as even as the line count allows ("一般公共/预算拨款/收入" rather
 * than "一般公共预/算拨款收/入"), breaking wherever `wrap` may. For short texts such as header cells.
 */
export function evenWrap(text: string, face: Face, size: number, width: number): string[] {
  const lines = wrap(text, face, size, width);
  if (lines.length < 2 || text.length > 60 || text.includes('\n')) return lines;
  return evened(text, face, size, width);
}

/** The same header cells come back table after table: their even lines are remembered. */
const evened = memoize(evenLines, { maxEntries: 5000, keyOf: layoutKey });

/** What a text's lines depend on: the text, the face, its size and the width. */
function layoutKey(text: string, face: Face, size: number, width: number): string {
  return `${face.postscriptName}\u0000${size}\u0000${width}\u0000${text}`;
}

function evenLines(text: string, face: Face, size: number, width: number): string[] {
  // Breaks between words are preferred; between characters of a word allowed.
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const wordStarts = new Set([...segmenter.segment(text)].map((w) => w.index));
  const units: Unit[] = [];
  let at = 0;
  let prev = '';
  for (const c of text) {
    if (prev !== '' && !breakBetween(prev, c)) units[units.length - 1]!.text += c;
    else units.push({ text: c, natural: wordStarts.has(at) });
    at += c.length;
    prev = c;
  }
  return balanceUnits(units, text, face, size, width, 0.3);
}

const NATURAL_BREAK_AFTER = new Set([...' ）)》」』】〕、，：；']);
const NATURAL_BREAK_BEFORE = new Set([...'（(《「『【〔']);
/** Longer titles are wrapped plainly: balancing tries every split, which is quadratic. */
const BALANCE_LIMIT = 400;
let segmenter: Intl.Segmenter | undefined;

/**
 * A title's lines: broken only between words (a Chinese word segmenter's boundaries, never inside
 * 公共资源交易), preferably at a bracket or a space, with the lines as even as possible (the fewest
 * lines that fit, then the smallest spread around their mean width). Falls back to `wrap` when a
 * word alone is wider than the line.
 */
export function balancedLines(text: string, face: Face, size: number, width: number): string[] {
  if (text.includes('\n') || textWidth(face, text, size) <= width) return text.split('\n');
  if (text.length > BALANCE_LIMIT) return wrap(text, face, size, width);
  return balanced(text, face, size, width);
}

/** The same titles come back document after document (part headings, the unit's name). */
const balanced = memoize(balance, { maxEntries: 2000, keyOf: layoutKey });

function balance(text: string, face: Face, size: number, width: number): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const words = [...segmenter.segment(text)].map((s) => s.segment);
  // Units between allowed breaks: a word joins the previous unit where breaking is not allowed.
  const units: Unit[] = [];
  let prevWord: string | undefined;
  for (const wd of words) {
    const prev = units[units.length - 1];
    const a = prev?.text.slice(-1) ?? '';
    const b = wd[0]!;
    // Two one-character words side by side are most often a word the segmenter does not know (营|商): kept together.
    const unknown = wd.length === 1 && isWide(b) && prevWord?.length === 1 && isWide(prevWord);
    prevWord = wd;
    if (prev && (unknown || isSpace(b) || NO_BREAK_BEFORE.has(b) || NO_BREAK_AFTER.has(a) || (!breakBetween(a, b) && !isSpace(a)))) prev.text += wd;
    else units.push({ text: wd, natural: !prev || NATURAL_BREAK_AFTER.has(a) || NATURAL_BREAK_BEFORE.has(b) });
  }
  return balanceUnits(units, text, face, size, width);
}

/** A piece of text between two allowed breaks; `natural`: a good place to break before it. */
interface Unit {
  text: string;
  natural: boolean;
}

/** The fewest lines of whole units that fit `width`, as even as possible, preferring natural breaks. */
function balanceUnits(units: Unit[], text: string, face: Face, size: number, width: number, breakPenalty = 0.1): string[] {
  const uw = units.map((u) => textWidth(face, u.text.replace(/[ \t]+$/, ''), size));
  const full = units.map((u) => textWidth(face, u.text, size));
  if (uw.some((x) => x > width)) return wrap(text, face, size, width);
  const n = units.length;
  const before = [0];
  for (const w of full) before.push(before[before.length - 1]! + w);
  // Width of units [i, j) as one line (trailing spaces of its last unit not counted).
  const lineW = (i: number, j: number) => before[j - 1]! - before[i]! + uw[j - 1]!;
  // The fewest lines, greedily; then the best split into that many lines.
  let lines = 0;
  for (let i = 0; i < n; lines++) {
    let j = i + 1;
    while (j < n && lineW(i, j + 1) <= width) j++;
    i = j;
  }
  const target = textWidth(face, text, size) / lines;
  const penalty = breakPenalty * target * target;
  // best[k][j]: cost of units [0, j) in k lines; from[k][j]: where the k-th line starts.
  const best = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(Infinity));
  const from = Array.from({ length: lines + 1 }, () => Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= lines; k++)
    for (let j = 1; j <= n; j++)
      for (let i = j - 1; i >= 0; i--) {
        const lw = lineW(i, j);
        if (lw > width) break;
        if (best[k - 1]![i] === Infinity) continue;
        const cost = best[k - 1]![i]! + (lw - target) ** 2 + (i > 0 && !units[i]!.natural ? penalty : 0);
        if (cost < best[k]![j]!) {
          best[k]![j] = cost;
          from[k]![j] = i;
        }
      }
  if (best[lines]![n] === Infinity) return wrap(text, face, size, width);
  const out: string[] = [];
  for (let k = lines, j = n; k > 0; k--) {
    const i = from[k]![j]!;
    out.unshift(
      units
        .slice(i, j)
        .map((u) => u.text)
        .join(''),
    );
    j = i;
  }
  return out;
}

export class Page {
  readonly width: number;
  readonly height: number;
  private readonly ops: string[] = [];

  constructor(readonly orientation: Orientation) {
    this.width = orientation === 'portrait' ? A4.width : A4.height;
    this.height = orientation === 'portrait' ? A4.height : A4.width;
  }

  /** One run of text; `top` is the top of its line box, from the top of the page. */
  text(font: FontUse, fontName: string, size: number, x: number, top: number, text: string): void {
    if (text === '') return;
    const baseline = this.height - top - (font.face.ascent * size) / 1000;
    this.ops.push(`BT /${fontName} ${num(size)} Tf ${num(x)} ${num(baseline)} Td <${font.encode(text)}> Tj ET\n`);
  }

  /** A filled rectangle (top-down coordinates), colour as RGB fractions. */
  fill(x: number, top: number, w: number, h: number, rgb: readonly [number, number, number]): void {
    this.ops.push(`q ${rgb.join(' ')} rg ${num(x)} ${num(this.height - top - h)} ${num(w)} ${num(h)} re f Q\n`);
  }

  /** Straight segments [x1, top1, x2, top2] stroked in one path. */
  lines(segments: number[][], lineWidth: number, rgb: readonly [number, number, number]): void {
    if (!segments.length) return;
    let path = `q ${num(lineWidth)} w ${rgb.join(' ')} RG\n`;
    for (const [x1, y1, x2, y2] of segments) path += `${num(x1!)} ${num(this.height - y1!)} m ${num(x2!)} ${num(this.height - y2!)} l\n`;
    this.ops.push(`${path}S Q\n`);
  }

  content(): string {
    return this.ops.join('');
  }
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  align?: Align;
  marginTop?: number;
  marginBottom?: number;
  indent?: number;
  /** Width of the text box (default: the content width less the indent). */
  width?: number;
  /** Keep the block's lines on one page (moved whole to the next page when they do not fit). */
  keep?: boolean;
  /** Extra indent of each paragraph's first line, in points (body text: two characters). */
  firstIndent?: number;
  /** A title: broken between words only, in lines of even width (balancedLines). */
  balance?: boolean;
}

/** The vertical flow of blocks through pages; `y` is the next free position from the page top. */
export class Flow {
  readonly pages: Page[] = [];
  page!: Page;
  y = 0;

  constructor(readonly fonts: Fonts) {}

  face(bold = false): Face {
    return (bold ? this.fonts.bold : this.fonts.normal).face;
  }

  lineHeight(size: number): number {
    const f = this.fonts.normal.face;
    return ((f.ascent - f.descent) * size * LINE_HEIGHT) / 1000;
  }

  newPage(orientation: Orientation = this.page?.orientation ?? 'portrait'): void {
    this.page = new Page(orientation);
    this.pages.push(this.page);
    this.y = PAGE_MARGINS.top;
  }

  get left(): number {
    return PAGE_MARGINS.left;
  }

  get contentWidth(): number {
    return this.page.width - PAGE_MARGINS.left - PAGE_MARGINS.right;
  }

  get bottom(): number {
    return this.page.height - PAGE_MARGINS.bottom;
  }

  /** Draws one line of text in the box [x, x + width) at `top`. */
  drawLine(line: string, style: { size: number; bold?: boolean; align?: Align }, x: number, width: number, top: number): void {
    const use = style.bold ? this.fonts.bold : this.fonts.normal;
    let at = x;
    if (style.align && style.align !== 'left') {
      const w = textWidth(use.face, line.replace(/[ \t]+$/, ''), style.size);
      at = style.align === 'right' ? x + width - w : x + (width - w) / 2;
    }
    this.page.text(use, style.bold ? 'F2' : 'F1', style.size, at, top, line);
  }

  /** `text(n, total)` centred in the bottom margin of every page, `gap` below the content area. */
  footers(size: number, gap: number, text: (n: number, total: number) => string): void {
    this.pages.forEach((page, i) => {
      this.page = page;
      this.drawLine(text(i + 1, this.pages.length), { size, align: 'center' }, 0, page.width, page.height - PAGE_MARGINS.bottom + gap);
    });
  }

  /** A block of text, wrapped to the content width; returns the page and top of its first line. */
  text(text: string, style: TextStyle): { page: number; top: number } {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.contentWidth - indent;
    const first = style.firstIndent ?? 0;
    const face = this.face(style.bold);
    const lines = style.balance ? balancedLines(text, face, style.size, width) : wrap(text, face, style.size, width, width - first);
    const lh = this.lineHeight(style.size);
    const top = style.marginTop ?? 0;
    if (style.keep && this.y + top + lines.length * lh > this.bottom && lines.length * lh <= this.bottom - PAGE_MARGINS.top) this.newPage();
    this.y += top;
    let at: { page: number; top: number } | undefined;
    lines.forEach((line, k) => {
      if (this.y + lh > this.bottom + 0.01) this.newPage();
      at ??= { page: this.pages.length - 1, top: this.y };
      const shift = k === 0 && !style.balance ? first : 0;
      this.drawLine(line, style, this.left + indent + shift, width - shift, this.y);
      this.y += lh;
    });
    this.y += style.marginBottom ?? 0;
    return at ?? { page: this.pages.length - 1, top: this.y };
  }
}
