/**
 * The portal measurement: start the portal in this process on a random loopback port with a
 * temporary SQLite data folder, publish built synthetic disclosures into it, then load one unit's
 * disclosure page with autocannon (a separate process, so the load generator does not share the
 * server's event loop) for a bounded time. Request logging is switched off: this measures the page.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listInputs } from '../src/batch/list-inputs.ts';

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
    const out = await new Promise<string>((res, rej) => {
      const child = spawn(process.execPath, [join(root, 'node_modules/autocannon/autocannon.js'), '-c', String(p.connections), '-d', String(p.seconds), '-j', url], { stdio: ['ignore', 'pipe', 'pipe'] });
      let s = '';
      let e = '';
      child.stdout.on('data', (d) => (s += d));
      child.stderr.on('data', (d) => (e += d));
      child.on('close', (code) => (code === 0 ? res(s) : rej(new Error(`autocannon exit ${code}: ${e.slice(-200)}`))));
    });
    const a = JSON.parse(out) as { latency: { p50: number; p99: number; average: number }; requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number };
    return {
      page,
      pageBytes,
      publishedUnits: published,
      connections: p.connections,
      seconds: p.seconds,
      p50Ms: a.latency.p50,
      p99Ms: a.latency.p99,
      requestsPerSecond: a.requests.average,
      requests: a.requests.total,
      non2xx: a.non2xx,
      errors: a.errors + a.timeouts,
    };
  } finally {
    await portal.close();
  }
}
