/**
 * The long fuzz run: `npm run fuzz [-- --seed N] [--minutes M] [--target name,…]`. Each target runs
 * in its own worker thread with a memory cap; a case that takes longer than 5 s (a hang) or blows
 * the cap (unbounded memory) kills the worker and is reported with its seed document and mutation.
 * Failing inputs are written to test/regressions/<target>/ (raw when small, else as a recipe), so
 * they become regression tests. Prints the seed first, then the figures; exits 1 on any failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describeMutation, type Mutation } from '../test/fuzz/mutate.ts';
import { loadTargets, ROOT, TIME_LIMIT_MS } from '../test/fuzz/targets.ts';
import { formatStats, type CampaignStats } from '../test/fuzz/campaign.ts';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
const minutes = Number(arg('minutes') ?? 10);
const only = arg('target')?.split(',');
const memoryMb = Number(arg('memory-mb') ?? 1536);

console.log(`fuzz seed ${seed} (replay: npm run fuzz -- --seed ${seed} --minutes ${minutes}${only ? ` --target ${only.join(',')}` : ''})`);
const targets = (await loadTargets()).filter((t) => !only || only.includes(t.name));
const perTargetMs = (minutes * 60_000) / targets.length;

interface Outcome {
  stats: CampaignStats | null;
  problem?: { kind: 'hang' | 'memory' | 'crash'; seedIndex: number; mutation: Mutation | null; message: string; bytes?: Uint8Array };
}

function runWorker(name: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const w = new Worker(new URL('../test/fuzz/fuzz-worker.mjs', import.meta.url), {
      workerData: { target: name, seed, timeMs: perTargetMs },
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    let current: { seedIndex: number; mutation: Mutation | null } = { seedIndex: 0, mutation: null };
    let lastBeat = Date.now();
    let cases = 0;
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      void w.terminate();
      resolve(o);
    };
    // Startup (loading seeds, rendering) gets a longer grace than one case.
    const watchdog = setInterval(() => {
      const limit = cases === 0 ? 120_000 : TIME_LIMIT_MS * 2;
      if (Date.now() - lastBeat > limit) finish({ stats: null, problem: { kind: 'hang', ...current, message: `no answer for ${Math.round((Date.now() - lastBeat) / 1000)} s after ${cases} cases` } });
    }, 500);
    w.on('message', (m: { case?: { seedIndex: number; mutation: Mutation | null }; stats?: CampaignStats & { failure?: { bytes: string } } }) => {
      lastBeat = Date.now();
      if (m.case) {
        current = m.case;
        cases++;
      }
      if (m.stats) {
        const s = m.stats as CampaignStats;
        const f = m.stats.failure as unknown as { seedIndex: number; mutation: Mutation; message: string; bytes: string } | undefined;
        finish({ stats: s, problem: f ? { kind: 'crash', seedIndex: f.seedIndex, mutation: f.mutation, message: f.message, bytes: Buffer.from(f.bytes, 'base64') } : undefined });
      }
    });
    w.on('error', (e) => finish({ stats: null, problem: { kind: /memory|heap/i.test(e.message) ? 'memory' : 'crash', ...current, message: e.message } }));
    w.on('exit', (code) => finish({ stats: null, problem: { kind: 'crash', ...current, message: `worker exited with code ${code}` } }));
  });
}

function keep(target: { name: string; ext: string }, p: NonNullable<Outcome['problem']>) {
  const dir = join(ROOT, 'test/regressions', target.name);
  mkdirSync(dir, { recursive: true });
  const id = createHash('sha256')
    .update(JSON.stringify([p.seedIndex, p.mutation]))
    .digest('hex')
    .slice(0, 12);
  if (p.bytes && p.bytes.length <= 256 * 1024) {
    const file = join(dir, `${p.kind}-${id}.${target.ext}`);
    writeFileSync(file, p.bytes);
    return file;
  }
  const file = join(dir, `${p.kind}-${id}.recipe.json`);
  writeFileSync(file, JSON.stringify({ note: `${p.kind} found by npm run fuzz (seed ${seed}): ${p.message.split('\n')[0]}`, seed: p.seedIndex, mutation: p.mutation }, null, 1) + '\n');
  return file;
}

let inputs = 0;
let failures = 0;
for (const t of targets) {
  const o = await runWorker(t.name);
  if (o.stats) {
    inputs += o.stats.inputs;
    console.log(formatStats(o.stats));
  }
  if (o.problem) {
    failures++;
    const file = keep(t, o.problem);
    console.log(
      `  ${o.problem.kind.toUpperCase()} in ${t.name}: seed document ${o.problem.seedIndex}, mutation ${o.problem.mutation ? describeMutation(o.problem.mutation) : '(none)'}\n  ${o.problem.message.split('\n').join('\n  ')}\n  kept as ${file}`,
    );
  }
}
console.log(`fuzz total: ${inputs} inputs tried, ${failures} failures (crashes, hangs over ${TIME_LIMIT_MS / 1000} s, or memory over ${memoryMb} MB), seed ${seed}`);
process.exit(failures ? 1 : 0);
