/**
 * Times `checkDisclosure` on generated packages (random budgets built with the Liaoning template):
 *   node --import tsx scripts/profile-rules.ts [count=2000]
 * Add `--cpu-prof` to node's flags for a profile of the same run. Reports CPU time of this process
 * (process.cpuUsage), which a busy machine disturbs far less than wall-clock time.
 */
import { validateBudget } from '../src/core/budget-validate.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../src/core/template.ts';
import { buildDisclosure } from '../src/generate/build-disclosure.ts';
import { checkDisclosure } from '../src/rules/index.ts';
import { randomBudget } from '../src/synth/random-budget.ts';

const count = Number(process.argv[2] ?? 2000);
const template = loadTemplate(DEFAULT_TEMPLATE);
let buildMs = 0;
let checkMs = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let n = 0;
for (let seed = 1; seed <= count; seed++) {
  const t0 = cpuMs();
  const r = validateBudget(randomBudget(seed));
  if (!r.budget) continue;
  const { disclosure } = buildDisclosure(r.budget, { template });
  const t1 = cpuMs();
  checkDisclosure(disclosure, { budget: r.budget });
  const t2 = cpuMs();
  buildMs += t1 - t0;
  checkMs += t2 - t1;
  n++;
}
const per = (ms: number) => (ms / n).toFixed(3);
console.log(`${n} packages: build ${per(buildMs)} ms, check ${per(checkMs)} ms per package (CPU time); build+check ${(n / ((buildMs + checkMs) / 1000)).toFixed(0)} units/s on one core`);
