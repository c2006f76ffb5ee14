/**
 * The downloadable data package of a published version, as one zip: the disclosure (JSON, and with
 * `documents` its HTML and XLSX renderings), the budget it was generated from, its findings, the
 * open data (tidy CSVs + datapackage.json) and a manifest with the content hash that
 * `gongkai verify` recomputes from disclosure.json. Built in memory from the stored version.
 */
import type { Disclosure } from '../core/disclosure.ts';
import { buildManifest } from '../integrity/package-manifest.ts';
import { canonicalJson } from '../store/canonical-json.ts';
import type { PublishedVersion } from '../store/store.ts';
import { dataPackageFiles, renderHtml, renderXlsx, type Finding } from './engines.ts';
import { writeZip, type ZipEntry } from '../util/zip-writer.ts';

/** manifest.json (src/integrity): content hash plus every file's sha256, checked by `gongkai verify`. */
export function manifestOf(v: PublishedVersion, files: ZipEntry[]) {
  return buildManifest(
    v.disclosure as Disclosure,
    files.map((f) => ({ path: f.name, data: f.data })),
    {
      version: v.version,
      publishedAt: v.publishedAt,
      contentHash: v.contentHash,
      extra: { hashOf: 'disclosure.json (canonical JSON: keys sorted, no whitespace; sha256)', reason: v.reason, publisher: v.publisherName ?? '' },
    },
  );
}

export interface PackageOptions {
  /** Also the rendered documents (HTML, XLSX): ~200 ms a unit, so the bulk export leaves them out. */
  documents?: boolean;
}

export async function packageEntries(v: PublishedVersion, opts: PackageOptions = {}): Promise<ZipEntry[]> {
  const d = v.disclosure as Disclosure;
  const date = new Date(v.publishedAt);
  const enc = (s: string) => Buffer.from(s, 'utf8');
  const entries: ZipEntry[] = [
    // Canonical form, so hashing the file's bytes gives the content hash directly.
    { name: `disclosure.json`, data: enc(canonicalJson(d)), date },
    { name: `findings.json`, data: enc(JSON.stringify(v.findings, null, 2) + '\n'), date },
    // The open data package (CSV per table, datapackage.json, budget.json) from the renderer.
    ...dataPackageFiles(d, v.budget ?? undefined).map((f) => ({ name: f.path, data: f.data, date })),
  ];
  if (opts.documents !== false) {
    entries.push({ name: `disclosure.html`, data: enc(await renderHtml(d, v.findings as Finding[])), date });
    entries.push({ name: `disclosure.xlsx`, data: await renderXlsx(d), date });
  }
  const manifest = { name: 'manifest.json', data: enc(JSON.stringify(manifestOf(v, entries), null, 2) + '\n'), date };
  return [manifest, ...entries];
}

/** The package as zip bytes (what /units/…/package.zip serves and each unit of the export holds). */
export async function packageZip(v: PublishedVersion, opts: PackageOptions = {}): Promise<Buffer> {
  return writeZip(await packageEntries(v, opts));
}
