/**
 * Portal page latency under concurrency, on its own: starts the portal in this process on a random
 * loopback port with a temporary data folder (first start seeds the Yingkou 2024 disclosure), then
 * loads one page with autocannon in a child process for a bounded time, and prints p50/p99,
 * requests/s and the server's CPU time per request (the figure that does not depend on how busy
 * the machine is).
 *   npx tsx scripts/bench-portal-page.ts [--path /units/041002/2024] [-c 100] [-d 10] [--no-cache]
 *     [--header 'accept-encoding: br']
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPortal } from '../src/server/start.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const path = opt('--path', '/units/041002/2024');
const connections = opt('-c', '100');
const seconds = opt('-d', '10');
const header = argv.includes('--header') ? ['-H', opt('--header', '')] : [];

const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-portal-bench-'));
const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir, log: () => {}, demoPasswords: {}, cacheBytes: argv.includes('--no-cache') ? 0 : undefined });
try {
  const url = `${portal.url}${path}`;
  const first = await fetch(url);
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const cpu0 = process.cpuUsage();
  const out = await new Promise<string>((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', connections, '-d', seconds, ...header, '-j', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let s = '';
    let e = '';
    child.stdout.on('data', (d) => (s += d));
    child.stderr.on('data', (d) => (e += d));
    child.on('close', (code) => (code === 0 ? res(s) : rej(new Error(`autocannon exit ${code}: ${e.slice(-300)}`))));
  });
  const cpu = process.cpuUsage(cpu0);
  const a = JSON.parse(out) as { latency: { p50: number; p99: number }; requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number };
  const result = {
    path,
    bytes,
    connections: Number(connections),
    seconds: Number(seconds),
    p50Ms: a.latency.p50,
    p99Ms: a.latency.p99,
    requestsPerSecond: a.requests.average,
    requests: a.requests.total,
    non2xx: a.non2xx,
    errors: a.errors + a.timeouts,
    serverCpuMsPerRequest: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, a.requests.total)) * 1000) / 1000,
  };
  console.log(JSON.stringify(result));
} finally {
  await portal.close();
  rmSync(dataDir, { recursive: true, force: true });
}
