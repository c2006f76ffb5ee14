/**
 * One unit of a batch build, run inside a worker: read and validate the budget, build its
 * disclosure, check it against the budget, and write the unit's output folder: disclosure.json
 * (the Disclosure plus a `findings` array) and, for other formats, what `gongkai build` writes
 * beside it (index.html, disclosure.xlsx, disclosure.pdf, data/; render/write-formats.ts).
 * Invalid input throws, so the pool reports the file and the batch goes on.
 */
import { join } from 'node:path';
import { validateBudget } from '../core/budget-validate.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';
import { checkDisclosure } from '../rules/index.ts';
import { outcome } from './outcome.ts';
import { readUnitText, writeUnitFile } from './unit-files.ts';
import type { UnitOutcome } from './run-batch.ts';

export interface BuildTask {
  file: string;
  outDir: string;
  format: string;
  template: string;
  /** Return every finding (for a JSON Lines report). */
  withFindings?: boolean;
}

export async function handle(task: BuildTask): Promise<UnitOutcome> {
  const text = readUnitText(task.file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not valid JSON (${(e as Error).message})`);
  }
  const v = validateBudget(json);
  if (!v.budget) {
    const first = v.errors.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
    throw new Error(`the budget is not valid (${v.errors.length} error${v.errors.length === 1 ? '' : 's'}: ${first}${v.errors.length > 3 ? '; …' : ''})`);
  }
  const { disclosure } = buildDisclosure(v.budget, { template: loadTemplate(task.template) });
  const findings = checkDisclosure(disclosure, { budget: v.budget, template: task.template });
  writeUnitFile(join(task.outDir, 'disclosure.json'), JSON.stringify({ ...disclosure, findings }));
  if (task.format !== 'json') {
    // Loaded on first use: a json-only batch never loads the renderers (the xlsx writer, fontkit).
    const { parseFormats, writeFormats } = await import('../render/write-formats.ts');
    await writeFormats(disclosure, task.outDir, parseFormats(task.format), json);
  }
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`, findings, task.withFindings);
}
