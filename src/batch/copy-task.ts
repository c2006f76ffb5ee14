/**
 * The floor of a batch build: read each budget JSON, parse it, serialise it again and write it
 * where the build would write the unit's disclosure.json, with no work in between. The benchmark
 * runs it through the same pool as the build, so the ratio between the two is the cost of the work.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { UnitOutcome } from './run-batch.ts';

export interface CopyTask {
  file: string;
  outFile: string;
}

export async function handle(task: CopyTask): Promise<UnitOutcome> {
  const data = JSON.parse(await readFile(task.file, 'utf8')) as { unit?: { code?: string } };
  await mkdir(dirname(task.outFile), { recursive: true });
  await writeFile(task.outFile, JSON.stringify(data));
  return { unit: data.unit?.code, errors: 0, warnings: 0 };
}
