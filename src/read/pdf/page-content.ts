/**
 * One PDF page as positioned text and ruling lines (pdfjs-dist legacy build). Text is normalised
 * NFKC and CJK radical code points are mapped to the unified ideographs (browser-printed PDFs
 * extract 部⻔ / ⼈⺠); stroked path segments become horizontal and vertical rules in the page's
 * bottom-up coordinates, so tables can be rebuilt from their grid lines.
 */
import { normalizeCjk } from './cjk-radicals.ts';

/** The operator codes pdfjs numbers its operator lists with (its `OPS` export). */
export type PdfOps = Readonly<Record<'save' | 'restore' | 'transform' | 'constructPath' | 'stroke' | 'closeStroke' | 'fillStroke' | 'eoFillStroke' | 'closeFillStroke' | 'closeEOFillStroke', number>>;

export interface TextItem {
  str: string;
  x: number;
  /** Baseline, bottom-up. */
  y: number;
  width: number;
  size: number;
}

export interface Rule {
  /** Horizontal: y, from x1 to x2. Vertical: x, from y1 to y2 (x1/x2 or y1/y2 ordered). */
  kind: 'h' | 'v';
  at: number;
  from: number;
  to: number;
}

export interface PageContent {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
  rules: Rule[];
}

type Matrix = [number, number, number, number, number, number];

function mul(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Path data of pdfjs 5's constructPath: [op, x, y, …] with 0 moveTo, 1 lineTo, 2 curveTo, 3 quadraticCurveTo, 4 closePath. */
function segments(data: ArrayLike<number>, m: Matrix, out: Rule[]) {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  const add = (x1: number, y1: number, x2: number, y2: number) => {
    const [a, b] = apply(m, x1, y1);
    const [c, d] = apply(m, x2, y2);
    if (Math.abs(b - d) < 0.5 && Math.abs(a - c) > 0.5) out.push({ kind: 'h', at: (b + d) / 2, from: Math.min(a, c), to: Math.max(a, c) });
    else if (Math.abs(a - c) < 0.5 && Math.abs(b - d) > 0.5) out.push({ kind: 'v', at: (a + c) / 2, from: Math.min(b, d), to: Math.max(b, d) });
  };
  for (let i = 0; i < data.length; ) {
    const op = data[i]!;
    if (op === 0) {
      cx = sx = data[i + 1]!;
      cy = sy = data[i + 2]!;
      i += 3;
    } else if (op === 1) {
      add(cx, cy, data[i + 1]!, data[i + 2]!);
      cx = data[i + 1]!;
      cy = data[i + 2]!;
      i += 3;
    } else if (op === 2) {
      cx = data[i + 5]!;
      cy = data[i + 6]!;
      i += 7;
    } else if (op === 3) {
      cx = data[i + 3]!;
      cy = data[i + 4]!;
      i += 5;
    } else if (op === 4) {
      add(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
      i += 1;
    } else break;
  }
}

export interface PdfPage {
  view: number[];
  getTextContent(): Promise<{ items: unknown[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
}

export async function pageText(page: PdfPage): Promise<TextItem[]> {
  const tc = await page.getTextContent();
  const items: TextItem[] = [];
  for (const raw of tc.items as { str?: string; transform?: number[]; width?: number }[]) {
    if (!raw.str || !raw.transform) continue;
    const t = raw.transform;
    items.push({ str: normalizeCjk(raw.str), x: t[4]!, y: t[5]!, width: raw.width ?? 0, size: Math.round(Math.hypot(t[2]!, t[3]!) * 10) / 10 });
  }
  return items;
}

/** Stroked horizontal and vertical segments. The operator list is the expensive part of a page (pdfjs builds every glyph's outline for it). */
export async function pageRules(page: PdfPage, OPS: PdfOps): Promise<Rule[]> {
  const STROKES = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const ops = await page.getOperatorList();
  const rules: Rule[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i]!;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = mul(ctm, args as unknown as Matrix);
    else if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (STROKES.has(paint) && data) segments(data, ctm, rules);
    }
  }
  return rules;
}

export function pageSize(page: PdfPage): { width: number; height: number } {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
  return { width: x1 - x0, height: y1 - y0 };
}
