/** Generated packages for the rule tests: the Yingkou fixture and random budgets, built once each. */
import { readFileSync } from 'node:fs';
import type { Budget } from '../../core/budget.ts';
import { validateBudget } from '../../core/budget-validate.ts';
import type { Disclosure } from '../../core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../../core/template.ts';
import { buildDisclosure } from '../../generate/build-disclosure.ts';
import { randomBudget } from '../../synth/random-budget.ts';

export interface Generated {
  seed: number | 'yingkou';
  budget: Budget;
  disclosure: Disclosure;
}

const template = loadTemplate(DEFAULT_TEMPLATE);

export function buildFrom(json: unknown, seed: Generated['seed']): Generated | undefined {
  const r = validateBudget(json);
  if (!r.budget) return undefined;
  return { seed, budget: r.budget, disclosure: buildDisclosure(r.budget, { template }).disclosure };
}

export function yingkouPackage(): Generated {
  const json = JSON.parse(readFileSync(new URL('../../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
  return buildFrom(json, 'yingkou')!;
}

/** Random packages for seeds from..from+count-1 (seeds whose budget does not validate are skipped and counted). */
export function randomPackages(count: number, from = 1): { packages: Generated[]; invalid: number[] } {
  const packages: Generated[] = [];
  const invalid: number[] = [];
  for (let seed = from; seed < from + count; seed++) {
    const g = buildFrom(randomBudget(seed), seed);
    if (g) packages.push(g);
    else invalid.push(seed);
  }
  return { packages, invalid };
}
