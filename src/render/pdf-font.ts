/**
 * The CJK font for PDFs: Noto Sans CJK from Debian's fonts-noto-cjk (installed by
 * scripts/setup-system.sh), a .ttc collection addressed by PostScript name. pdfkit embeds a subset.
 *
 * Speed: pdfkit opens fonts per document — it re-reads the 19 MB collection, re-parses the face
 * and starts with empty glyph and layout caches, which made that most of a render's time. Here
 * each face is parsed once per process (`sharedFace`) and every document gets its own pdfkit
 * EmbeddedFont (own subset, widths, ToUnicode) around the one parsed fontkit face.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

export interface PdfFont {
  normal: [string, string];
  bold: [string, string];
}

export class MissingFontError extends Error {}

/** Finds the font or throws a one-line error naming the Debian package. `GONGKAI_CJK_FONT_DIR` overrides the search. */
export function cjkFont(): PdfFont {
  const dirs = process.env.GONGKAI_CJK_FONT_DIR ? [process.env.GONGKAI_CJK_FONT_DIR] : FONT_DIRS;
  for (const dir of dirs) {
    const regular = `${dir}/NotoSansCJK-Regular.ttc`;
    if (!existsSync(regular)) continue;
    const boldFile = `${dir}/NotoSansCJK-Bold.ttc`;
    return {
      normal: [regular, 'NotoSansCJKsc-Regular'],
      bold: existsSync(boldFile) ? [boldFile, 'NotoSansCJKsc-Bold'] : [regular, 'NotoSansCJKsc-Regular'],
    };
  }
  throw new MissingFontError(
    `PDF: the CJK font NotoSansCJK-Regular.ttc was not found in ${dirs.join(', ')}; install the Debian package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk, or run scripts/setup-system.sh)`,
  );
}

/** The parts of pdfkit's per-document font object we touch. */
interface EmbeddedFont {
  font: unknown;
  layoutCache?: Record<string, unknown>;
  widthOfString(text: string, size: number): number;
}
type EmbeddedFontClass = new (doc: unknown, face: unknown, id: string) => EmbeddedFont;

interface SharedFace {
  face: unknown;
  Embedded: EmbeddedFontClass;
  /** pdfkit's shaped runs by text, shared by every document on this face; started afresh every LAYOUT_CACHE_DOCUMENTS documents. */
  layoutCache: Record<string, unknown>;
  documents: number;
  /** A document-less EmbeddedFont for measuring text exactly as pdfkit will. */
  measurer?: EmbeddedFont;
}

/**
 * Counting the cache's keys costs more than a render saves once it is large, so it is bounded by
 * documents instead: a document adds at most a few thousand new strings (mostly amounts).
 */
const LAYOUT_CACHE_DOCUMENTS = 25;

const faces = new Map<string, SharedFace>();

/** The parsed fontkit face of `file` (a .ttc/.otf/.ttf) named `postscriptName`, parsed once per process. */
export function sharedFace(file: string, postscriptName: string): SharedFace {
  const key = `${file}\0${postscriptName}`;
  let shared = faces.get(key);
  if (!shared) {
    const PDFKit = require('pdfkit') as new (o: object) => { font(src: Buffer, family: string): { _font: EmbeddedFont } };
    const probe = new PDFKit({ autoFirstPage: false, font: null }).font(readFileSync(file), postscriptName)._font;
    shared = { face: probe.font, Embedded: probe.constructor as EmbeddedFontClass, layoutCache: Object.create(null), documents: 0 };
    faces.set(key, shared);
    trimSubrs(probe.font);
  }
  return shared;
}

interface PdfmakeDocument {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, unknown>>;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
  provideFont(family: string, bold: boolean, italics: boolean): unknown;
}

/** The width in points of `text` set in the face, as pdfkit measures it (same shaping, same cache). */
export function textWidth(file: string, postscriptName: string, text: string, size: number): number {
  const shared = sharedFace(file, postscriptName);
  if (!shared.measurer) shared.measurer = new shared.Embedded({ options: { fontLayoutCache: false } }, shared.face, 'M');
  shared.measurer.layoutCache = shared.layoutCache;
  return shared.measurer.widthOfString(text, size);
}

let installed = false;

/**
 * Makes pdfmake's documents use the shared faces: before pdfmake opens a font given as
 * [file, postscriptName], the document's pdfkit font table gets an EmbeddedFont around the shared
 * face under that name, so pdfkit's own `font()` finds it there instead of reading the file.
 */
export function useSharedFaces(): void {
  if (installed) return;
  const Doc = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfmakeDocument } }).default;
  const provideFont = Doc.prototype.provideFont;
  if (typeof provideFont !== 'function') throw new Error('pdfmake: PDFDocument.provideFont not found (pdfmake version changed?)');
  Doc.prototype.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean) {
    const def = this.fonts[family]?.[this.getFontType(bold, italics)];
    if (!this.fontCache[family]?.[this.getFontType(bold, italics)] && Array.isArray(def) && typeof def[0] === 'string' && typeof def[1] === 'string') {
      const [file, postscriptName] = def as [string, string];
      if (!this._fontFamilies[postscriptName]) {
        const shared = sharedFace(file, postscriptName);
        const embedded = new shared.Embedded(this, shared.face, `F${++this._fontCount}`);
        if (embedded.layoutCache) {
          if (++shared.documents % LAYOUT_CACHE_DOCUMENTS === 0) shared.layoutCache = Object.create(null);
          embedded.layoutCache = shared.layoutCache;
        }
        this._fontFamilies[postscriptName] = embedded;
      }
    }
    return provideFont.call(this, family, bold, italics);
  };
  installed = true;
}

interface CffSubsetter {
  cff: { stream: { pos: number; readBuffer(n: number): Uint8Array } };
  subsetSubrs(subrs: { offset: number; length: number }[], used: Record<string, boolean>): Uint8Array[];
}

const RETURN_OP = new Uint8Array([11]);
const trimmed = new WeakSet<object>();

/**
 * fontkit's CFF subsetter keeps every subroutine slot, replacing unused ones by a one-byte
 * `return`: Noto CJK's ideograph FDs hold 14,138 and 28,516 local subrs, so each document
 * re-encoded ~43,000 INDEX entries. Slots after the last used one can go, as long as the count
 * stays in the same charstring bias bracket (< 1240 → 107, < 33900 → 1131, else 32768), since
 * subr numbers in charstrings are relative to that bias. Same glyphs, smaller and faster.
 */
function trimSubrs(face: unknown): void {
  const proto = Object.getPrototypeOf((face as { createSubset(): object }).createSubset()) as CffSubsetter;
  if (trimmed.has(proto) || typeof proto.subsetSubrs !== 'function') return;
  trimmed.add(proto);
  proto.subsetSubrs = function (this: CffSubsetter, subrs, used) {
    let last = -1;
    for (const k in used) if (Number(k) > last) last = Number(k);
    const floor = subrs.length < 1240 ? 1 : subrs.length < 33900 ? 1240 : 33900;
    const n = Math.min(subrs.length, Math.max(last + 1, floor));
    const out: Uint8Array[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const subr = subrs[i]!;
      if (used[i]) {
        this.cff.stream.pos = subr.offset;
        out[i] = this.cff.stream.readBuffer(subr.length);
      } else out[i] = RETURN_OP;
    }
    return out;
  };
}
