/**
 * One fuzz campaign over a target: fast-check draws (seed document, mutation) pairs from a fixed
 * or random seed until the run count or the time budget is reached; every outcome is counted and
 * any crash or input slower than TIME_LIMIT_MS fails the property (fast-check then shrinks it).
 */
import fc from 'fast-check';
import { applyMutation, describeMutation, type Mutation } from './mutate.ts';
import { runTarget, TIME_LIMIT_MS, type FuzzTarget } from './targets.ts';

export interface CampaignStats {
  target: string;
  inputs: number;
  ok: number;
  rejected: number;
  crashes: number;
  slow: number;
  slowestMs: number;
  /** The shrunk failing case, if any. */
  failure?: { seedIndex: number; mutation: Mutation; description: string; message: string; bytes: Uint8Array };
}

export async function runCampaign(target: FuzzTarget, opts: { seed: number; timeMs: number; maxRuns?: number; onCase?: (seedIndex: number, m: Mutation | null) => void }): Promise<CampaignStats> {
  const seeds = await target.seeds();
  const stats: CampaignStats = { target: target.name, inputs: 0, ok: 0, rejected: 0, crashes: 0, slow: 0, slowestMs: 0 };
  if (!seeds.length) return stats;
  let lastMessage = '';
  // Warm-up (lazy imports of SheetJS/pdfjs, caches), not timed; then the unmutated seeds: they must read.
  await runTarget(target, seeds[0]!);
  for (const [i, s] of seeds.entries()) {
    opts.onCase?.(i, null);
    const v = await runTarget(target, s);
    count(v);
  }
  function count(v: Awaited<ReturnType<typeof runTarget>>): boolean {
    stats.inputs++;
    stats.slowestMs = Math.max(stats.slowestMs, v.ms);
    if (v.kind === 'crash') {
      stats.crashes++;
      lastMessage = v.message;
      return false;
    }
    if (v.ms > TIME_LIMIT_MS) {
      stats.slow++;
      lastMessage = `took ${Math.round(v.ms)} ms (limit ${TIME_LIMIT_MS})`;
      return false;
    }
    if (v.kind === 'ok') stats.ok++;
    else stats.rejected++;
    return true;
  }
  const result = await fc.check(
    fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), target.mutation, async (i, m) => {
      opts.onCase?.(i, m);
      return count(await runTarget(target, applyMutation(seeds[i]!, m)));
    }),
    { seed: opts.seed, numRuns: opts.maxRuns ?? 1_000_000, interruptAfterTimeLimit: opts.timeMs, markInterruptAsFailure: false, endOnFailure: false },
  );
  if (result.failed && result.counterexample) {
    const [seedIndex, mutation] = result.counterexample as [number, Mutation];
    const bytes = applyMutation(seeds[seedIndex]!, mutation);
    const again = await runTarget(target, bytes);
    stats.failure = { seedIndex, mutation, description: describeMutation(mutation), message: again.kind === 'crash' ? again.message : lastMessage, bytes };
  }
  return stats;
}

export function formatStats(s: CampaignStats): string {
  return `fuzz ${s.target}: ${s.inputs} inputs, ${s.ok} read, ${s.rejected} rejected clearly, ${s.crashes} crashes, ${s.slow} over ${TIME_LIMIT_MS / 1000} s (slowest ${Math.round(s.slowestMs)} ms)`;
}
