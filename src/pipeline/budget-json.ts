/**
 * Budget JSON as it arrives from a file or an upload: the byte-order mark some editors write is
 * dropped, and text that is not JSON becomes a Chinese message saying where (line and column).
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../core/user-error.ts';

/** Drops a leading UTF-8 byte-order mark (Notepad and WPS write one). */
export function stripBom(text: string): string {
  return text.replace(/^\uFEFF/, '');
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `第${line}行第${column}列`;
}

/** Parses JSON text; a syntax error throws UserError naming the source, line and column. */
export function parseJsonText(text: string, source: string): unknown {
  const body = stripBom(text);
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineColumn(body, Number(at[1])) : '';
    throw new UserError(`${source}：不是有效的 JSON${where ? `（${where}）` : ''}`);
  }
}

/** Reads and parses a JSON file; an unreadable file or bad JSON throws UserError. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}：无法读取文件（${code === 'ENOENT' ? '文件不存在' : code ?? (e as Error).message}）`);
  }
  return parseJsonText(text, path);
}
