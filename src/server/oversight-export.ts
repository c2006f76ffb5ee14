/**
 * The oversight export: one archive with the published package of every unit an overseer sees,
 * streamed while it is built. Each unit is read from the store and packed — its stored disclosure,
 * budget and findings with the open data and manifest, no re-rendered documents — into its own
 * `<code>.zip`, the same verifiable package `gongkai verify` checks. Packing runs in the portal's
 * worker threads (a `package` job), and a unit is handed to the archive only when the client has
 * taken the previous one: memory stays flat however many units there are, and the thread that
 * answers pages and /health only moves bytes. index.csv, the list of what was exported, comes last.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { csvDocument } from '../core/csv.ts';
import type { PublishedVersion, Unit } from '../store/store.ts';
import { ZipStream } from '../util/zip-writer.ts';
import { PoolBusy, type JobPool } from './job-pool.ts';
import { runJob } from './jobs.ts';

export interface ExportSource {
  units: readonly Unit[];
  getVersion(unitCode: string, year: number): Promise<PublishedVersion | undefined>;
  /** The version's package as zip bytes. */
  pack(v: PublishedVersion): Promise<Uint8Array>;
}

export interface ExportSummary {
  units: number;
  ms: number;
  aborted: boolean;
}

export const INDEX_HEADER = ['单位编码', '单位名称', '年度', '版本', '内容哈希', '发布时间', '文件'];

/** Packs in the worker pool (in this thread without one); waits and retries while the pool is full. */
export function packInPool(pool: JobPool | undefined): (v: PublishedVersion) => Promise<Uint8Array> {
  return async (version) => {
    for (;;) {
      try {
        return await runJob<Uint8Array>(pool, { kind: 'package', version });
      } catch (e) {
        if (!(e instanceof PoolBusy)) throw e;
        await sleep(200);
      }
    }
  };
}

/** A unit's line in index.csv (INDEX_HEADER): its version and what became of it (`file`). */
function indexRow(item: { u: Unit; v: PublishedVersion }, year: number, file: string): string[] {
  return [item.u.code, item.u.name, String(year), String(item.v.version), item.v.contentHash, item.v.publishedAt, file];
}

/** Starts the export; `stream` is the archive's bytes, `done` settles when the last unit is in. */
export function exportArchive(source: ExportSource, year: number): { stream: Readable; done: Promise<ExportSummary> } {
  const zip = new ZipStream();
  let aborted = false;
  const closed = new Promise<void>((resolve) => zip.stream.once('close', () => ((aborted = !zip.stream.readableEnded), resolve())));
  /** The next unit's package, started while the previous one is being written (one ahead at most). */
  const prepare = async (u: Unit) => {
    const v = await source.getVersion(u.code, year);
    if (!v) return undefined;
    try {
      return { u, v, data: await source.pack(v) };
    } catch (e) {
      // One unit that cannot be packed is listed as such; the others are still exported.
      return { u, v, error: (e as Error).message };
    }
  };
  const done = (async () => {
    const started = performance.now();
    const index: string[][] = [INDEX_HEADER];
    let next = source.units.length ? prepare(source.units[0]!) : undefined;
    for (let i = 0; next && !aborted; i++) {
      const item = await next;
      next = i + 1 < source.units.length ? prepare(source.units[i + 1]!) : undefined;
      if (!item) continue;
      if (item.error !== undefined) {
        index.push(indexRow(item, year, `未能打包：${item.error}`));
        continue;
      }
      const name = `${item.u.code}.zip`;
      // Waiting here is the backpressure: nothing more is packed until this one is being taken.
      await Promise.race([zip.add({ name, data: item.data, date: new Date(item.v.publishedAt), store: true }), closed]);
      index.push(indexRow(item, year, name));
    }
    await next?.catch(() => undefined);
    if (!aborted) {
      await Promise.race([zip.add({ name: 'index.csv', data: Buffer.from(csvDocument(index), 'utf8') }), closed]);
      zip.end();
    }
    return { units: index.filter((r) => r[6]!.endsWith('.zip')).length, ms: Math.round(performance.now() - started), aborted };
  })();
  done.catch((e: unknown) => zip.stream.destroy(e as Error));
  return { stream: zip.stream, done };
}
