/**
 * The oversight export: one archive with the published package of every unit an overseer sees,
 * streamed while it is built. Each unit is read from the store, packed (its stored disclosure,
 * budget and findings with the open data and manifest, no re-rendered documents) into its own
 * `<code>.zip` — the same verifiable package `gongkai verify` checks — and handed to the archive
 * only when the client has taken the previous one, so memory stays flat however many units there
 * are and the event loop is free between units (the portal keeps answering). index.csv, the list of
 * what was exported, comes last.
 */
import { Readable } from 'node:stream';
import { csvDocument } from '../core/csv.ts';
import type { PublishedVersion, Unit } from '../store/store.ts';
import { ZipStream } from '../util/zip-writer.ts';
import { packageZip } from './package-archive.ts';

export interface ExportSource {
  units: readonly Unit[];
  getVersion(unitCode: string, year: number): Promise<PublishedVersion | undefined>;
}

export interface ExportSummary {
  units: number;
  ms: number;
  aborted: boolean;
}

export const INDEX_HEADER = ['单位编码', '单位名称', '年度', '版本', '内容哈希', '发布时间', '文件'];

/** Starts the export; `stream` is the archive's bytes, `done` settles when the last unit is in. */
export function exportArchive(source: ExportSource, year: number): { stream: Readable; done: Promise<ExportSummary> } {
  const zip = new ZipStream();
  let aborted = false;
  const closed = new Promise<void>((resolve) => zip.stream.once('close', () => ((aborted = !zip.stream.readableEnded), resolve())));
  const done = (async () => {
    const started = performance.now();
    const index: string[][] = [INDEX_HEADER];
    for (const u of source.units) {
      if (aborted) break;
      const v = await source.getVersion(u.code, year);
      if (!v) continue;
      const name = `${u.code}.zip`;
      const data = await packageZip(v, { documents: false });
      // Waiting here is the backpressure: the next unit is built once this one is being taken.
      await Promise.race([zip.add({ name, data, date: new Date(v.publishedAt) }), closed]);
      index.push([u.code, u.name, String(year), String(v.version), v.contentHash, v.publishedAt, name]);
    }
    if (!aborted) {
      await Promise.race([zip.add({ name: 'index.csv', data: Buffer.from(csvDocument(index), 'utf8') }), closed]);
      zip.end();
    }
    return { units: index.length - 1, ms: Math.round(performance.now() - started), aborted };
  })();
  done.catch((e: unknown) => zip.stream.destroy(e as Error));
  return { stream: zip.stream, done };
}
