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

/** Line height as a multiple of the face's ascent − descent (the reader's LINE_STEP assumes 1.15). */
export const LINE_HEIGHT = 1.15;
export const PAGE_MARGINS = { left: 36, top: 40, right: 36, bottom: 40 } as const;
const A4 = { width: 595.28, height: 841.89 } as const;

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

/** Splits `text` into lines no wider than `width` points (a hard "\n" always breaks). Spaces at a break stay at the end of their line. */
export function wrap(text: string, face: Face, size: number, width: number): string[] {
  const out: string[] = [];
  for (const hard of text.split('\n')) wrapLine(hard, face, size, width, out);
  return out;
}

function wrapLine(text: string, face: Face, size: number, width: number, out: string[]): void {
  if (textWidth(face, text, size) <= width) {
    out.push(text);
    return;
  }
  const chars = Array.from(text);
  const w = chars.map((c) => (face.glyph(c.codePointAt(0)!).width * size) / 1000);
  let start = 0;
  while (start < chars.length) {
    // Grow the line break opportunity by break opportunity; the last one that fits wins.
    let used = 0;
    let lastFit = -1;
    let i = start;
    let overflow = false;
    while (i < chars.length) {
      used += w[i]!;
      i++;
      if (i === chars.length || breakBetween(chars[i - 1]!, chars[i]!)) {
        let ink = used;
        for (let k = i - 1; k > start && isSpace(chars[k]!); k--) ink -= w[k]!;
        if (ink <= width) lastFit = i;
        else {
          overflow = true;
          break;
        }
      }
    }
    let end = lastFit;
    if (!overflow) end = chars.length;
    else if (end < 0) {
      // One unbreakable run wider than the line: break it between characters.
      let acc = 0;
      end = start;
      while (end < chars.length && (end === start || acc + w[end]! <= width)) acc += w[end++]!;
    }
    out.push(chars.slice(start, end).join(''));
    start = end;
  }
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

  /** A block of text, wrapped to the content width. */
  text(text: string, style: TextStyle): void {
    const indent = style.indent ?? 0;
    const width = style.width ?? this.contentWidth - indent;
    const lines = wrap(text, this.face(style.bold), style.size, width);
    const lh = this.lineHeight(style.size);
    const top = style.marginTop ?? 0;
    if (style.keep && this.y + top + lines.length * lh > this.bottom && lines.length * lh <= this.bottom - PAGE_MARGINS.top) this.newPage();
    this.y += top;
    for (const line of lines) {
      if (this.y + lh > this.bottom + 0.01) this.newPage();
      this.drawLine(line, style, this.left + indent, width, this.y);
      this.y += lh;
    }
    this.y += style.marginBottom ?? 0;
  }
}
