import fc from 'fast-check';
import { loadTargets, runTarget } from './targets.ts';
import { applyMutation, describeMutation } from './mutate.ts';
const ts = await loadTargets();
for (const name of (process.argv[2] ?? 'text-reader').split(',')) {
  const t = ts.find((x) => x.name === name)!;
  const seeds = await t.seeds();
  const samples = fc.sample(fc.tuple(fc.nat({ max: seeds.length - 1 }), t.mutation), { seed: Number(process.argv[3] ?? 1), numRuns: Number(process.argv[4] ?? 150) });
  const msgs = new Map<string, number>();
  for (const [i, m] of samples) {
    const v = await runTarget(t, applyMutation(seeds[i]!, m));
    if (v.ms > 800) console.log(name, Math.round(v.ms), v.kind, describeMutation(m).slice(0, 200));
    if (v.kind !== 'ok') { const k = v.message.slice(0, 90); msgs.set(k, (msgs.get(k) ?? 0) + 1); }
    if (v.kind === 'crash') console.log('CRASH', v.message);
  }
  console.log([...msgs].sort((a, b) => b[1] - a[1]).slice(0, 15));
}
