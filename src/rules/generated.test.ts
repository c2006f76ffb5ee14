/**
 * The rules on generated packages: no error on the Yingkou fixture or on 500 random budgets, and
 * planted defects (one printed amount changed by ≥ 0.02 万元) are found on the changed table.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDisclosure, type Finding } from './index.ts';
import { randomPackages, yingkouPackage, type Generated } from './testing/generated.ts';
import { plantDefect } from './testing/plant.ts';

const RANDOM = 500;
const PLANTS = 1000;

const errors = (g: Generated): Finding[] => checkDisclosure(g.disclosure, { budget: g.budget }).filter((f) => f.severity === 'error');

test('the generated Yingkou package has no errors (its document defects remain warnings)', () => {
  const g = yingkouPackage();
  assert.deepEqual(
    errors(g).map((f) => f.message),
    [],
  );
  const all = checkDisclosure(g.disclosure, { budget: g.budget });
  assert.ok(all.some((f) => f.rule === 'perf.rate-percent' && /网络系统正常运行率/.test(f.message)));
});

const { packages, invalid } = randomPackages(RANDOM);

test(`${RANDOM} random budgets build and check with zero errors`, () => {
  assert.deepEqual(invalid, [], 'random budgets that do not validate');
  const bad: string[] = [];
  for (const g of packages) for (const f of errors(g)) bad.push(`seed ${g.seed}: ${f.rule} ${f.message}`);
  assert.deepEqual(bad.slice(0, 10), []);
});

// Baselines once per package; plants spread over the first 200 packages and the Yingkou fixture.
const pool = [...packages.slice(0, 200), yingkouPackage()];
const baselines = new Map<Generated, Set<string>>();
const baseline = (g: Generated) => {
  if (!baselines.has(g)) baselines.set(g, new Set(checkDisclosure(g.disclosure, { budget: g.budget }).map((f) => `${f.rule}|${f.message}`)));
  return baselines.get(g)!;
};

let detected = 0;
let planted = 0;
const misses: string[] = [];
for (let i = 0; i < PLANTS; i++) {
  const g = pool[i % pool.length]!;
  const p = plantDefect(g.disclosure, 7919 * i + 13);
  if (!p) continue;
  planted++;
  const base = baseline(g);
  const fresh = checkDisclosure(p.disclosure, { budget: g.budget }).filter((f) => !base.has(`${f.rule}|${f.message}`));
  if (fresh.some((f) => f.location.table === p.table || f.message.includes(`表${p.table}「`))) detected++;
  else misses.push(`seed ${g.seed} ${p.description}: ${fresh.map((f) => f.rule).join(', ') || 'nothing'}`);
}
const rate = planted ? detected / planted : 0;

test(`planted defects: ${detected}/${planted} detected on the changed table (${(rate * 100).toFixed(1)}%, need ≥ 99%)`, () => {
  assert.equal(planted, PLANTS);
  assert.ok(rate >= 0.99, `missed:\n${misses.slice(0, 20).join('\n')}`);
});
