/**
 * The rule catalogue: one registry of pure checks that runs on any Disclosure, generated or read
 * from a published file. `checkDisclosure` is the one entry point (CLI check, build, server).
 */
import type { Budget } from '../core/budget.ts';
import type { Disclosure } from '../core/disclosure.ts';
import type { Template } from '../core/template.ts';
import { createContext, type RuleContext } from './context.ts';
import { scoreFindings, type Score } from './score.ts';
import { ARITHMETIC_RULES } from './arithmetic.ts';
import { COMPLETENESS_RULES } from './completeness.ts';
import { CODE_RULES } from './codes.ts';
import { CROSS_RULES } from './cross.ts';
import { CORRESPONDENCE_RULES } from './economic-correspondence.ts';
import { GLOSSARY_RULES } from './glossary.ts';
import { NARRATIVE_RULES } from './narrative.ts';
import { PERFORMANCE_RULES } from './performance.ts';
import { PRINT_RULES } from './print-format.ts';
import { ROLLUP_RULES } from './rollup.ts';
import { applyReadingTrust, type RuledFinding } from './reading-trust.ts';
import { SEVERITY_ORDER, summarize, type Finding, type Rule, type RuleMeta, type Severity } from './types.ts';

export type { Score, ScoreItem } from './score.ts';
export { checkRollup } from './rollup.ts';
export type { Finding, FindingLocation, Rule, RuleMeta, Severity } from './types.ts';
export { SEVERITY_NAMES, summarize } from './types.ts';

export const RULES: readonly Rule[] = [
  ...COMPLETENESS_RULES,
  ...ARITHMETIC_RULES,
  ...CROSS_RULES,
  ...CORRESPONDENCE_RULES,
  ...PRINT_RULES,
  ...CODE_RULES,
  ...NARRATIVE_RULES,
  ...GLOSSARY_RULES,
  ...PERFORMANCE_RULES,
];

/** Reported when a rule itself fails: the checker's fault, never the document's. */
export const INTERNAL_RULE = 'internal.rule-crash';

/** Every rule for listings: the registry, then the department roll-up rules (checkRollup). */
export function ruleMeta(): RuleMeta[] {
  return [...RULES.map(({ check: _check, ...meta }) => meta), ...ROLLUP_RULES];
}

export interface CheckOptions {
  budget?: Budget;
  /** A template id or file, or the template itself (one learned by `template infer` has no id to load). */
  template?: string | Template;
  /** Run only these rule ids (tests). */
  only?: string[];
}

/** Every rule of the catalogue on a disclosure, generated or read: the findings, sorted and with reading doubts softened. */
export function checkDisclosure(disclosure: Disclosure, opts: CheckOptions = {}): Finding[] {
  return runChecks(disclosure, opts).findings;
}

/** Findings and the self-assessment score computed from them. */
export function checkAndScore(disclosure: Disclosure, opts: CheckOptions = {}): { findings: Finding[]; score: Score } {
  const { findings, ctx } = runChecks(disclosure, opts);
  return { findings, score: scoreFindings(ctx, findings, RULES) };
}

function runChecks(disclosure: Disclosure, opts: CheckOptions): { findings: Finding[]; ctx: RuleContext } {
  const ctx = createContext(disclosure, { budget: opts.budget, template: opts.template });
  const found: RuledFinding[] = [];
  const crashed: Finding[] = [];
  for (const rule of RULES) {
    if (opts.only && !opts.only.includes(rule.id)) continue;
    try {
      for (const finding of rule.check(ctx)) found.push({ rule, finding });
    } catch (e) {
      crashed.push({
        rule: INTERNAL_RULE,
        severity: 'warning',
        message: `规则 ${rule.id} 执行失败，未能完成该项检查：${e instanceof Error ? e.message : String(e)}`,
        location: {},
      });
    }
  }
  return { findings: sortFindings([...applyReadingTrust(ctx, found), ...crashed]), ctx };
}

/** Most severe first, then by table number, then in rule order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || (a.f.location.table ?? 999) - (b.f.location.table ?? 999) || a.i - b.i)
    .map((x) => x.f);
}
