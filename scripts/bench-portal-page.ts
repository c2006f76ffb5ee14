/**
 * Portal page latency under concurrency, on its own: starts the portal in this process on a random
 * loopback port with a temporary data folder (first start seeds the Yingkou 2024 disclosure), then
 * loads one page with wrk (or autocannon when wrk is not installed; bench/http-load.ts) for a
 * bounded time after an unmeasured warm-up at the same load (--warmup seconds, default 5; 0: from
 * cold), asking for compressed bodies as a browser does, and prints p50/p99, requests/s, the
 * warm-up's p99 and the server's CPU time per request (the figure that depends least on how busy
 * the machine is).
 *   npx tsx scripts/bench-portal-page.ts [--path /units/041002/2024] [-c 100] [-d 10] [--no-cache] [--warmup 5]
 *     [--tool wrk|autocannon] [--accept-encoding 'gzip, br' (default; '' for identity)]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmedLoadTest, type LoadTool } from '../bench/http-load.ts';
import { startPortal } from '../src/server/start.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const path = opt('--path', '/units/041002/2024');
const connections = Number(opt('-c', '100'));
const seconds = Number(opt('-d', '10'));
const tool = argv.includes('--tool') ? (opt('--tool', '') as LoadTool) : undefined;
if (tool !== undefined && tool !== 'wrk' && tool !== 'autocannon') throw new Error(`--tool ${tool}: wrk or autocannon`);
const acceptEncoding = opt('--accept-encoding', 'gzip, br');
const warmupSeconds = Number(opt('--warmup', '5'));

const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-portal-bench-'));
const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir, log: () => {}, demoPasswords: {}, cacheBytes: argv.includes('--no-cache') ? 0 : undefined });
try {
  const url = `${portal.url}${path}`;
  const first = await fetch(url);
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}`);
  const bytes = (await first.arrayBuffer()).byteLength;
  const r = await warmedLoadTest({ url, connections, seconds, tool, headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}, warmupSeconds, inProcessServer: true });
  console.log(
    JSON.stringify({
      path,
      bytes,
      acceptEncoding,
      connections,
      seconds,
      ...r,
    }),
  );
} finally {
  await portal.close();
  rmSync(dataDir, { recursive: true, force: true });
}
