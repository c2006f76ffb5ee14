/**
 * Loads one URL with a fixed number of connections for a bounded time and reports its latency
 * distribution. wrk (Debian package, declared in scripts/setup-system.sh's `bench` profile) is used
 * when installed: a C load generator on one thread, so on 2 cores the server keeps a core of its
 * own. Without it autocannon (npm) measures instead; it is a Node process that spends about as much
 * CPU per response as the server, so its figures are worse for the same server. `tool` says which
 * one measured.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** Request headers, e.g. Accept-Encoding. */
  headers?: Record<string, string>;
  /** Default: wrk when installed, else autocannon. */
  tool?: LoadTool;
  /** POST the bytes of `bodyFile` (autocannon only, through its API: bench/autocannon-post.mjs). */
  method?: 'GET' | 'POST';
  bodyFile?: string;
}

export interface LoadResult {
  tool: LoadTool;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  requestsPerSecond: number;
  requests: number;
  /** Response bytes (headers included) per response, as received. */
  bytesPerResponse: number;
  /** Answers that were not successes: wrk counts statuses ≥ 400, autocannon every non-2xx. */
  non2xx: number;
  /** Connect, read and write errors and timeouts. */
  errors: number;
}

export function wrkInstalled(): boolean {
  return !spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error;
}

export async function loadTest(o: LoadOptions): Promise<LoadResult> {
  const tool = o.method === 'POST' ? 'autocannon' : (o.tool ?? (wrkInstalled() ? 'wrk' : 'autocannon'));
  const headers = Object.entries(o.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  if (tool === 'wrk') {
    // One thread; a 10 s timeout as autocannon's, so a slow answer is a latency, not an error.
    const out = await run('wrk', ['-t', '1', '-c', String(o.connections), '-d', `${o.seconds}s`, '--timeout', '10s', '-s', join(HERE, 'wrk-report.lua'), ...headers, o.url]);
    return parseWrkReport(out);
  }
  if (o.method === 'POST' && o.bodyFile) {
    // Binary bodies through autocannon's API (autocannon-post.mjs); a 30 s timeout, as a check under load can take seconds.
    const out = await run(process.execPath, [
      join(HERE, 'autocannon-post.mjs'),
      JSON.stringify({ url: o.url, bodyFile: o.bodyFile, connections: o.connections, seconds: o.seconds, headers: o.headers ?? {} }),
    ]);
    return parseAutocannonReport(out);
  }
  const out = await run(process.execPath, [join(HERE, '../node_modules/autocannon/autocannon.js'), '-c', String(o.connections), '-d', String(o.seconds), ...headers, '-j', o.url]);
  return parseAutocannonReport(out);
}

/** A load test measured after a warm-up run at the same load, and what that warm-up saw. */
export interface WarmedLoadResult extends LoadResult {
  warmupSeconds: number;
  /** The warm-up run's p99 and slowest answer: the first seconds after a start, while V8 compiles the request path. */
  coldP99Ms: number;
  coldMaxMs: number;
  /** The server's CPU time per measured request, when it runs in this process (`inProcessServer`). */
  serverCpuMsPerRequest?: number;
}

/**
 * Loads `o.url` for `warmupSeconds` first, unmeasured, then measures. A server just started runs
 * its request path in V8's interpreter until the optimizing compiler has caught up: in the first
 * second at 100 connections a few hundred requests wait 0.3–1 s, so a 10 s run from cold puts
 * them into its p99 (one measured run from cold: p99 446 ms; the same server warm: 16–19 ms). A
 * portal serves for days after a start, so the steady state is the figure a visitor feels; the
 * cold run is reported beside it.
 */
export async function warmedLoadTest(o: LoadOptions & { warmupSeconds: number; inProcessServer?: boolean }): Promise<WarmedLoadResult> {
  const cold = o.warmupSeconds > 0 ? await loadTest({ ...o, seconds: o.warmupSeconds }) : undefined;
  // The server's CPU per request depends less on how busy the machine is than its latencies do.
  const cpu0 = process.cpuUsage();
  const r = await loadTest(o);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = o.inProcessServer ? Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, r.requests)) * 1000) / 1000 : undefined;
  return { ...r, warmupSeconds: o.warmupSeconds, coldP99Ms: cold?.p99Ms ?? r.p99Ms, coldMaxMs: cold?.maxMs ?? r.maxMs, ...(cpuMs === undefined ? {} : { serverCpuMsPerRequest: cpuMs }) };
}

/** The JSON line printed by bench/wrk-report.lua, the last line of wrk's output. */
export function parseWrkReport(stdout: string): LoadResult {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`wrk printed no report: ${stdout.slice(-300)}`);
  const w = JSON.parse(line) as Record<string, number>;
  const ms = (us: number) => Math.round(us) / 1000;
  const requests = w.requests!;
  return {
    tool: 'wrk',
    p50Ms: ms(w.p50Us!),
    p90Ms: ms(w.p90Us!),
    p99Ms: ms(w.p99Us!),
    maxMs: ms(w.maxUs!),
    requestsPerSecond: Math.round((requests / (w.durationUs! / 1e6)) * 10) / 10,
    requests,
    bytesPerResponse: requests ? Math.round(w.bytes! / requests) : 0,
    non2xx: w.statusErrors!,
    errors: w.connectErrors! + w.readErrors! + w.writeErrors! + w.timeouts!,
  };
}

/** autocannon's `-j` report. */
export function parseAutocannonReport(stdout: string): LoadResult {
  const a = JSON.parse(stdout) as {
    latency: { p50: number; p90: number; p99: number; max: number };
    requests: { average: number; total: number };
    throughput: { total: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    tool: 'autocannon',
    p50Ms: a.latency.p50,
    p90Ms: a.latency.p90,
    p99Ms: a.latency.p99,
    maxMs: a.latency.max,
    requestsPerSecond: a.requests.average,
    requests: a.requests.total,
    bytesPerResponse: a.requests.total ? Math.round(a.throughput.total / a.requests.total) : 0,
    non2xx: a.non2xx,
    errors: a.errors + a.timeouts,
  };
}

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', rej);
    child.on('close', (code) => (code === 0 ? res(out) : rej(new Error(`${cmd} exit ${code}: ${(err || out).slice(-300)}`))));
  });
}
