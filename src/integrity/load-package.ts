/**
 * A data package's files from wherever it is: a directory, a .zip file, a URL of a .zip or of its
 * manifest.json (the listed files are fetched next to it), or a JSON document carrying
 * `{ contentHash, disclosure }` (a published version from the portal API, checked on its hash alone).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkFileSize, InputRejected, isZip, LIMITS, parseJsonGuarded } from '../read/guards.ts';
import { unzipGuarded } from '../read/unzip.ts';
import { DISCLOSURE_FILE, MANIFEST_FILE, MANIFEST_FORMAT, sha256Hex } from './package-manifest.ts';
import { PackageUnreadable } from './verify-package.ts';

const MAX_FILES = 1_000;

export async function loadPackage(target: string, opts: { timeoutMs?: number } = {}): Promise<Map<string, Uint8Array>> {
  try {
    if (/^https?:\/\//i.test(target)) return await loadUrl(target, opts.timeoutMs ?? 30_000);
    let st;
    try {
      st = statSync(target);
    } catch (e) {
      throw new PackageUnreadable(`${target}: 无法读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    }
    if (st.isDirectory()) return loadDir(target);
    checkFileSize(st.size, target);
    return await fromDocument(readFileSync(target), target);
  } catch (e) {
    if (e instanceof InputRejected) throw new PackageUnreadable(`${target}: ${e.message}`);
    throw e;
  }
}

function loadDir(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let total = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) {
        if (out.size >= MAX_FILES) throw new PackageUnreadable(`${dir}: 文件超过 ${MAX_FILES} 个`);
        total += st.size;
        checkFileSize(total, `${dir} 中的文件合计`, { ...LIMITS, fileBytes: LIMITS.zipBytes });
        out.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
      }
    }
  };
  walk(dir);
  if (!out.has(MANIFEST_FILE)) throw new PackageUnreadable(`${dir}: 缺少 ${MANIFEST_FILE}，这不是一个 Gongkai 数据包目录`);
  return out;
}

async function fromDocument(bytes: Uint8Array, where: string, baseUrl?: string, timeoutMs = 30_000): Promise<Map<string, Uint8Array>> {
  if (isZip(bytes)) return unzipGuarded(bytes, where);
  const text = Buffer.from(bytes).toString('utf8');
  if (!/^\uFEFF?\s*\{/.test(text)) throw new PackageUnreadable(`${where}: 既不是 zip 数据包，也不是 JSON`);
  const doc = parseJsonGuarded(text, where) as Record<string, unknown>;
  if (doc.format === MANIFEST_FORMAT) {
    if (!baseUrl) throw new PackageUnreadable(`${where}: 这是数据包清单；请给出整个数据包目录`);
    const out = new Map<string, Uint8Array>([[MANIFEST_FILE, bytes]]);
    const files = Array.isArray(doc.files) ? (doc.files as { path?: unknown }[]) : [];
    for (const f of files.slice(0, MAX_FILES)) {
      if (typeof f.path !== 'string' || f.path.split('/').includes('..')) continue;
      const r = await fetchBytes(new URL(f.path, baseUrl).href, timeoutMs, true);
      if (r) out.set(f.path, r);
    }
    return out;
  }
  if (typeof doc.contentHash === 'string' && doc.disclosure && typeof doc.disclosure === 'object') {
    const d = doc.disclosure as { unit?: { code?: string; name?: string }; year?: number };
    const disclosureBytes = Buffer.from(JSON.stringify(doc.disclosure));
    const manifest = {
      format: MANIFEST_FORMAT,
      unit: { code: String(d.unit?.code ?? ''), name: String(d.unit?.name ?? '') },
      year: d.year,
      ...(typeof doc.version === 'number' ? { version: doc.version } : {}),
      contentHash: doc.contentHash,
      disclosureFile: DISCLOSURE_FILE,
      files: [{ path: DISCLOSURE_FILE, bytes: disclosureBytes.length, sha256: sha256Hex(disclosureBytes) }],
    };
    return new Map<string, Uint8Array>([
      [MANIFEST_FILE, Buffer.from(JSON.stringify(manifest))],
      [DISCLOSURE_FILE, disclosureBytes],
    ]);
  }
  throw new PackageUnreadable(`${where}: JSON 中没有数据包清单，也没有 contentHash 与 disclosure`);
}

async function loadUrl(url: string, timeoutMs: number): Promise<Map<string, Uint8Array>> {
  const bytes = await fetchBytes(url, timeoutMs, false);
  return fromDocument(bytes!, url, url, timeoutMs);
}

/** Body of a GET, capped at the file size limit; `optional` turns 404 into undefined. */
async function fetchBytes(url: string, timeoutMs: number, optional: boolean): Promise<Uint8Array | undefined> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    throw new PackageUnreadable(`${url}: 无法获取（${(e as Error).message}）`);
  }
  if (optional && res.status === 404) return undefined;
  if (!res.ok) throw new PackageUnreadable(`${url}: 服务器返回 HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  checkFileSize(declared, url);
  const reader = res.body?.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > LIMITS.fileBytes) {
        await reader.cancel();
        checkFileSize(total, url);
      }
      parts.push(value);
    }
  return Buffer.concat(parts);
}
