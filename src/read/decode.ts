/**
 * Bytes of a text file → string: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise UTF-8 when the bytes
 * are valid UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese Windows tools save).
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { UnreadableInputError } from './errors.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  // Validated without decoding (the text is decoded once, below).
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'gb18030', bom: 0 };
}

/** Control bytes other than tab, newline, carriage return and form feed mark a binary file. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) bad++;
  }
  return bad > n / 100;
}

export function decodeText(bytes: Uint8Array, file?: string): string {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(body);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return new TextDecoder(encoding).decode(body);
  if (looksBinary(body)) throw new UnreadableInputError('不是文本文件（二进制内容）', file);
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030');
  // Too many replacement characters: neither UTF-8 nor GB18030 text.
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > text.length / 50) throw new UnreadableInputError('文字编码无法识别（不是 UTF-8、UTF-16 或 GBK/GB18030）', file);
  return text;
}
