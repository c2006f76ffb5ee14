/**
 * The portal's check-upload throughput: one real published PDF POSTed to /api/check (multipart)
 * by autocannon at 10 and then 100 connections, while a second load generator reads the
 * disclosure page at 10 connections — the page's p99 is what other visitors feel while checks run.
 * The portal runs in this process with its worker pool (src/server/job-pool.ts) and the per-client
 * upload limit off (every request here comes from one address). 503s (queue full, answered at once
 * with Retry-After) are counted apart from the checks done.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadTest, type LoadResult } from './http-load.ts';

interface Params {
  pdf: string;
  connections: number[];
  seconds: number;
  pageConnections: number;
}

const BOUNDARY = 'gongkaibench7MA4YWxkTrZu0gW';

export async function checkUploadPhase(raw: Record<string, unknown>): Promise<Record<string, unknown>> {
  const p = raw as unknown as Params;
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-upload-'));
  const { startPortal } = await import('../src/server/start.ts');
  // Demo mode publishes the Yingkou example: its page is the one read meanwhile.
  const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: join(work, 'data'), log: () => {}, demoPasswords: {}, uploadsPerMinute: 0 });
  try {
    const pdf = readFileSync(p.pdf);
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${basename(p.pdf).replace(/[^\w.-]/g, '_')}"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const bodyFile = join(work, 'upload.multipart');
    writeFileSync(bodyFile, body);
    const upload = { url: `${portal.url}/api/check`, method: 'POST' as const, bodyFile, headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` } };
    // Every worker warm (its modules loaded) before measuring: as many checks at once as workers.
    const first = await Promise.all(Array.from({ length: 4 }, () => fetch(upload.url, { method: 'POST', body, headers: upload.headers }).then((r) => r.status)));
    if (!first.includes(200)) return { notMeasured: `/api/check answered ${first.join(', ')} for ${basename(p.pdf)}` };
    const page = `${portal.url}/units/041002/2024`;
    if ((await fetch(page)).status !== 200) return { notMeasured: 'the demo disclosure page is not there' };
    const runs: Record<string, unknown>[] = [];
    for (const connections of p.connections) {
      const [u, v] = await Promise.all([
        loadTest({ ...upload, connections, seconds: p.seconds, tool: 'autocannon' }),
        loadTest({ url: page, connections: p.pageConnections, seconds: p.seconds, headers: { 'Accept-Encoding': 'gzip, br' } }),
      ]);
      runs.push({
        connections,
        ...figures(u, p.seconds),
        page: { connections: p.pageConnections, tool: v.tool, p50Ms: v.p50Ms, p99Ms: v.p99Ms, requestsPerSecond: v.requestsPerSecond, non2xx: v.non2xx },
      });
    }
    return { pdf: basename(p.pdf), pdfBytes: pdf.length, seconds: p.seconds, runs };
  } finally {
    await portal.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function figures(r: LoadResult, seconds: number) {
  // Checks done: answers that were not refusals (503 queue full) or errors.
  const checked = r.requests - r.non2xx;
  return {
    tool: r.tool,
    checksPerSecond: Math.round((checked / seconds) * 10) / 10,
    requestsPerSecond: r.requestsPerSecond,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    requests: r.requests,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}
