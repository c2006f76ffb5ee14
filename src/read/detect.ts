/**
 * Which reader a file needs: by extension first, then by content (a JSON object, text).
 * Readers for .xlsx/.xls/.pdf/.html plug into `readers` in index.ts under their format name.
 */
import { extname } from 'node:path';
import { looksBinary } from './decode.ts';
import { stripBom } from '../core/bom.ts';

export type InputFormat = 'json' | 'txt' | 'xlsx' | 'pdf' | 'html';

const BY_EXTENSION: Record<string, InputFormat> = {
  '.json': 'json',
  '.txt': 'txt',
  '.text': 'txt',
  '.xlsx': 'xlsx',
  '.xls': 'xlsx',
  '.pdf': 'pdf',
  '.html': 'html',
  '.htm': 'html',
};

export function detectFormat(path: string, bytes: Uint8Array): InputFormat | null {
  const byExt = BY_EXTENSION[extname(path).toLowerCase()];
  if (byExt) return byExt;
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf'; // %PDF
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'; // PK (zip)
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'xlsx'; // OLE2 (.xls)
  if (looksBinary(bytes)) return null;
  const head = stripBom(Buffer.from(bytes.subarray(0, 512)).toString('utf8')).trimStart();
  if (head.startsWith('{')) return 'json';
  if (/^<(?:!doctype html|html)/i.test(head)) return 'html';
  return 'txt';
}
