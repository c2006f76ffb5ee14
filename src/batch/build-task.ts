/**
 * One unit of a batch build, run inside a worker: read and validate the budget, build its
 * disclosure, check it against the budget, and write the unit's output folder. With format
 * "json" the folder holds only disclosure.json (the Disclosure plus a `findings` array); other
 * formats go through the single-file build (build-to-dir.ts) and add findings.json.
 * Invalid input throws, so the pool reports the file and the batch goes on.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateBudget } from '../core/budget-validate.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';
import { buildToDir } from '../project/build-to-dir.ts';
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

export async function handle(task: BuildTask): Promise<UnitOutcome> {
  if (task.format !== 'json') {
    const r = buildToDir(task.file, task.outDir, { template: task.template, format: task.format } as Parameters<typeof buildToDir>[2]);
    const findings = checkDisclosure(r.disclosure, { template: task.template });
    await writeFile(join(task.outDir, 'findings.json'), JSON.stringify(findings, null, 1));
    return outcome(`${r.disclosure.unit.code} ${r.disclosure.unit.name}`, findings, task.withFindings);
  }
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
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`, findings, task.withFindings);
}
