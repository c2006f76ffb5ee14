/**
 * The data package of a published version: disclosure.json, the rendered files, and manifest.json
 * naming the disclosure's content hash (the store's canonical-JSON sha256, the hash shown on the
 * portal page) and the sha256 of every other file. `gongkai verify` recomputes both.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contentHash } from '../store/canonical-json.ts';

export const MANIFEST_FILE = 'manifest.json';
export const DISCLOSURE_FILE = 'disclosure.json';
export const MANIFEST_FORMAT = 'gongkai-package/1';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface PackageManifest {
  format: typeof MANIFEST_FORMAT;
  unit: { code: string; name: string };
  year: number;
  /** Published version number; absent for a package built outside the portal. */
  version?: number;
  publishedAt?: string;
  /** contentHash(disclosure): "sha256:<hex>" of the canonical JSON. */
  contentHash: string;
  disclosureFile: typeof DISCLOSURE_FILE;
  files: ManifestFile[];
}

export interface PackageFile {
  path: string;
  data: Uint8Array;
}

export const sha256Hex = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The disclosure's content hash: the same function the store uses when publishing. */
export function disclosureHash(disclosure: unknown): string {
  return contentHash(disclosure);
}

export interface DisclosureLike {
  unit: { code: string; name: string };
  year: number;
}

/**
 * All files of the package: disclosure.json, the given rendered files, and manifest.json last.
 * `meta.contentHash`, when given (the stored version's hash), must equal the recomputed one.
 */
export function packageFiles(disclosure: DisclosureLike, rendered: PackageFile[], meta: ManifestMeta = {}): PackageFile[] {
  const files: PackageFile[] = [{ path: DISCLOSURE_FILE, data: Buffer.from(JSON.stringify(disclosure, null, 2) + '\n', 'utf8') }, ...rendered];
  return [...files, { path: MANIFEST_FILE, data: Buffer.from(JSON.stringify(buildManifest(disclosure, files, meta), null, 2) + '\n', 'utf8') }];
}

export interface ManifestMeta {
  version?: number;
  publishedAt?: string;
  /** The stored version's hash: must equal the recomputed one. */
  contentHash?: string;
  /** Further fields for readers (reason, publisher …); not checked. */
  extra?: Record<string, unknown>;
}

/**
 * The manifest of a package whose files (including disclosure.json, excluding manifest.json) are
 * given; for callers that assemble the files themselves (the portal's download and export).
 */
export function buildManifest(disclosure: DisclosureLike, files: PackageFile[], meta: ManifestMeta = {}): PackageManifest {
  const hash = disclosureHash(disclosure);
  if (meta.contentHash && meta.contentHash !== hash) throw new Error(`stored content hash ${meta.contentHash} differs from the disclosure's ${hash}`);
  if (!files.some((f) => f.path === DISCLOSURE_FILE)) throw new Error(`package: ${DISCLOSURE_FILE} missing`);
  const seen = new Set<string>();
  for (const f of files) {
    if (f.path === MANIFEST_FILE || seen.has(f.path)) throw new Error(`package: ${f.path} is reserved or repeated`);
    seen.add(f.path);
  }
  return {
    ...(meta.extra ?? {}),
    format: MANIFEST_FORMAT,
    unit: { code: disclosure.unit.code, name: disclosure.unit.name },
    year: disclosure.year,
    ...(meta.version !== undefined ? { version: meta.version } : {}),
    ...(meta.publishedAt ? { publishedAt: meta.publishedAt } : {}),
    contentHash: hash,
    disclosureFile: DISCLOSURE_FILE,
    files: files.map((f) => ({ path: f.path, bytes: f.data.length, sha256: sha256Hex(f.data) })),
  };
}

export function writePackageDir(dir: string, files: PackageFile[]): string[] {
  const written: string[] = [];
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
    written.push(p);
  }
  return written;
}
