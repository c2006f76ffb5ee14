/**
 * Format dispatch for `gongkai build`: writes index.html, disclosure.xlsx, disclosure.pdf and
 * data/ beside disclosure.json. One call, so the build command does not know the renderers; the
 * one place where rendered files meet the disk.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure } from '../core/disclosure.ts';

export const OUTPUT_FORMATS = ['html', 'xlsx', 'pdf', 'data'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const FORMAT_FILES: Record<OutputFormat, string> = { html: 'index.html', xlsx: 'disclosure.xlsx', pdf: 'disclosure.pdf', data: 'data' };

/** Parses "html,xlsx" / "all"; throws an Error naming the unknown format. */
export function parseFormats(list: string | undefined): OutputFormat[] {
  if (list === undefined || list.trim() === '' || list.trim() === 'all') return [...OUTPUT_FORMATS];
  const out: OutputFormat[] = [];
  for (const raw of list.split(',')) {
    const f = raw.trim();
    if (f === 'json') continue;
    if (f === 'all') return [...OUTPUT_FORMATS];
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) throw new Error(`--format ${f}: expected a list of ${OUTPUT_FORMATS.join(', ')} (or all)`);
    if (!out.includes(f as OutputFormat)) out.push(f as OutputFormat);
  }
  return out;
}

/** Writes the chosen formats into `dir`; returns the paths written. `budget` (the input JSON) goes into data/. */
export async function writeFormats(d: Disclosure, dir: string, formats: readonly OutputFormat[], budget?: unknown): Promise<string[]> {
  const files: string[] = [];
  for (const f of formats) {
    const path = join(dir, FORMAT_FILES[f]);
    if (f === 'html') writeFileSync(path, (await import('./html.ts')).renderHtml(d));
    else if (f === 'xlsx') writeFileSync(path, await (await import('./xlsx.ts')).renderXlsx(d));
    else if (f === 'pdf') writeFileSync(path, await (await import('./pdf.ts')).renderPdf(d));
    else await writeDataPackage(d, budget, path);
    files.push(path);
  }
  return files;
}

/** Writes the open-data package into `dir` (created if needed); returns the file names written. */
export async function writeDataPackage(d: Disclosure, budget: unknown | undefined, dir: string): Promise<string[]> {
  const files = (await import('./data-package.ts')).dataPackageFiles(d, budget);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.path), f.data);
  return files.map((f) => f.path);
}
