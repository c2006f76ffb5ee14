/**
 * The floor of a batch build: read each budget JSON, parse it, serialise it again and write it
 * where the build would write the unit's disclosure.json, with no work in between. The benchmark
 * runs it through the same pool and the same file access (unit-files.ts) as the build, so the ratio
 * between the two is the cost of the work.
 */
import { readUnitText, writeUnitFile } from './unit-files.ts';
import type { UnitOutcome } from './run-batch.ts';

export interface CopyTask {
  file: string;
  outFile: string;
}

export async function handle(task: CopyTask): Promise<UnitOutcome> {
  const data = JSON.parse(readUnitText(task.file)) as { unit?: { code?: string } };
  writeUnitFile(task.outFile, JSON.stringify(data));
  return { unit: data.unit?.code, errors: 0, warnings: 0 };
}
