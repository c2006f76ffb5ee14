// Benchmark worker task: read one published text disclosure into a Disclosure (nothing written).
import { readDisclosureFile } from '../../src/read/index.ts';

export async function handle(task: { file: string }): Promise<{ tables: number }> {
  const { disclosure } = await readDisclosureFile(task.file);
  return { tables: disclosure.tables.length };
}
