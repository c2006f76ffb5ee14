/** The Yingkou reference package, generated from fixtures/yingkou-2024/budget.json (for tests and the round trip). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Disclosure } from '../core/disclosure.ts';
import { generateOrThrow } from '../pipeline/generate.ts';

export const YINGKOU_BUDGET = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/yingkou-2024/budget.json');

/** Generates a budget JSON value's Disclosure; throws on invalid input. */
export function disclosureOfBudget(json: unknown, template?: string): Disclosure {
  return generateOrThrow(json, 'budget', { template }).disclosure;
}

export function yingkouBudgetJson(): unknown {
  return JSON.parse(readFileSync(YINGKOU_BUDGET, 'utf8'));
}

export function yingkouDisclosure(): Disclosure {
  return disclosureOfBudget(yingkouBudgetJson());
}
