/**
 * The downloadable data package of a published version, as one zip: the disclosure (JSON, HTML,
 * XLSX), the budget it was generated from, its findings and a manifest with the content hash that
 * `gongkai verify` recomputes from disclosure.json.
 */
import type { Disclosure } from '../core/disclosure.ts';
import { canonicalJson } from '../store/canonical-json.ts';
import type { PublishedVersion } from '../store/store.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHtml, renderXlsx, writeDataPackage, type Finding } from './engines.ts';
import type { ZipEntry } from './zip-writer.ts';

export function manifestOf(v: PublishedVersion) {
  return {
    unit: v.unitCode,
    year: v.year,
    version: v.version,
    contentHash: v.contentHash,
    hashOf: 'disclosure.json (canonical JSON: keys sorted, no whitespace; sha256)',
    reason: v.reason,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
  };
}

export async function packageEntries(v: PublishedVersion, prefix = ''): Promise<ZipEntry[]> {
  const d = v.disclosure as Disclosure;
  const date = new Date(v.publishedAt);
  const enc = (s: string) => Buffer.from(s, 'utf8');
  const entries: ZipEntry[] = [
    { name: `${prefix}manifest.json`, data: enc(JSON.stringify(manifestOf(v), null, 2) + '\n'), date },
    // Canonical form, so hashing the file's bytes gives the content hash directly.
    { name: `${prefix}disclosure.json`, data: enc(canonicalJson(d)), date },
    { name: `${prefix}findings.json`, data: enc(JSON.stringify(v.findings, null, 2) + '\n'), date },
  ];
  // The open data package (CSV per table, datapackage.json, budget.json) from the renderer.
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-package-'));
  try {
    writeDataPackage(d, v.budget ?? undefined, dir);
    for (const f of readdirSync(dir).sort()) entries.push({ name: `${prefix}${f}`, data: readFileSync(join(dir, f)), date });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  entries.push({ name: `${prefix}disclosure.html`, data: enc(await renderHtml(d, v.findings as Finding[])), date });
  entries.push({ name: `${prefix}disclosure.xlsx`, data: await renderXlsx(d), date });
  return entries;
}
