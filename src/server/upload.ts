/**
 * Uploaded files: size cap, type by extension checked against the content, and a temp file for
 * readers that take a path. Answers 413 / 415 / 400 with Chinese messages.
 */
import { parseJsonText, stripBom } from '../pipeline/budget-json.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJsonDepth } from '../read/guards.ts';
import busboy from 'busboy';
import { Readable } from 'node:stream';
import type { Context } from 'hono';

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
  if ((kind === 'json' || kind === 'txt' || kind === 'html') && bytes.includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) throw new UploadError(415, `“${name}”不是文本文件`);
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

export type FormBody = Record<string, string | File>;

const forms = new WeakMap<object, Promise<FormBody>>();

/**
 * A multipart upload form's fields and file, parsed as the bytes arrive (busboy) instead of by
 * `Request.formData()`, which parses the whole body in one go on the event loop (~20 ms per MB:
 * five 20 MB uploads would stall every other request for seconds). Parsed once per request (the
 * CSRF check and the route share it); the file is cut off past `maxBytes` (413). Other bodies go
 * to hono's parseBody.
 */
export function uploadForm(c: Context, maxBytes: number): Promise<FormBody> {
  let form = forms.get(c);
  if (!form) forms.set(c, (form = parseForm(c, maxBytes)));
  return form;
}

function parseForm(c: Context, maxBytes: number): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  const body = c.req.raw.body;
  if (!body || !/^multipart\/form-data/i.test(type)) return c.req.parseBody() as Promise<FormBody>;
  const incoming = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  return new Promise((resolve, reject) => {
    const out: FormBody = {};
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      incoming.unpipe();
      incoming.resume(); // drain the rest, so the answer can be sent
      reject(e);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 30 } });
    } catch {
      return reject(new UploadError(400, '上传的表单格式无效'));
    }
    const pending: Promise<void>[] = [];
    parser.on('field', (name, value) => {
      out[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new UploadError(413, `文件过大，上限为 ${Math.floor(maxBytes / 1048576)} MB`)));
      pending.push(
        new Promise((done) =>
          stream.on('close', () => {
            out[name] = uploadedFile(Buffer.concat(chunks), info.filename || 'upload');
            done();
          }),
        ),
      );
    });
    parser.on('error', () => fail(new UploadError(400, '上传的表单格式无效或不完整')));
    parser.on('close', () => {
      if (!failed) Promise.all(pending).then(() => resolve(out), fail);
    });
    incoming.pipe(parser);
  });
}

/**
 * The parsed file as the File that takeUpload reads (name, size, arrayBuffer), over one buffer of
 * its own: a real File would copy the bytes twice more (into a Blob, out of it) for each upload,
 * garbage the event loop then has to collect; this buffer is moved to the worker as it is.
 */
function uploadedFile(bytes: Buffer, name: string): File {
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : Buffer.from(bytes);
  return { name, size: own.length, type: '', arrayBuffer: async () => own.buffer as ArrayBuffer } as File;
}
