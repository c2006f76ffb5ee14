/**
 * Times one batch-build unit's stages on one thread over synthetic unit budgets on disk (the work
 * of src/batch/build-task.ts without the worker pool): read + JSON.parse, validate (zod + catalog),
 * build the disclosure, check it, serialise + write disclosure.json. Each stage runs over all the
 * units in turn and is timed in CPU time (user + system), so a loaded machine skews it less; the
 * whole set is run `rounds` times and the last round (warm) is the figure.
 *   node --import tsx scripts/profile-build.ts <synth units folder> [count=300] [rounds=2]
 * Add `--cpu-prof` to node's flags for a profile of the same run (summarise it with
 * scripts/profile-summary.ts). Inputs: `gongkai synth --units N --seed 2024 -o <dir>`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Budget } from '../src/core/budget.ts';
import { validateBudget } from '../src/core/budget-validate.ts';
import type { Disclosure } from '../src/core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../src/core/template.ts';
import { listInputs } from '../src/batch/list-inputs.ts';
import { buildDisclosure } from '../src/generate/build-disclosure.ts';
import { checkDisclosure, type Finding } from '../src/rules/index.ts';

const [dir, countArg, roundsArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: profile-build.ts <synth units folder> [count] [rounds]');
const count = Number(countArg ?? 300);
const rounds = Number(roundsArg ?? 2);

const files: string[] = [];
for await (const f of listInputs([dir], (n) => n.endsWith('.json'))) {
  files.push(f.path);
  if (files.length >= count) break;
}
const template = loadTemplate(DEFAULT_TEMPLATE);
const out = mkdtempSync(join(tmpdir(), 'gongkai-profile-'));

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function stage<T, R>(items: T[], f: (x: T, i: number) => R): { results: R[]; ms: number } {
  const t = cpuMs();
  const results = items.map(f);
  return { results, ms: (cpuMs() - t) / items.length };
}

for (let round = 1; round <= rounds; round++) {
  const read = stage(files, (f) => JSON.parse(readFileSync(f, 'utf8')) as unknown);
  const validate = stage(read.results, (j) => validateBudget(j).budget);
  const budgets = validate.results.filter((b): b is Budget => b !== undefined);
  const build = stage(budgets, (b) => buildDisclosure(b, { template }).disclosure);
  const check = stage(build.results, (d, i) => checkDisclosure(d, { budget: budgets[i]!, template: template.id }));
  const write = stage(build.results, (d: Disclosure, i) => {
    const unitDir = join(out, String(i));
    mkdirSync(unitDir, { recursive: true });
    writeFileSync(join(unitDir, 'disclosure.json'), JSON.stringify({ ...d, findings: check.results[i] as Finding[] }));
  });
  const parts = { read: read.ms, validate: validate.ms, build: build.ms, check: check.ms, write: write.ms };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  console.log(
    `round ${round}: ${budgets.length} units, ${total.toFixed(2)} ms CPU per unit on one thread = ${(1000 / total).toFixed(0)} units/s; ` +
      Object.entries(parts)
        .map(([k, v]) => `${k} ${v.toFixed(2)} ms (${((100 * v) / total).toFixed(0)} %)`)
        .join(', '),
  );
}
rmSync(out, { recursive: true, force: true });
