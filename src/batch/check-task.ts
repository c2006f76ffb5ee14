/**
 * One input of a batch check, run inside a worker: load it as `gongkai check` does (a budget.json
 * is built and checked with its budget; any disclosure file is read), run the rule catalogue,
 * return the counts. An unreadable input throws, so the pool reports it with its file name and the
 * batch goes on.
 */
import { checkFiles } from '../pipeline/load-for-check.ts';
import { outcome, withoutFileName } from './outcome.ts';
import type { UnitOutcome } from './run-batch.ts';

export interface CheckTask {
  file: string;
  /** All files of a disclosure published as several (情况说明 + 公开表), read as one. */
  parts?: string[];
  template?: string;
  withFindings?: boolean;
}

export async function handle(task: CheckTask): Promise<UnitOutcome> {
  let checked;
  try {
    checked = await checkFiles(task.parts ?? task.file, task.template);
  } catch (e) {
    // Messages start with the file name; the batch prints it once.
    throw new Error(withoutFileName(e instanceof Error ? e.message : String(e), task.file));
  }
  const { disclosure, findings } = checked;
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`.trim(), findings, task.withFindings);
}
