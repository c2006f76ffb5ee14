/**
 * Limits on untrusted input, shared by the readers, the CLI and the server. Each check throws
 * InputRejected with a one-line Chinese message and the HTTP status the server answers with
 * (413 too large, 415 wrong kind of file, 400 malformed or hostile); the CLI exits 2 on it.
 *
 * The .xlsx check runs before the file reaches the xlsx library: the zip central directory's entry
 * count and uncompressed sizes are checked, every entry is inflated once with its declared size
 * enforced (an entry that lies about its size is rejected), and XML with DOCTYPE/ENTITY
 * declarations is refused (entity expansion, external entities).
 */
import * as zlib from 'node:zlib';
import { createInflate } from 'node:zlib';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { stripBom } from '../core/bom.ts';

export type RejectStatus = 400 | 413 | 415;

export class InputRejected extends Error {
  constructor(
    message: string,
    readonly status: RejectStatus,
  ) {
    super(message);
    this.name = 'InputRejected';
  }
}

export interface Limits {
  /** An uploaded or read file. */
  fileBytes: number;
  /** Characters of a decoded text document. */
  textChars: number;
  /** Characters of one printed line. */
  lineChars: number;
  /** Cells in one table row. */
  tableColumns: number;
  /** Nesting of JSON arrays/objects. */
  jsonDepth: number;
  zipEntries: number;
  /** Sum of the declared uncompressed sizes of all zip entries. */
  zipBytes: number;
  /** Declared uncompressed size of one entry. */
  zipEntryBytes: number;
  /** Uncompressed / compressed size of one entry larger than 1 MB. */
  zipRatio: number;
  pdfPages: number;
  /** Indirect objects ("n g obj") in a PDF file. */
  pdfObjects: number;
  /** Inflated bytes of one Flate stream of a PDF (a content stream, an image, an object stream). */
  pdfStreamBytes: number;
  /** Inflated bytes of all Flate streams of a PDF together. */
  pdfInflatedBytes: number;
  /** Text output of the PDF text extractor (pdftotext), bytes. */
  pdfTextBytes: number;
  /** Text items of a PDF read through pdf.js, all pages together. */
  pdfTextItems: number;
  /** Cells of one spreadsheet (rows × columns of its used range). */
  sheetCells: number;
  /** Elements of an HTML page. */
  htmlElements: number;
  /** Nesting of HTML elements. */
  htmlDepth: number;
  /** Wall time to read one document, milliseconds. */
  readMs: number;
}

export const LIMITS: Readonly<Limits> = Object.freeze({
  fileBytes: 20 * 1024 * 1024,
  textChars: 5_000_000,
  lineChars: 100_000,
  tableColumns: 300,
  jsonDepth: 64,
  zipEntries: 2_000,
  zipBytes: 200 * 1024 * 1024,
  zipEntryBytes: 100 * 1024 * 1024,
  zipRatio: 500,
  pdfPages: 1_000,
  pdfObjects: 500_000,
  // The corpus inflates to 0.3–46 MB per document (the most: a scanned narrative, its page images).
  pdfStreamBytes: 64 * 1024 * 1024,
  pdfInflatedBytes: 512 * 1024 * 1024,
  pdfTextBytes: 64 * 1024 * 1024,
  pdfTextItems: 2_000_000,
  sheetCells: 5_000_000,
  htmlElements: 2_000_000,
  htmlDepth: 1_000,
  readMs: 30_000,
});

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function checkFileSize(bytes: number, what = '文件', limits: Limits = LIMITS): void {
  if (bytes > limits.fileBytes) throw new InputRejected(`${what}过大：${mb(bytes)}，上限为 ${mb(limits.fileBytes)}`, 413);
}

/** Decoded text: total length and the longest line. */
export function checkTextShape(text: string, what = '文本', limits: Limits = LIMITS): void {
  if (text.length > limits.textChars) throw new InputRejected(`${what}过长：${text.length} 个字符，上限为 ${limits.textChars}`, 413);
  let start = 0;
  let line = 1;
  for (;;) {
    const end = text.indexOf('\n', start);
    const len = (end < 0 ? text.length : end) - start;
    if (len > limits.lineChars) throw new InputRejected(`${what}第 ${line} 行过长：${len} 个字符，上限为 ${limits.lineChars}；这不像是一份公开文件`, 400);
    if (end < 0) return;
    start = end + 1;
    line++;
  }
}

export function checkTableWidth(columns: number, where: string, limits: Limits = LIMITS): void {
  if (columns > limits.tableColumns) throw new InputRejected(`${where}有 ${columns} 列，上限为 ${limits.tableColumns}`, 400);
}

/**
 * Depth of JSON nesting, counted over the text before parsing (so a `[[[[…` bomb never reaches
 * recursive code). Brackets inside strings are skipped.
 */
export function checkJsonDepth(text: string, what = 'JSON', limits: Limits = LIMITS): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limits.jsonDepth) throw new InputRejected(`${what}嵌套过深（超过 ${limits.jsonDepth} 层）`, 400);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

