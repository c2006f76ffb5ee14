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
import { checkFileSize, checkJsonDepth, checkPdfBytes, checkTextShape, checkXlsxArchive, isZip } from './guards.ts';
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
  // Zip bombs, size lies and DOCTYPE/ENTITY are refused before SheetJS sees the file (.xls is not a zip).
  xlsx: async (bytes, file) => {
    if (isZip(bytes)) await checkXlsxArchive(bytes, `${file} `);
    return (await import('./xlsx/read-xlsx.ts')).readXlsx(bytes, file);
  },
  pdf: async (bytes, file) => {
    checkPdfBytes(bytes, `${file} `);
    return (await import('./pdf/read-pdf.ts')).readPdf(bytes, file);
  },
  html: async (bytes, file) => (await import('./html/read-html.ts')).readHtml(bytes, file),
};

export function readTextBytes(bytes: Uint8Array, file: string): ReadOutcome {
  if (!bytes.length) throw new UnreadableInputError('empty file', file);
  checkFileSize(bytes.length, `${file} `);
  const text = decodeText(bytes, file);
  checkTextShape(text, `${file} `);
  if (!text.trim()) throw new UnreadableInputError('empty file (only blanks)', file);
  if (looksBinary(Buffer.from(text.slice(0, 4096)))) throw new UnreadableInputError('binary file, not text', file);
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
    throw new UnreadableInputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? (e as Error).message})`, path);
  }
  if (!bytes.length) throw new UnreadableInputError('empty file', path);
  checkFileSize(bytes.length, `${path} `);
  const format = detectFormat(path, bytes);
  if (!format) throw new UnreadableInputError('binary file, not a disclosure (expected .txt, .json, .xlsx, .pdf or .html)', path);
  const reader = readers[format];
  if (!reader) throw new UnreadableInputError(`no reader for ${format} files yet`, path);
  return reader(bytes, path);
}
