/**
 * Budget JSON → validated budget → Disclosure → findings, as the portal needs it for drafts,
 * publishing and batch checks. Never throws on user data: validation problems come back as
 * Chinese-prefixed messages.
 */
import { validateBudget, type Issue } from '../core/budget-validate.ts';
import type { Budget } from '../core/budget.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { buildDisclosure, checkDisclosure, type Finding } from './engines.ts';

export interface Generated {
  budget?: Budget;
  disclosure?: Disclosure;
  findings: Finding[];
  /** Budget validation errors (the package could not be generated). */
  inputErrors: Issue[];
  inputWarnings: Issue[];
}

export function generate(budgetJson: unknown): Generated {
  const v = validateBudget(budgetJson);
  if (!v.budget) return { findings: [], inputErrors: v.errors, inputWarnings: v.warnings };
  try {
    const { disclosure, warnings } = buildDisclosure(v.budget);
    const findings = checkDisclosure(disclosure, { budget: v.budget });
    return { budget: v.budget, disclosure, findings, inputErrors: [], inputWarnings: [...v.warnings, ...warnings] };
  } catch (e) {
    return { budget: v.budget, findings: [], inputErrors: [{ path: '(生成)', message: `无法生成公开文件：${(e as Error).message}` }], inputWarnings: v.warnings };
  }
}

export function countBySeverity(findings: Finding[]) {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' } as const;
