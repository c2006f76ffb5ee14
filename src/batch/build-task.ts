/**
 * One unit of a batch build, run inside a worker: generate the budget's disclosure and findings
 * (pipeline/generate.ts) and write the unit's output folder: disclosure.json (the Disclosure plus a
 * `findings` array) and, for other formats, what `gongkai build` writes beside it (index.html,
 * disclosure.xlsx, disclosure.pdf, data/; render/write-formats.ts).
 * Invalid input throws, so the pool reports the file and the batch goes on.
 */
import { join } from 'node:path';
import { parseJsonText } from '../pipeline/budget-json.ts';
import { describeInputErrors, generate } from '../pipeline/generate.ts';
import { outcome, withoutFileName } from './outcome.ts';
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
  let json: unknown;
  try {
    json = parseJsonText(readUnitText(task.file), task.file);
  } catch (e) {
    throw new Error(withoutFileName((e as Error).message, task.file));
  }
  const { disclosure, findings, inputErrors } = generate(json, { template: task.template });
  if (!disclosure) throw new Error(withoutFileName(describeInputErrors(task.file, inputErrors, 3), task.file).replace(/\n\s*/g, ' '));
  writeUnitFile(join(task.outDir, 'disclosure.json'), JSON.stringify({ ...disclosure, findings }));
  if (task.format !== 'json') {
    // Loaded on first use: a json-only batch never loads the renderers (the xlsx writer, fontkit).
    const { parseFormats, writeFormats } = await import('../render/write-formats.ts');
    await writeFormats(disclosure, task.outDir, parseFormats(task.format), json);
  }
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`, findings, task.withFindings);
}
