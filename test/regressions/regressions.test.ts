/**
 * The regression corpus: every input that once crashed, hung or nearly hung a target, kept under
 * test/regressions/<target>/. A file is the input itself; a `*.recipe.json` names a seed document of
 * the target and the mutation that produced a large input (kept as a recipe, not 10 MB of bytes).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { applyMutation, type Mutation } from '../fuzz/mutate.ts';
import { loadTargets, runTarget, TIME_LIMIT_MS } from '../fuzz/targets.ts';

const dir = new URL('.', import.meta.url).pathname;
const targets = new Map((await loadTargets()).map((t) => [t.name, t]));
let inputs = 0;

for (const name of readdirSync(dir).sort()) {
  if (!statSync(join(dir, name)).isDirectory()) continue;
  const target = targets.get(name);
  for (const file of readdirSync(join(dir, name)).sort()) {
    test(`regression ${name}/${file}`, { skip: target ? false : `target ${name} not available` }, async () => {
      let bytes: Uint8Array;
      if (file.endsWith('.recipe.json')) {
        const r = JSON.parse(readFileSync(join(dir, name, file), 'utf8')) as { seed: number; mutation: Mutation };
        const seeds = await target!.seeds();
        bytes = applyMutation(seeds[r.seed % seeds.length]!, r.mutation);
      } else bytes = readFileSync(join(dir, name, file));
      const v = await runTarget(target!, bytes);
      inputs++;
      if (process.env.GONGKAI_REGRESSION_TIMES) console.log(`${name}/${file}: ${v.kind} in ${Math.round(v.ms)} ms`);
      assert.notEqual(v.kind, 'crash', v.kind === 'crash' ? v.message : '');
      assert.ok(v.ms < TIME_LIMIT_MS, `took ${Math.round(v.ms)} ms`);
    });
  }
}

test('regression corpus summary', () => {
  console.log(`regressions: ${inputs} inputs replayed, 0 crashes`);
});
