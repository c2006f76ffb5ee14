/**
 * One unit of a batch build, run inside a worker: read and validate the budget, build its
 * disclosure, check it against the budget, and write the unit's output folder: disclosure.json
 * (the Disclosure plus a `findings` array) and, for other formats, disclosure.html/.xlsx/.pdf.
 * Invalid input throws, so the pool reports the file and the batch goes on.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateBudget } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';
import { checkDisclosure } from '../rules/index.ts';
import { outcome } from './outcome.ts';
import type { UnitOutcome } from './run-batch.ts';

export interface BuildTask {
  file: string;
  outDir: string;
  format: string;
  template: string;
  /** Return every finding (for a JSON Lines report). */
  withFindings?: boolean;
}

/** Renderers by --format, loaded on first use (a json-only batch never loads exceljs or pdfmake). */
const RENDERERS: Record<string, () => Promise<(d: Disclosure) => Promise<Uint8Array | string> | Uint8Array | string>> = {
  html: async () => (await import('../render/html.ts')).renderHtml,
  xlsx: async () => (await import('../render/xlsx.ts')).renderXlsx,
  pdf: async () => (await import('../render/pdf.ts')).renderPdf,
};

export async function handle(task: BuildTask): Promise<UnitOutcome> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(task.file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(e instanceof SyntaxError ? `not valid JSON (${e.message})` : `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const v = validateBudget(json);
  if (!v.budget) {
    const first = v.errors.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`the budget is not valid (${v.errors.length} error${v.errors.length === 1 ? '' : 's'}: ${first}${v.errors.length > 3 ? '; …' : ''})`);
  }
  const { disclosure } = buildDisclosure(v.budget, { template: loadTemplate(task.template) });
  const findings = checkDisclosure(disclosure, { budget: v.budget, template: task.template });
  await mkdir(task.outDir, { recursive: true });
  await writeFile(join(task.outDir, 'disclosure.json'), JSON.stringify({ ...disclosure, findings }));
  const formats = task.format.split(',').flatMap((f) => (f === 'all' ? Object.keys(RENDERERS) : f === 'json' ? [] : [f]));
  for (const f of new Set(formats)) {
    const load = RENDERERS[f];
    if (!load) throw new Error(`unknown format ${f}`);
    await writeFile(join(task.outDir, `disclosure.${f}`), await (await load())(disclosure));
  }
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`, findings, task.withFindings);
}
