/**
 * One input of a batch check, run inside a worker: read the disclosure (any format the readers
 * know), run the rule catalogue, return the counts. An unreadable file throws, so the pool reports
 * it with its file name and the batch goes on.
 */
import { readDisclosureFile, UnreadableInputError } from '../read/index.ts';
import { checkDisclosure } from '../rules/index.ts';
import { outcome } from './outcome.ts';
import type { UnitOutcome } from './run-batch.ts';

export interface CheckTask {
  file: string;
  template?: string;
  withFindings?: boolean;
}

export async function handle(task: CheckTask): Promise<UnitOutcome> {
  let read;
  try {
    read = await readDisclosureFile(task.file);
  } catch (e) {
    // The reader's message already starts with the file name; the batch prints it once.
    if (e instanceof UnreadableInputError) throw new Error(e.message.startsWith(`${task.file}: `) ? e.message.slice(task.file.length + 2) : e.message);
    throw e;
  }
  const { disclosure } = read;
  const findings = checkDisclosure(disclosure, { template: task.template });
  return outcome(`${disclosure.unit.code} ${disclosure.unit.name}`.trim(), findings, task.withFindings);
}
