/**
 * The CJK font for PDFs: Noto Sans CJK from Debian's fonts-noto-cjk (installed by
 * scripts/setup-system.sh), a .ttc collection addressed by PostScript name.
 *
 * Each face is parsed once per process (`sharedFace`, fontkit, lazily) and keeps what every
 * document needs from it: a glyph and advance width per code point, and the CFF program, whose
 * desubroutinized charstrings are cached too (pdf-cff.ts). Text is set glyph by glyph from the
 * cmap, with no shaping: Chinese, digits and punctuation need none, and a glyph per code point is
 * what keeps every character extractable exactly as written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CffFont } from './pdf-cff.ts';

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

/** The parts of a fontkit face we use. */
interface FontkitFace {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  getGlyph(gid: number): { advanceWidth: number };
}

export interface Glyph {
  gid: number;
  /** Advance in thousandths of the font size (PDF glyph space). */
  width: number;
}

/** A face, parsed once per process. Metrics are in thousandths of the font size. */
export interface Face {
  postscriptName: string;
  ascent: number;
  descent: number;
  capHeight: number;
  italicAngle: number;
  bbox: [number, number, number, number];
  notdefWidth: number;
  cff: CffFont;
  glyph(cp: number): Glyph;
}

const faces = new Map<string, Face>();

/** The face of `file` (a .ttc/.otf) named `postscriptName`, parsed once per process. */
export function sharedFace(file: string, postscriptName: string): Face {
  const key = `${file}\0${postscriptName}`;
  let face = faces.get(key);
  if (!face) {
    const fontkit = require('fontkit') as { create(buffer: Buffer, postscriptName?: string): FontkitFace };
    const bytes = readFileSync(file);
    const fk = fontkit.create(bytes, postscriptName);
    const table = fk.directory.tables['CFF '];
    if (!table) throw new Error(`PDF: ${file} (${postscriptName}) has no CFF outlines`);
    const scale = 1000 / fk.unitsPerEm;
    const glyphs = new Map<number, Glyph>();
    face = {
      postscriptName: fk.postscriptName,
      ascent: fk.ascent * scale,
      descent: fk.descent * scale,
      capHeight: fk.capHeight * scale,
      italicAngle: fk.italicAngle,
      bbox: [fk.bbox.minX * scale, fk.bbox.minY * scale, fk.bbox.maxX * scale, fk.bbox.maxY * scale],
      notdefWidth: fk.getGlyph(0).advanceWidth * scale,
      cff: new CffFont(bytes.subarray(table.offset, table.offset + table.length)),
      glyph(cp) {
        let g = glyphs.get(cp);
        if (!g) {
          const fg = fk.glyphForCodePoint(cp);
          g = { gid: fg.id, width: Math.round(fg.advanceWidth * scale * 1000) / 1000 };
          glyphs.set(cp, g);
        }
        return g;
      },
    };
    faces.set(key, face);
  }
  return face;
}

/** The width in points of `text` set in `face` at `size`. */
export function textWidth(face: Face, text: string, size: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += face.glyph(cp).width;
  }
  return (w * size) / 1000;
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * One document's use of a face: every distinct code point set gets its own CID (in order of first
 * use; 0 is .notdef), so the ToUnicode map gives back exactly the characters written even where
 * two code points share a glyph.
 */
export class FontUse {
  /** Per CID: the face's glyph, the code point it stands for, its advance. */
  readonly gids: number[] = [0];
  readonly codePoints: number[] = [0];
  readonly widths: number[];
  private readonly hex = new Map<number, string>();

  constructor(readonly face: Face) {
    this.widths = [face.notdefWidth];
  }

  /** `text` as the hex string of its CIDs, for a Tj operator. */
  encode(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      let h = this.hex.get(cp);
      if (h === undefined) {
        const cid = this.gids.length;
        if (cid > 0xffff) throw new Error('PDF: more than 65,535 distinct characters in one font');
        const g = this.face.glyph(cp);
        this.gids.push(g.gid);
        this.codePoints.push(cp);
        this.widths.push(g.width);
        h = HEX2[cid >> 8]! + HEX2[cid & 0xff]!;
        this.hex.set(cp, h);
      }
      out += h;
    }
    return out;
  }
}
