/**
 * Uploaded files: size cap, type by extension checked against the content, and a temp file for
 * readers that take a path. Answers 413 / 415 / 400 with Chinese messages.
 */
import { parseJsonText, stripBom } from '../pipeline/budget-json.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJsonDepth } from '../read/guards.ts';

export type UploadKind = 'json' | 'xlsx' | 'pdf' | 'html' | 'txt';

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export interface Upload {
  name: string;
  kind: UploadKind;
  bytes: Buffer;
}

const EXT: Record<string, UploadKind> = { '.json': 'json', '.xlsx': 'xlsx', '.pdf': 'pdf', '.html': 'html', '.htm': 'html', '.txt': 'txt' };

export async function takeUpload(value: unknown, allowed: UploadKind[], maxBytes: number): Promise<Upload> {
  if (!value || typeof value === 'string' || typeof (value as File).arrayBuffer !== 'function') throw new UploadError(400, '请选择要上传的文件');
  const f = value as File;
  const name = (f.name || 'upload').slice(-200);
  const ext = /\.[a-z]+$/i.exec(name)?.[0]?.toLowerCase() ?? '';
  const kind = EXT[ext];
  const allowedText = allowed.map((k) => (k === 'html' ? '.html' : `.${k}`)).join(' / ');
  if (!kind || !allowed.includes(kind)) throw new UploadError(415, `不支持的文件类型“${ext || '无扩展名'}”；请上传 ${allowedText} 文件`);
  if (f.size > maxBytes) throw new UploadError(413, `文件过大（${(f.size / 1048576).toFixed(1)} MB），上限为 ${Math.floor(maxBytes / 1048576)} MB`);
  const bytes = Buffer.from(await f.arrayBuffer());
  if (bytes.length === 0) throw new UploadError(400, '上传的文件是空的');
  const magic = bytes.subarray(0, 5).toString('latin1');
  if (kind === 'xlsx' && !magic.startsWith('PK\u0003\u0004')) throw new UploadError(415, `“${name}”不是有效的 .xlsx 文件（内容不是 Excel 工作簿）`);
  if (kind === 'pdf' && magic !== '%PDF-') throw new UploadError(415, `“${name}”不是有效的 PDF 文件`);
  if ((kind === 'json' || kind === 'txt' || kind === 'html') && bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe))
    throw new UploadError(415, `“${name}”不是文本文件`);
  return { name, kind, bytes };
}

/** Runs `fn` with the upload written to a private temp file, removed afterwards. */
export async function withTempFile<T>(u: Upload, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-upload-'));
  const path = join(dir, `upload.${u.kind}`);
  try {
    writeFileSync(path, u.bytes, { mode: 0o600 });
    return await fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Budget JSON from an upload: parsed, or a 400 with the position of the syntax error. */
export function parseJsonUpload(u: Upload): unknown {
  const text = stripBom(u.bytes.toString('utf8'));
  checkJsonDepth(text, `“${u.name}”`);
  try {
    return parseJsonText(text, `“${u.name}”`);
  } catch (e) {
    throw new UploadError(400, (e as Error).message);
  }
}
