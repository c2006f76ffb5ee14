/**
 * File access of one batch unit inside a worker thread. Workers do nothing but the unit in hand, so
 * synchronous calls are used: one system call each, instead of the open/stat/read/close round
 * trips through libuv's thread pool that the promise API makes (a third of the floor's CPU time).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A unit's JSON text (a byte-order mark removed); a read failure is worded for the batch log. */
export function readUnitText(file: string): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`无法读取文件（${code === 'ENOENT' ? '文件不存在' : (code ?? (e as Error).message)}）`);
  }
}

/** Writes a unit's output file, creating its folder. */
export function writeUnitFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
