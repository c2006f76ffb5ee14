/**
 * readDisclosureFile: any published or generated disclosure file → { disclosure, problems }.
 * One reader per format in `readers`; a format without a reader is reported, not guessed.
 */
import { readFile } from 'node:fs/promises';
import type { Disclosure } from '../core/disclosure.ts';
import { decodeText, looksBinary } from './decode.ts';
import { detectFormat, type InputFormat } from './detect.ts';
import { parseDisclosureJson } from './disclosure-json.ts';
import { UnreadableInputError } from './errors.ts';
import { checkFileSize, checkJsonDepth, checkPdfBytes, checkPdfStreams, checkTextShape, checkXlsxArchive, isCompoundDocument, isZip } from './guards.ts';
import { NotADisclosureError, readTextDisclosure } from './text/read-text.ts';

export { UnreadableInputError } from './errors.ts';

export interface ReadProblem {
  message: string;
  source?: { file?: string; page?: number; line?: number; sheet?: string };
}

export interface ReadOutcome {
  disclosure: Disclosure;
  problems: ReadProblem[];
}

export type Reader = (bytes: Uint8Array, file: string) => ReadOutcome | Promise<ReadOutcome>;

/** Readers by format. Add xlsx / pdf / html readers here. */
export const readers: Partial<Record<InputFormat, Reader>> = {
  json: (bytes, file) => {
    const text = decodeText(bytes, file);
    checkJsonDepth(text, `${file} `);
    return { disclosure: parseDisclosureJson(text, file), problems: [] };
  },
  txt: (bytes, file) => readTextBytes(bytes, file),
  // Loaded on first use: SheetJS and pdfjs are large.
  // Zip bombs, size lies, damaged entries and DOCTYPE/ENTITY are refused before SheetJS sees the
  // file (.xls is an OLE2 compound document, not a zip). Anything else is refused too: SheetJS
  // guesses among many formats for other bytes, and on a damaged workbook it can loop without end.
  xlsx: async (bytes, file) => {
    if (isZip(bytes)) await checkXlsxArchive(bytes, `${file} `);
    else if (!isCompoundDocument(bytes)) throw new UnreadableInputError('不是 Excel 工作簿（既不是 .xlsx 压缩包，也不是 .xls 文件），文件可能已损坏', file);
    return (await import('./xlsx/read-xlsx.ts')).readXlsx(bytes, file);
  },
  // Gongkai's own PDFs through pdf.js (they carry their template in the metadata); published
  // PDFs through their layout text (pdf/published-pdf.ts says why).
  pdf: async (bytes, file) => {
    checkPdfBytes(bytes, `${file} `);
    // Every Flate stream inflated with a cap first: poppler and pdf.js inflate without one.
    await checkPdfStreams(bytes, `${file} `);
    const published = await import('./pdf/published-pdf.ts');
    if (!published.isOwnPdf(bytes)) return published.readPublishedPdf(bytes, file);
    return (await import('./pdf/read-pdf.ts')).readPdf(bytes, file);
  },
  html: async (bytes, file) => (await import('./html/read-html.ts')).readHtml(bytes, file),
};

export function readTextBytes(bytes: Uint8Array, file: string): ReadOutcome {
  if (!bytes.length) throw new UnreadableInputError('文件是空的', file);
  checkFileSize(bytes.length, `${file} `);
  const text = decodeText(bytes, file);
  checkTextShape(text, `${file} `);
  if (!text.trim()) throw new UnreadableInputError('文件是空的（只有空白）', file);
  if (looksBinary(Buffer.from(text.slice(0, 4096)))) throw new UnreadableInputError('不是文本文件（二进制内容）', file);
  try {
    return readTextDisclosure(text, { file });
  } catch (e) {
    if (e instanceof NotADisclosureError) throw new UnreadableInputError(e.message, file);
    throw e;
  }
}

export async function readDisclosureFile(path: string): Promise<ReadOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnreadableInputError(code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是文件夹，不是文件' : `无法读取文件（${code ?? (e as Error).message}）`, path);
  }
  if (!bytes.length) throw new UnreadableInputError('文件是空的', path);
  checkFileSize(bytes.length, `${path} `);
  const format = detectFormat(path, bytes);
  if (!format) throw new UnreadableInputError('不是公开文件（二进制内容；可读取 .txt、.json、.xlsx、.pdf 或 .html）', path);
  const reader = readers[format];
  if (!reader) throw new UnreadableInputError(`暂不能读取 ${format} 文件`, path);
  return reader(bytes, path);
}

/**
 * One disclosure published as several files (情况说明 PDF + 公开表 PDF; a page and its attachments)
 * → one Disclosure: tables, narrative, glossary and contents in file order; year, unit and layout
 * family from the first file that states them. A single file reads as itself.
 */
export async function readDisclosureFiles(paths: string[]): Promise<ReadOutcome> {
  if (paths.length === 1) return readDisclosureFile(paths[0]!);
  const outcomes: ReadOutcome[] = [];
  const unreadable: ReadProblem[] = [];
  // One unreadable file of several (a 情况说明 scanned as images) does not hide the others: it is
  // reported, and the disclosure is read from what can be read.
  for (const p of paths) {
    try {
      outcomes.push(await readDisclosureFile(p));
    } catch (e) {
      if (!(e instanceof UnreadableInputError)) throw e;
      unreadable.push({ message: `未能读取，已跳过：${e.message}`, source: { file: p } });
    }
  }
  if (!outcomes.length) throw new UnreadableInputError(unreadable.map((u) => u.message).join('；'));
  const merged = outcomes.length === 1 ? outcomes[0]! : mergeOutcomes(outcomes);
  return { disclosure: merged.disclosure, problems: [...unreadable, ...merged.problems] };
}

export function mergeOutcomes(outcomes: ReadOutcome[]): ReadOutcome {
  const ds = outcomes.map((o) => o.disclosure);
  // The file with the most tables decides the layout; the narrative file keeps its sections.
  const main = [...ds].sort((a, b) => b.tables.length - a.tables.length)[0]!;
  const first = <T>(pick: (d: Disclosure) => T | undefined, ok: (v: T) => boolean = (v) => !!v): T | undefined => {
    for (const d of [main, ...ds]) {
      const v = pick(d);
      if (v !== undefined && ok(v)) return v;
    }
    return undefined;
  };
  const tables = ds.flatMap((d) => d.tables);
  const disclosure: Disclosure = {
    ...main,
    unit: first((d) => (d.unit.name ? d.unit : undefined)) ?? main.unit,
    year: first((d) => d.year) ?? 0,
    kind: first((d) => d.kind),
    toc: ds.flatMap((d) => d.toc),
    profile: ds.flatMap((d) => d.profile ?? []),
    tables,
    narrative: ds.flatMap((d) => d.narrative),
    glossary: ds.flatMap((d) => d.glossary),
    unplaced: ds.flatMap((d) => d.unplaced ?? []),
  };
  const scope = first((d) => d.scope);
  if (scope) disclosure.scope = scope;
  return { disclosure, problems: outcomes.flatMap((o) => o.problems) };
}
