/**
 * A PDF as governments publish it (exported from WPS, Excel, Word, Acrobat, iText, OFD converters)
 * → its words with their boxes (poppler's `pdftotext -tsv`) → printed lines whose cells keep their
 * positions (word-layout.ts) → the text reader, the same one `.txt` input goes through.
 *
 * Why poppler rather than pdf.js here: on the 47 real PDFs of the corpus pdftotext takes 0.05–0.7 s
 * per document and ~20 MiB, pdf.js 1–3 s and 300+ MiB (loading it alone is 1 s). Gongkai's own
 * PDFs keep the pdf.js reader (read-pdf.ts), which also reads the metadata they carry.
 *
 * Every poppler child is bounded (runPoppler): a time limit, a cap on its output and on its
 * address space, killed when it passes one. Decompression bombs are refused before poppler sees the
 * file (guards.ts checkPdfStreams); these bounds catch what that scan cannot see.
 */
import { spawn } from 'node:child_process';
import { UnreadableInputError } from '../errors.ts';
import { InputRejected, LIMITS } from '../guards.ts';
import type { ReadOutcome } from '../index.ts';
import { NotADisclosureError, readPrintedLines } from '../text/read-text.ts';
import { wordLines } from './word-layout.ts';

/** Address space of one poppler child (pdftotext of the corpus's largest document: ~120 MB). */
const MAX_MEMORY_KB = 1024 * 1024;

/** Whether Gongkai wrote this PDF (its Producer is "gongkai", UTF-16BE hex in the info dictionary). */
export function isOwnPdf(bytes: Uint8Array): boolean {
  // Searched in the bytes themselves: no string copy of the whole file.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('/Producer <FEFF0067006f006e0067006b00610069>', 0, 'latin1');
}

interface PopplerRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A poppler tool over the PDF on stdin, in a child process that never blocks the event loop:
 * killed (SIGKILL) after `readMs` or when its output passes `pdfTextBytes` (both refused with a
 * Chinese message), its memory capped by `ulimit -v`.
 */
export function runPoppler(tool: 'pdftotext' | 'pdfinfo', args: string[], bytes: Uint8Array, file: string): Promise<PopplerRun> {
  return new Promise((resolve, reject) => {
    // `sh -c 'ulimit -v …; exec timeout … tool "$@"'`: the limits apply to poppler alone, no argument
    // is parsed by the shell, and coreutils' timeout ends poppler even if this process (or the
    // worker thread running it) is gone before its own timer fires.
    const seconds = Math.ceil(LIMITS.readMs / 1000) + 5;
    const child = spawn('sh', ['-c', `ulimit -v ${MAX_MEMORY_KB} 2>/dev/null; exec nice -n 10 timeout -s KILL ${seconds} "$0" "$@"`, tool, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    let refused: Error | undefined;
    const stop = (e: Error) => {
      refused ??= e;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new InputRejected(`${file}: PDF 在 ${LIMITS.readMs / 1000} 秒内未能读完（文件过于复杂或已损坏），已拒绝`, 413)), LIMITS.readMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > LIMITS.pdfTextBytes) stop(new InputRejected(`${file}: PDF 的文字超过 ${LIMITS.pdfTextBytes / 1048576} MB，不像一份预算公开文件，已拒绝`, 413));
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 4096) err += c.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      if (refused) return reject(refused);
      // 127: the shell found no such program.
      if (status === 127) return reject(new UnreadableInputError('读取 PDF 需要 poppler-utils（pdftotext），本机未安装：请先运行 bash scripts/setup-system.sh', file));
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: err });
    });
    // The child may end (or be killed) before reading all of its input.
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}

/** pdftotext's output for the PDF: `-tsv` words with their boxes, or `-layout` text. */
export async function pdftotext(bytes: Uint8Array, file: string, mode: '-tsv' | '-layout'): Promise<string> {
  const run = await runPoppler('pdftotext', [mode, '-enc', 'UTF-8', '-q', '-', '-'], bytes, file);
  if (run.status !== 0) {
    // pdftotext -q prints nothing; a second, verbose run says why (encrypted or damaged).
    const why = (await runPoppler('pdftotext', ['-', '/dev/null'], bytes, file).catch(() => undefined))?.stderr ?? '';
    if (/password|encrypt/i.test(why)) throw new UnreadableInputError('PDF 已加密（需要密码），无法读取', file);
    throw new UnreadableInputError('PDF 已损坏，无法读取', file);
  }
  return run.stdout;
}

/** Pages the PDF has (pdfinfo, ~10 ms), or 0 when it cannot tell. */
async function pageCount(bytes: Uint8Array, file: string): Promise<number> {
  const run = await runPoppler('pdfinfo', ['-'], bytes, file).catch(() => undefined);
  return Number(/^Pages:\s+(\d+)/m.exec(run?.stdout ?? '')?.[1] ?? 0);
}

/** pdftotext -tsv over a page range. */
async function wordsOfPages(bytes: Uint8Array, file: string, first: number, last: number): Promise<string> {
  const run = await runPoppler('pdftotext', ['-tsv', '-enc', 'UTF-8', '-q', '-f', String(first), '-l', String(last), '-', '-'], bytes, file);
  if (run.status !== 0) throw new Error(`pdftotext exit ${run.status}`);
  return run.stdout;
}

/**
 * The PDF's words. A long document is read in two halves at once (one child process each, so both
 * cores work): the 171 pages of a final account take half the wall time. On any trouble but a
 * refusal it falls back to one whole run, which also words the error.
 */
async function pdfWords(bytes: Uint8Array, file: string): Promise<string> {
  const pages = await pageCount(bytes, file);
  if (pages >= SPLIT_PAGES) {
    const mid = Math.ceil(pages / 2);
    try {
      const [a, b] = await Promise.all([wordsOfPages(bytes, file, 1, mid), wordsOfPages(bytes, file, mid + 1, pages)]);
      return a + b;
    } catch (e) {
      if (e instanceof InputRejected || e instanceof UnreadableInputError) throw e;
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
