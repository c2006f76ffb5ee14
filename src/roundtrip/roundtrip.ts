/**
 * The round trip: Disclosure → every format → read back → compare cell by cell with the original.
 * Files are written to a directory (kept for inspection) and read back through the same readers
 * `gongkai read` uses.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure } from '../core/disclosure.ts';
import { FORMAT_FILES, writeFormats, type OutputFormat } from '../render/write-formats.ts';
import { compareDisclosures, type Difference } from './compare.ts';
import { readDataPackage } from './read-data-package.ts';

export interface FormatResult {
  format: OutputFormat;
  file: string;
  differences: Difference[];
  /** Reader problems (not differences, but worth printing). */
  problems: string[];
  ms: number;
}

export async function readBack(format: OutputFormat, path: string): Promise<{ disclosure: Disclosure; problems: string[] }> {
  if (format === 'data') return { disclosure: readDataPackage(path), problems: [] };
  const bytes = readFileSync(path);
  if (format === 'xlsx') {
    const r = (await import('../read/xlsx/read-xlsx.ts')).readXlsx(bytes, path);
    return { disclosure: r.disclosure, problems: r.problems.map((p) => p.message) };
  }
  if (format === 'pdf') {
    const r = await (await import('../read/pdf/read-pdf.ts')).readPdf(bytes, path);
    return { disclosure: r.disclosure, problems: r.problems.map((p) => p.message) };
  }
  const r = (await import('../read/html/read-html.ts')).readHtml(bytes, path);
  return { disclosure: r.disclosure, problems: r.problems.map((p) => p.message) };
}

export async function roundTrip(d: Disclosure, dir: string, formats: readonly OutputFormat[], budget?: unknown): Promise<FormatResult[]> {
  mkdirSync(dir, { recursive: true });
  const out: FormatResult[] = [];
  for (const format of formats) {
    const t0 = performance.now();
    const [file] = await writeFormats(d, dir, [format], budget);
    const back = await readBack(format, file ?? join(dir, FORMAT_FILES[format]));
    out.push({ format, file: file!, differences: compareDisclosures(d, back.disclosure), problems: back.problems, ms: Math.round(performance.now() - t0) });
  }
  return out;
}
