/**
 * The portal measurement: start the portal in this process on a random loopback port with a
 * temporary SQLite data folder, publish built synthetic disclosures into it, then load one unit's
 * disclosure page for a bounded time with wrk on one thread (autocannon when wrk is not installed;
 * bench/http-load.ts), a separate process so the load generator does not share the server's event
 * loop, asking for compressed bodies as browsers do. Request logging is switched off: this
 * measures the page. The server's CPU time per request is reported too: it depends less on how
 * busy the machine is than the latencies do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listInputs } from '../src/batch/list-inputs.ts';
import { warmedLoadTest } from './http-load.ts';

const ACCEPT_ENCODING = 'gzip, br';
/** Unmeasured load before the measured run (http-load.ts, warmedLoadTest: why). */
const WARMUP_SECONDS = 5;

interface Params {
  from: string;
  units: number;
  connections: number;
  seconds: number;
  dataDir: string;
}

export async function portalPhase(raw: Record<string, unknown>, root: string): Promise<Record<string, unknown>> {
  const p = raw as unknown as Params;
  if (!existsSync(join(root, 'src/server/start.ts'))) return { notMeasured: 'the portal (src/server/start.ts) is not in the repository yet' };
  if (!existsSync(p.from)) return { notMeasured: 'no built disclosures to publish (the build phase did not run)' };
  const { startPortal } = await import('../src/server/start.ts');
  const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: p.dataDir, log: () => {}, demoPasswords: {} });
  try {
    let published = 0;
    let page = '';
    for await (const f of listInputs([p.from], (n) => n === 'disclosure.json')) {
      if (published >= p.units) break;
      const { findings, ...disclosure } = JSON.parse(readFileSync(f.path, 'utf8')) as { findings: unknown[]; unit: { code: string; name: string; kind?: string; regionCode?: string }; year: number };
      const u = disclosure.unit;
      await portal.store.upsertUnit({ code: u.code, name: u.name, regionCode: u.regionCode ?? '210000', kind: (u.kind ?? '行政') as '行政', scope: 'unit', departmentCode: null, approvalDate: null });
      await portal.store.publish({ unitCode: u.code, year: disclosure.year, disclosure, budget: null, findings, reason: 'benchmark', actor: 'bench' });
      page ||= `/units/${u.code}/${disclosure.year}`;
      published++;
    }
    if (!page) return { notMeasured: 'no disclosure to publish' };
    const url = `${portal.url}${page}`;
    const check = await fetch(url);
    if (check.status !== 200) return { notMeasured: `${page} answered ${check.status}` };
    const pageBytes = (await check.arrayBuffer()).byteLength;
    const r = await warmedLoadTest({ url, connections: p.connections, seconds: p.seconds, headers: { 'Accept-Encoding': ACCEPT_ENCODING }, warmupSeconds: WARMUP_SECONDS, inProcessServer: true });
    return {
      page,
      pageBytes,
      acceptEncoding: ACCEPT_ENCODING,
      publishedUnits: published,
      connections: p.connections,
      seconds: p.seconds,
      ...r,
    };
  } finally {
    await portal.close();
  }
}
