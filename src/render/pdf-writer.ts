/**
 * PDF file structure: numbered objects, Flate-compressed streams, the cross-reference table, and
 * the embedding of a document's font use as a Type 0 font (CIDFontType0 with a CFF subset,
 * Identity-H, widths and a ToUnicode map, so text extracts as the characters written).
 * Strings outside content streams (document info) are written as UTF-16BE hex.
 */
import { deflateSync } from 'node:zlib';
import type { FontUse } from './pdf-font.ts';

export class PdfFile {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  private readonly offsets: number[] = [0];

  constructor() {
    this.raw('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  }

  private raw(s: string | Uint8Array): void {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s.buffer, s.byteOffset, s.byteLength);
    this.chunks.push(b);
    this.length += b.length;
  }

  /** A new object number, to refer to before the object is written. */
  ref(): number {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  object(num: number, body: string): number {
    this.offsets[num] = this.length;
    this.raw(`${num} 0 obj\n${body}\nendobj\n`);
    return num;
  }

  /** A stream object; `dict` is the dictionary's inner entries (without Length and Filter). */
  stream(num: number, dict: string, data: string | Uint8Array): number {
    const z = deflateSync(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    this.offsets[num] = this.length;
    this.raw(`${num} 0 obj\n<< ${dict} /Length ${z.length} /Filter /FlateDecode >>\nstream\n`);
    this.raw(z);
    this.raw('\nendstream\nendobj\n');
    return num;
  }

  finish(root: number, info: number): Buffer {
    const at = this.length;
    let xref = `xref\n0 ${this.offsets.length}\n0000000000 65535 f \n`;
    for (let i = 1; i < this.offsets.length; i++) {
      const off = this.offsets[i]!;
      if (off < 0) throw new Error(`PDF: object ${i} referred to but never written`);
      xref += `${String(off).padStart(10, '0')} 00000 n \n`;
    }
    this.raw(`${xref}trailer\n<< /Size ${this.offsets.length} /Root ${root} 0 R /Info ${info} 0 R >>\nstartxref\n${at}\n%%EOF\n`);
    return Buffer.concat(this.chunks, this.length);
  }
}

/** A text string for the document info dictionary: UTF-16BE with its byte order mark, in hex. */
export function pdfString(s: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `${hex}>`;
}

/** Numbers in content streams and dictionaries: at most two decimals, no exponent. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function utf16Hex(cp: number): string {
  if (cp >= 0xd800 && cp < 0xe000) return 'fffd'; // a lone surrogate is no character
  if (cp < 0x10000) return cp.toString(16).padStart(4, '0');
  const v = cp - 0x10000;
  return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16)).padStart(8, '0');
}

function toUnicodeCMap(codePoints: number[]): string {
  const blocks: string[] = [];
  for (let start = 1; start < codePoints.length; start += 100) {
    const end = Math.min(codePoints.length, start + 100);
    let block = `${end - start} beginbfchar\n`;
    for (let cid = start; cid < end; cid++) block += `<${cid.toString(16).padStart(4, '0')}> <${utf16Hex(codePoints[cid]!)}>\n`;
    blocks.push(`${block}endbfchar\n`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${blocks.join('')}endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}

/** Writes the font objects for `use` and returns the Type 0 font's object number. `tag` is the six-letter subset prefix. */
export function embedFont(pdf: PdfFile, use: FontUse, tag: string): number {
  const face = use.face;
  const name = `${tag}+${face.postscriptName}`;
  const file = pdf.stream(pdf.ref(), '/Subtype /CIDFontType0C', use.face.cff.subset(use.gids, face.postscriptName));
  const descriptor = pdf.object(
    pdf.ref(),
    `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${face.bbox.map(num).join(' ')}] /ItalicAngle ${num(face.italicAngle)} /Ascent ${num(face.ascent)} /Descent ${num(face.descent)} /CapHeight ${num(face.capHeight)} /StemV 0 /FontFile3 ${file} 0 R >>`,
  );
  const cidFont = pdf.object(
    pdf.ref(),
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /W [0 [${use.widths.map(num).join(' ')}]] >>`,
  );
  const toUnicode = pdf.stream(pdf.ref(), '', toUnicodeCMap(use.codePoints));
  return pdf.object(pdf.ref(), `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
}
