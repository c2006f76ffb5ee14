/** The Yingkou reference package, generated from fixtures/yingkou-2024/budget.json (for tests and the round trip). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateBudget } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';

export const YINGKOU_BUDGET = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/yingkou-2024/budget.json');

/** Validates a budget JSON value and builds its Disclosure; throws with the first validation errors. */
export function disclosureOfBudget(json: unknown, template = 'liaoning-2024'): Disclosure {
  const r = validateBudget(json);
  if (!r.budget) throw new Error(`invalid budget: ${r.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return buildDisclosure(r.budget, { template: loadTemplate(template) }).disclosure;
}

export function yingkouBudgetJson(): unknown {
  return JSON.parse(readFileSync(YINGKOU_BUDGET, 'utf8'));
}

export function yingkouDisclosure(): Disclosure {
  return disclosureOfBudget(yingkouBudgetJson());
}