/** JSON.parse behind the size and depth checks; syntax errors become InputRejected (400). */
export function parseJsonGuarded(text: string, what = 'JSON', limits: Limits = LIMITS): unknown {
  checkTextShape(text, what, { ...limits, lineChars: limits.textChars });
  checkJsonDepth(text, what, limits);
  try {
    return JSON.parse(stripBom(text));
  } catch (e) {
    throw new InputRejected(`${what}不是有效的 JSON（${(e as Error).message}）`, 400);
  }
}

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
}

/** A legacy Office (.xls) file: an OLE2 compound document. */
export function isCompoundDocument(buf: Uint8Array): boolean {
  return buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0 && buf[4] === 0xa1 && buf[5] === 0xb1 && buf[6] === 0x1a && buf[7] === 0xe1;
}

export function isPdf(buf: Uint8Array): boolean {
  return Buffer.from(buf.subarray(0, 1024)).toString('latin1').includes('%PDF-');
}

export interface ZipSummary {
  entries: number;
  /** Bytes actually inflated (all entries). */
  uncompressedBytes: number;
}

const XML_ENTRY = /\.(xml|rels|vml)$/i;
// Declarations are ASCII; NULs are dropped first so UTF-16 XML is caught too.
const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Checks an .xlsx (any zip) before parsing: signature, entry count, declared sizes and ratio,
 * actual inflated sizes, encryption, and DOCTYPE/ENTITY in XML parts.
 */
