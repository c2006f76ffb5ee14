/**
 * The command line as a user runs it, on the real published PDFs of fixtures/real/: every figure is
 * the wall time of a `node bin/gongkai.js …` process from spawn to exit (Node's own start, loading
 * the CLI, reading through poppler's pdftotext, the rule catalogue, the report), and its peak RSS
 * (process.resourceUsage().maxRSS of the CLI process, its worker threads included; pdftotext is a
 * separate process and not counted), written at exit by bench/tasks/max-rss.mjs, preloaded with
 * --import (a few lines; it costs no measurable time).
 *
 * The CPU time of each run (the CLI process with its worker threads and the pdftotext it runs) is
 * reported beside its wall time: on a machine shared with other work, wall time grows with the
 * load, CPU time hardly.
 *
 *   - start-up: `gongkai --help`, the median of a few runs;
 *   - batch: `gongkai check --threads T --batch <every PDF>` once; seconds per document = wall ÷ PDFs;
 *   - single: `gongkai check <pdf>` for one named document (the median of a few runs), and once for
 *     every PDF of the corpus, alone: median, slowest, and the largest peak RSS.
 *
 * bin/gongkai.js runs the compiled dist/ when it is current, otherwise the sources through tsx;
 * `entry` says which was measured (`npm run bench` builds dist/ first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { distIsCurrent } from '../bin/dist-current.js';

export interface CliCheckParams {
  /** PDFs checked together in the batch and one by one. */
  files: string[];
  /** The document timed on its own several times (the README's example). */
  single: string;
  singleRuns: number;
  helpRuns: number;
  threads: number;
  /** Also check every file of `files` on its own (slowest single check, largest peak RSS). */
  everySingle: boolean;
}

interface Run {
  seconds: number;
  /** CPU time of the CLI process and everything it ran (worker threads, pdftotext); NaN off Linux. */
  cpuSeconds: number;
  rssMiB: number;
  code: number | null;
  stderr: string;
}

/**
 * CPU seconds (user + system) of this process's waited-for children and their waited-for
 * descendants, from /proc/self/stat (cutime + cstime, in clock ticks of 1/100 s on Linux); the
 * difference across one CLI run is that run's CPU, pdftotext included. NaN where /proc is absent.
 */
function childrenCpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return NaN;
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function cliCheckPhase(p: CliCheckParams, root: string): Promise<Record<string, unknown>> {
  if (spawnSync('pdftotext', ['-v']).error) return { notMeasured: 'pdftotext (poppler-utils) is not installed: bash scripts/setup-system.sh bench' };
  if (p.files.length === 0) return { notMeasured: 'no PDF in fixtures/real/' };
  const bin = join(root, 'bin/gongkai.js');
  const preload = join(root, 'bench/tasks/max-rss.mjs');
  const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-cli-'));
  let n = 0;
  const cli = (args: string[]): Promise<Run> =>
    new Promise((resolve, reject) => {
      const rssFile = join(work, `rss-${n++}`);
      const cpu0 = childrenCpuSeconds();
      const t = performance.now();
      const child = spawn(process.execPath, ['--import', preload, bin, ...args], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, GONGKAI_BENCH_RSS_FILE: rssFile },
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const seconds = (performance.now() - t) / 1000;
        const cpuSeconds = childrenCpuSeconds() - cpu0;
        let rssMiB = NaN;
        try {
          rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
        } catch {
          // the process died before its exit handler ran
        }
        resolve({ seconds, cpuSeconds, rssMiB, code, stderr });
      });
    });
  const ok = (r: Run, what: string) => {
    if (r.code !== 0 && r.code !== 1) throw new Error(`${what}: exit ${r.code}: ${r.stderr.trim().split('\n').pop() ?? ''}`);
    return r;
  };

  try {
    const entry = distIsCurrent(root) ? 'dist' : 'tsx';
    const help: Run[] = [];
    for (let i = 0; i < p.helpRuns; i++) {
      const r = await cli(['--help']);
      if (r.code !== 0) throw new Error(`gongkai --help: exit ${r.code}`);
      help.push(r);
    }

    const batch = await cli(['check', '--threads', String(p.threads), '--batch', ...p.files]);
    if (batch.code !== 0 && batch.code !== 1 && batch.code !== 3) throw new Error(`check --batch: exit ${batch.code}: ${batch.stderr.trim().split('\n').pop() ?? ''}`);
    // 已检查 2 个（共 2 个输入），用时 1.5 秒（每秒 1 个）；3 个单位有 5 个错误，警告 4 个；跳过 0 个输入
    const summary = /已检查 (\d+) 个（共 (\d+) 个输入）.*?；(\d+) 个单位有 (\d+) 个错误，警告 (\d+) 个；跳过 (\d+) 个输入/.exec(batch.stderr);
    if (!summary) throw new Error(`check --batch printed no summary: ${batch.stderr.trim().split('\n').pop() ?? ''}`);

    const named: Run[] = [];
    for (let i = 0; i < p.singleRuns; i++) named.push(ok(await cli(['check', p.single]), `check ${basename(p.single)}`));

    const each: { file: string; seconds: number; cpuSeconds: number; rssMiB: number }[] = [];
    if (p.everySingle) {
      for (const f of p.files) {
        const r = ok(await cli(['check', f]), `check ${basename(f)}`);
        each.push({ file: basename(f), seconds: r.seconds, cpuSeconds: r.cpuSeconds, rssMiB: r.rssMiB });
      }
    } else {
      for (const r of named) each.push({ file: basename(p.single), seconds: r.seconds, cpuSeconds: r.cpuSeconds, rssMiB: r.rssMiB });
    }
    const slowest = each.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    const largest = each.reduce((a, b) => (b.rssMiB > a.rssMiB ? b : a));

    return {
      entry,
      threads: p.threads,
      documents: p.files.length,
      helpSeconds: median(help.map((r) => r.seconds)),
      helpCpuSeconds: median(help.map((r) => r.cpuSeconds)),
      helpRssMiB: Math.max(...help.map((r) => r.rssMiB)),
      batchSeconds: batch.seconds,
      batchSecondsPerDocument: batch.seconds / p.files.length,
      batchCpuSecondsPerDocument: batch.cpuSeconds / p.files.length,
      batchChecked: Number(summary[1]),
      batchSkipped: Number(summary[6]),
      batchErrors: Number(summary[4]),
      batchWarnings: Number(summary[5]),
      batchPeakRssMiB: batch.rssMiB,
      singleFile: basename(p.single),
      singleSeconds: median(named.map((r) => r.seconds)),
      singleCpuSeconds: median(named.map((r) => r.cpuSeconds)),
      singleRssMiB: Math.max(...named.map((r) => r.rssMiB)),
      singleRuns: named.length,
      eachDocuments: p.everySingle ? each.length : 0,
      eachMedianSeconds: median(each.map((x) => x.seconds)),
      eachSlowestSeconds: slowest.seconds,
      eachSlowestCpuSeconds: slowest.cpuSeconds,
      eachSlowestFile: slowest.file,
      eachOverOneSecond: each.filter((x) => x.seconds > 1).map((x) => x.file),
      eachLargestRssFile: largest.file,
      // "Peak RSS of one document's check": the largest over the single checks.
      peakRssMiB: largest.rssMiB,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
