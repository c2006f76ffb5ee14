/**
 * Streams the input files of a batch: each argument is a file or a folder searched recursively.
 * A folder is read one directory at a time and sorted, so the order is deterministic and memory
 * is bounded by the largest single directory, not by the number of files.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface InputFile {
  path: string;
  /** Path relative to the folder argument it was found under (the file name for a file argument). */
  rel: string;
}

export async function* listInputs(args: string[], accept: (name: string) => boolean): AsyncGenerator<InputFile> {
  for (const arg of args) {
    const st = await stat(arg).catch(() => undefined);
    if (!st) throw new Error(`${arg}: no such file or folder`);
    if (st.isDirectory()) yield* walk(arg, arg, accept);
    else yield { path: arg, rel: arg.split(/[\\/]/).pop()! };
  }
}

async function* walk(root: string, dir: string, accept: (name: string) => boolean): AsyncGenerator<InputFile> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(root, p, accept);
    else if (e.isFile() && accept(e.name)) yield { path: p, rel: relative(root, p) };
  }
}

/** Counts what listInputs would yield (for a progress bar's total), without holding the list. */
export async function countInputs(args: string[], accept: (name: string) => boolean): Promise<number> {
  let n = 0;
  for await (const _ of listInputs(args, accept)) n++;
  return n;
}
