/**
 * Verifies a data package: recomputes the disclosure's content hash and every file's sha256 against
 * manifest.json, and optionally against the hash published on the portal page (`expect`). Any
 * difference, missing or extra file is tampering; a package without a readable manifest is
 * unreadable (PackageUnreadable).
 */
import { DISCLOSURE_FILE, MANIFEST_FILE, MANIFEST_FORMAT, disclosureHash, sha256Hex } from './package-manifest.ts';
import { InputRejected, parseJsonGuarded } from '../read/guards.ts';

export class PackageUnreadable extends Error {}

export interface VerifyReport {
  intact: boolean;
  unit: { code: string; name: string } | null;
  year: number | null;
  version: number | null;
  /** The hash the manifest states. */
  statedHash: string;
  /** The hash recomputed from disclosure.json (null when it could not be parsed or is missing). */
  actualHash: string | null;
  filesChecked: number;
  /** One Chinese line per difference. */
  problems: string[];
}

interface ManifestShape {
  format: string;
  unit?: { code?: unknown; name?: unknown };
  year?: unknown;
  version?: unknown;
  contentHash: string;
  files: { path: string; sha256: string; bytes?: number }[];
}

function readManifest(files: Map<string, Uint8Array>): ManifestShape {
  const raw = files.get(MANIFEST_FILE);
  if (!raw) throw new PackageUnreadable(`缺少 ${MANIFEST_FILE}：这不是一个 Gongkai 数据包`);
  let m: unknown;
  try {
    m = parseJsonGuarded(Buffer.from(raw).toString('utf8'), MANIFEST_FILE);
  } catch (e) {
    throw new PackageUnreadable(e instanceof InputRejected ? e.message : String(e));
  }
  const o = m as Partial<ManifestShape> | null;
  if (!o || typeof o !== 'object' || o.format !== MANIFEST_FORMAT) throw new PackageUnreadable(`${MANIFEST_FILE} 的格式不是 ${MANIFEST_FORMAT}`);
  if (typeof o.contentHash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(o.contentHash)) throw new PackageUnreadable(`${MANIFEST_FILE} 缺少有效的 contentHash`);
  if (!Array.isArray(o.files) || !o.files.every((f) => f && typeof f.path === 'string' && typeof f.sha256 === 'string')) throw new PackageUnreadable(`${MANIFEST_FILE} 的 files 列表无效`);
  return o as ManifestShape;
}

export function verifyPackage(files: Map<string, Uint8Array>, opts: { expect?: string } = {}): VerifyReport {
  const m = readManifest(files);
  const problems: string[] = [];
  let actualHash: string | null = null;
  const disclosureBytes = files.get(DISCLOSURE_FILE);
  if (!disclosureBytes) problems.push(`缺少 ${DISCLOSURE_FILE}`);
  else {
    try {
      actualHash = disclosureHash(parseJsonGuarded(Buffer.from(disclosureBytes).toString('utf8'), DISCLOSURE_FILE));
      if (actualHash !== m.contentHash) problems.push(`${DISCLOSURE_FILE} 的内容哈希为 ${actualHash}，与清单所记 ${m.contentHash} 不符：内容已被改动`);
    } catch (e) {
      problems.push(`${DISCLOSURE_FILE} 无法解析（${(e as Error).message}）：内容已被改动`);
    }
  }
  if (opts.expect && opts.expect !== m.contentHash) problems.push(`清单所记内容哈希 ${m.contentHash} 与门户公布的 ${opts.expect} 不符`);
  const listed = new Set<string>([MANIFEST_FILE]);
  let checked = 0;
  for (const f of m.files) {
    listed.add(f.path);
    const data = files.get(f.path);
    if (!data) {
      problems.push(`缺少清单所列文件 ${f.path}`);
      continue;
    }
    checked++;
    const h = sha256Hex(data);
    if (h !== f.sha256) problems.push(`${f.path} 的 sha256 为 ${h}，与清单所记 ${f.sha256} 不符：文件已被改动`);
  }
  for (const name of files.keys()) if (!listed.has(name)) problems.push(`多出清单未列的文件 ${name}`);
  const unit = m.unit && typeof m.unit.code === 'string' && typeof m.unit.name === 'string' ? { code: m.unit.code, name: m.unit.name } : null;
  return {
    intact: problems.length === 0,
    unit,
    year: typeof m.year === 'number' ? m.year : null,
    version: typeof m.version === 'number' ? m.version : null,
    statedHash: m.contentHash,
    actualHash,
    filesChecked: checked,
    problems,
  };
}
