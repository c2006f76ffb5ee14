/**
 * A PDF as governments publish it (exported from WPS, Excel, Word, Acrobat, iText, OFD converters)
 * → its words with their boxes (poppler's `pdftotext -tsv`) → printed lines whose cells keep their
 * positions (word-layout.ts) → the text reader, the same one `.txt` input goes through.
 *
 * Why poppler rather than pdf.js here: on the 47 real PDFs of the corpus pdftotext takes 0.05–0.7 s
 * per document and ~20 MiB, pdf.js 1–3 s and 300+ MiB (loading it alone is 1 s). Gongkai's own
 * PDFs keep the pdf.js reader (read-pdf.ts), which also reads the metadata they carry.
 *
 * The child process is bounded: 30 s, 64 MiB of text; a decompression bomb ends there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { UnreadableInputError } from '../errors.ts';
import type { ReadOutcome } from '../index.ts';
import { NotADisclosureError, readPrintedLines } from '../text/read-text.ts';
import { wordLines } from './word-layout.ts';

const TIMEOUT_MS = 30_000;
const MAX_TEXT = 64 * 1024 * 1024;

/** Whether Gongkai wrote this PDF (its Producer is "gongkai", UTF-16BE hex in the info dictionary). */
export function isOwnPdf(bytes: Uint8Array): boolean {
  // Searched in the bytes themselves: no string copy of the whole file.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('/Producer <FEFF0067006f006e0067006b00610069>', 0, 'latin1');
}

/** pdftotext's output for the PDF: `-tsv` words with their boxes, or `-layout` text. */
export function pdftotext(bytes: Uint8Array, file: string, mode: '-tsv' | '-layout'): string {
  const run = spawnSync('pdftotext', [mode, '-enc', 'UTF-8', '-q', '-', '-'], {
    input: bytes,
    timeout: TIMEOUT_MS,
    maxBuffer: MAX_TEXT,
    encoding: 'utf8',
  });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UnreadableInputError('读取 PDF 需要 poppler-utils（pdftotext），本机未安装：请先运行 bash scripts/setup-system.sh', file);
    if (code === 'ETIMEDOUT') throw new UnreadableInputError(`PDF 在 ${TIMEOUT_MS / 1000} 秒内未能读完（文件过于复杂或已损坏）`, file);
    if (code === 'ENOBUFS') throw new UnreadableInputError('PDF 的文字超过 64 MiB，不像一份预算公开文件', file);
    throw new UnreadableInputError(`无法读取 PDF（${run.error.message}）`, file);
  }
  if (run.status !== 0) {
    // pdftotext -q prints nothing; a second, verbose run says why (encrypted or damaged).
    const why = spawnSync('pdftotext', ['-', '/dev/null'], { input: bytes, timeout: TIMEOUT_MS, encoding: 'utf8' }).stderr ?? '';
    if (/password|encrypt/i.test(why)) throw new UnreadableInputError('PDF 已加密（需要密码），无法读取', file);
    throw new UnreadableInputError('PDF 已损坏，无法读取', file);
  }
  return run.stdout;
}

/** Pages the PDF has (pdfinfo, ~10 ms), or 0 when it cannot tell. */
function pageCount(bytes: Uint8Array): number {
  const run = spawnSync('pdfinfo', ['-'], { input: bytes, timeout: TIMEOUT_MS, encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(run.stdout ?? '')?.[1] ?? 0);
}

/** pdftotext -tsv over a page range, in a child process that does not block the event loop. */
function wordsOfPages(bytes: Uint8Array, first: number, last: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pdftotext', ['-tsv', '-enc', 'UTF-8', '-q', '-f', String(first), '-l', String(last), '-', '-']);
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_TEXT) child.kill('SIGKILL');
      else chunks.push(c);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (status === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else reject(new Error(`pdftotext exit ${status}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}

/**
 * The PDF's words. A long document is read in two halves at once (one child process each, so both
 * cores work): the 171 pages of a final account take half the wall time. On any trouble it falls
 * back to one whole run, which also words the error.
 */
async function pdfWords(bytes: Uint8Array, file: string): Promise<string> {
  const pages = pageCount(bytes);
  if (pages >= SPLIT_PAGES) {
    const mid = Math.ceil(pages / 2);
    try {
      const [a, b] = await Promise.all([wordsOfPages(bytes, 1, mid), wordsOfPages(bytes, mid + 1, pages)]);
      return a + b;
    } catch {
      // Read whole below, and say what is wrong if that fails too.
    }
  }
  return pdftotext(bytes, file, '-tsv');
}

/** Pages from which a document is read in two halves. */
const SPLIT_PAGES = 24;

export async function readPublishedPdf(bytes: Uint8Array, file: string): Promise<ReadOutcome> {
  const words = await pdfWords(bytes, file);
  const lines = wordLines(words);
  if (!lines.some((l) => /[\u4e00-\u9fff0-9A-Za-z]/.test(l.text))) throw new UnreadableInputError('该PDF没有文字层（可能为扫描件），无法读取', file);
  try {
    const read = readPrintedLines(lines, { file });
    read.disclosure.source = { file, format: 'pdf' };
    return read;
  } catch (e) {
    if (e instanceof NotADisclosureError) throw new UnreadableInputError('PDF 中未找到预算公开的表格、目录或情况说明（不像一份预算公开文件）', file);
    throw e;
  }
}
