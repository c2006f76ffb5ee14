/**
 * Fuzzing every reader, the budget validator, the input workbook and the data package with a
 * fixed seed and a time budget (GONGKAI_FUZZ_SECONDS in total, default 45; `npm run fuzz` runs
 * longer with a random seed). Every input must end in a result or a clear error within 5 s.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatStats, runCampaign, type CampaignStats } from './campaign.ts';
import { loadTargets } from './targets.ts';

const SEED = Number(process.env.GONGKAI_FUZZ_SEED ?? 20241126);
const TOTAL_MS = Number(process.env.GONGKAI_FUZZ_SECONDS ?? 45) * 1000;
const targets = await loadTargets();
const all: CampaignStats[] = [];
// A PDF input costs 0.5–2 s where the other targets take milliseconds: the PDF reader gets a
// larger share, so it is fed mutated inputs and not only its seeds.
const WEIGHT: Record<string, number> = { 'pdf-reader': 5 };
const shares = targets.reduce((a, t) => a + (WEIGHT[t.name] ?? 1), 0);

for (const t of targets) {
  test(`fuzz ${t.name}: no crash, no hang (seed ${SEED})`, { timeout: TOTAL_MS + 120_000 }, async () => {
    const s = await runCampaign(t, { seed: SEED, timeMs: (TOTAL_MS * (WEIGHT[t.name] ?? 1)) / shares });
    all.push(s);
    console.log(formatStats(s));
    assert.ok(s.inputs > 0, 'the target has seeds');
    assert.equal(s.failure, undefined, s.failure && `${t.name} failed on seed ${s.failure.seedIndex} with ${s.failure.description}:\n${s.failure.message}`);
    assert.equal(s.crashes + s.slow, 0);
  });
}

test('fuzz totals', () => {
  const sum = (k: 'inputs' | 'crashes' | 'slow') => all.reduce((a, s) => a + s[k], 0);
  console.log(`fuzz total: ${sum('inputs')} inputs tried over ${all.length} targets, ${sum('crashes')} crashes, ${sum('slow')} hangs (seed ${SEED})`);
});
