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
  /** Every file of a disclosure published as several (情况说明 + 公开表), `path` first. */
  parts?: string[];
}

/** Which part of a disclosure a file name says it is, and the name without that word. */
function partOf(name: string): { part?: 'narrative' | 'tables'; stem: string } {
  const base = name.replace(/\.[^.]+$/, '');
  const part = /情况说明|编制说明|公开文件|narrative|附件\s*1/i.test(base) ? 'narrative' : /公开表|报表|tables|附件\s*2/i.test(base) ? 'tables' : undefined;
  const stem = base
    .replace(/附件\s*\d+\s*[:：_-]?/g, '')
    .replace(/情况说明|编制说明|公开文件|公开表格?|报表|narrative|tables/gi, '')
    .replace(/[-_\s]+$/, '');
  return { part, stem };
}

/**
 * Files of one disclosure published as several — a 情况说明 and a 公开表 side by side in a folder,
 * named alike ("附件1：X情况说明.pdf", "附件2：X报表.pdf"; "NN_…-narrative.pdf", "NN_…-tables.pdf") —
 * come out as one input with its parts; every other file as itself.
 */
export async function* groupParts(files: AsyncIterable<InputFile>): AsyncGenerator<InputFile> {
  let held: InputFile | undefined;
  for await (const f of files) {
    if (held) {
      const a = partOf(held.rel.split(/[\\/]/).pop()!);
      const b = partOf(f.rel.split(/[\\/]/).pop()!);
      const sameFolder = held.path.slice(0, held.path.length - held.rel.split(/[\\/]/).pop()!.length) === f.path.slice(0, f.path.length - f.rel.split(/[\\/]/).pop()!.length);
      if (sameFolder && a.part && b.part && a.part !== b.part && a.stem.length >= 4 && a.stem === b.stem) {
        yield { ...held, parts: [held.path, f.path] };
        held = undefined;
        continue;
      }
      yield held;
    }
    held = f;
  }
  if (held) yield held;
}

export async function* listInputs(args: string[], accept: (name: string) => boolean): AsyncGenerator<InputFile> {
  for (const arg of args) {
    const st = await stat(arg).catch(() => undefined);
    if (!st) throw new Error(`${arg}：文件或文件夹不存在`);
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
export async function countInputs(args: string[], accept: (name: string) => boolean, grouped = false): Promise<number> {
  let n = 0;
  for await (const _ of grouped ? groupParts(listInputs(args, accept)) : listInputs(args, accept)) n++;
  return n;
}