export async function checkXlsxArchive(input: Uint8Array, what = 'Excel 文件', limits: Limits = LIMITS): Promise<ZipSummary> {
  checkFileSize(input.length, what, limits);
  if (!isZip(input)) throw new InputRejected(`${what}不是 .xlsx 格式（不是 zip 压缩包）`, 415);
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(buf, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (err, z) => (err ? reject(new InputRejected(`${what}已损坏，无法解压（${err.message}）`, 400)) : resolve(z))),
  );
  if (zip.entryCount > limits.zipEntries) {
    zip.close();
    throw new InputRejected(`${what}包含 ${zip.entryCount} 个压缩条目，上限为 ${limits.zipEntries}`, 413);
  }
  let declared = 0;
  let inflated = 0;
  return new Promise<ZipSummary>((resolve, reject) => {
    let done = false;
    const fail = (e: InputRejected) => {
      if (done) return;
      done = true;
      zip.close();
      reject(e);
    };
    zip.on('error', (err: Error) => fail(err instanceof InputRejected ? err : new InputRejected(`${what}已损坏，无法解压（${err.message}）`, 400)));
    zip.on('end', () => {
      if (done) return;
      done = true;
      resolve({ entries: zip.entryCount, uncompressedBytes: inflated });
    });
    zip.on('entry', (entry: Entry) => {
      if (done) return;
      const name = entry.fileName;
      if (entry.isEncrypted()) return fail(new InputRejected(`${what}的条目 ${name} 已加密，无法读取`, 400));
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) return fail(new InputRejected(`${what}的条目 ${name} 使用了不支持的压缩方法 ${entry.compressionMethod}`, 400));
      if (entry.uncompressedSize > limits.zipEntryBytes) return fail(new InputRejected(`${what}的条目 ${name} 解压后 ${mb(entry.uncompressedSize)}，上限为 ${mb(limits.zipEntryBytes)}`, 413));
      declared += entry.uncompressedSize;
      if (declared > limits.zipBytes) return fail(new InputRejected(`${what}解压后超过 ${mb(limits.zipBytes)}（压缩炸弹？）`, 413));
      if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.zipRatio * Math.max(1, entry.compressedSize))
        return fail(new InputRejected(`${what}的条目 ${name} 压缩比异常（${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1，压缩炸弹？）`, 413));
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(new InputRejected(`${what}的条目 ${name} 无法解压（${err.message}）`, 400));
        const scan = XML_ENTRY.test(name);
        let tail = '';
        let crc = 0;
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          if (crc32) crc = crc32(chunk, crc);
          if (!scan || done) return;
          const text = tail + chunk.toString('latin1').replace(/\0/g, '');
          if (DECLARATION.test(text)) {
            stream.destroy();
            fail(new InputRejected(`${what}的 ${name} 含有 DOCTYPE/ENTITY 声明，出于安全原因拒绝读取`, 400));
          }
          tail = text.slice(-16);
        });
        stream.on('error', (e: Error) =>
          fail(new InputRejected(/too many bytes|expected/i.test(e.message) ? `${what}的条目 ${name} 实际大小与声明不符（${e.message}）` : `${what}的条目 ${name} 无法解压（${e.message}）`, 400)),
        );
        stream.on('end', () => {
          // A damaged entry whose deflate data still inflates (a flipped bit) is caught by its
          // checksum: SheetJS, reading the same damaged bytes, can loop without end.
          if (crc32 && !done && crc >>> 0 !== entry.crc32 >>> 0) return fail(new InputRejected(`${what}的条目 ${name} 校验和不符，文件已损坏`, 400));
          if (!done) zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

/** zlib's CRC-32 (Node 20.15 and later); on an older Node the checksum is not compared. */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/**
 * Checks a PDF before parsing: signature, size, and the number of indirect objects (counted in the
 * raw bytes; objects inside object streams are bounded by the same byte cap).
 */
export function checkPdfBytes(input: Uint8Array, what = 'PDF 文件', limits: Limits = LIMITS): void {
  checkFileSize(input.length, what, limits);
  if (!isPdf(input)) throw new InputRejected(`${what}不是 PDF 格式（缺少 %PDF- 文件头）`, 415);
  const text = Buffer.from(input.buffer, input.byteOffset, input.length).toString('latin1');
  const re = /\d+\s+\d+\s+obj\b/g;
  let n = 0;
  while (re.exec(text)) if (++n > limits.pdfObjects) throw new InputRejected(`${what}包含超过 ${limits.pdfObjects} 个对象`, 413);
}

export function checkPdfPages(pages: number, what = 'PDF 文件', limits: Limits = LIMITS): void {
  if (pages > limits.pdfPages) throw new InputRejected(`${what}有 ${pages} 页，上限为 ${limits.pdfPages}`, 413);
}

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/** A zlib header (RFC 1950): deflate, and the check bits hold. */
const zlibHeader = (b: Buffer, at: number) => at + 1 < b.length && (b[at]! & 0x0f) === 8 && ((b[at]! << 8) | b[at + 1]!) % 31 === 0;

/**
 * Inflates every Flate stream of a PDF with a byte cap before any PDF library sees the file:
 * poppler and pdf.js inflate streams without a bound, so a content stream of gigabytes of blanks
 * deflated to a few MB (a decompression bomb) would otherwise take minutes and gigabytes. The
 * inflated bytes are counted and dropped, never kept; the scan stops at the first stream over
 * `pdfStreamBytes`, when all together pass `pdfInflatedBytes`, or after `readMs`.
 * A stream is inflated when its dictionary names FlateDecode or its data starts with a zlib header;
 * a damaged stream simply ends the count (the reader says what is wrong with it later).
 */
export async function checkPdfStreams(input: Uint8Array, what = 'PDF 文件', limits: Limits = LIMITS): Promise<{ streams: number; inflatedBytes: number }> {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  const started = Date.now();
  let total = 0;
  let streams = 0;
  for (let at = buf.indexOf(STREAM); at >= 0; at = buf.indexOf(STREAM, at + STREAM.length)) {
    // "stream" as a keyword: after the dictionary's ">>" (blanks between), not the end of "endstream".
    let k = at - 1;
    while (k >= 0 && (buf[k] === 0x20 || buf[k] === 0x0d || buf[k] === 0x0a || buf[k] === 0x09)) k--;
    if (k < 1 || buf[k] !== 0x3e || buf[k - 1] !== 0x3e) continue;
    let start = at + STREAM.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] === 0x0a) start++;
    const end = buf.indexOf(ENDSTREAM, start);
    const stop = end < 0 ? buf.length : end;
    const dict = buf.toString('latin1', Math.max(0, at - 4096), at);
    const flate = /\/(FlateDecode|Fl)\b/.test(dict.slice(dict.lastIndexOf(' obj') + 1));
    if (flate || zlibHeader(buf, start)) {
      streams++;
      const budget = Math.min(limits.pdfStreamBytes, limits.pdfInflatedBytes - total);
      const n = await inflatedSize(buf.subarray(start, stop), budget);
      if (n > limits.pdfStreamBytes) throw new InputRejected(`${what}中有一个压缩数据流解压后超过 ${mb(limits.pdfStreamBytes)}，已拒绝（疑似压缩炸弹）`, 413);
      total += n;
      if (total > limits.pdfInflatedBytes) throw new InputRejected(`${what}解压后超过 ${mb(limits.pdfInflatedBytes)}，已拒绝（疑似压缩炸弹）`, 413);
      if (Date.now() - started > limits.readMs) throw new InputRejected(`${what}的压缩数据在 ${limits.readMs / 1000} 秒内未能检查完，已拒绝`, 413);
    }
    at = Math.max(at, stop);
  }
  return { streams, inflatedBytes: total };
}

/**
 * Bytes the zlib data inflates to, counting up to `cap` + 1 and stopping there (the output is
 * dropped chunk by chunk, so memory stays at one chunk). Truncated or damaged data counts what
 * inflated before the damage.
 */
function inflatedSize(data: Buffer, cap: number): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflate({ chunkSize: 256 * 1024, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a missing end */ });
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(n);
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > cap) {
        z.destroy();
        finish();
      }
    });
    z.on('error', finish);
    z.on('end', finish);
    z.on('close', finish);
    z.end(data);
  });
}

/** A clock for one document's reading: `check()` refuses once `readMs` has passed. */
export function readDeadline(what: string, limits: Limits = LIMITS): { check(): void } {
  const until = Date.now() + limits.readMs;
  return {
    check() {
      if (Date.now() > until) throw new InputRejected(`${what}在 ${limits.readMs / 1000} 秒内未能读完（文件过于复杂），已拒绝`, 413);
    },
  };
}
