/**
 * The rule catalogue's data types: a rule is a small pure function over a RuleContext that returns
 * findings; it never throws on user data (the runner reports a crash as an internal finding).
 */
import type { RuleContext } from './context.ts';

export type Severity = 'error' | 'warning' | 'info';

/**
 * exact: the identity must hold to the cent; rounding: |Δ| ≤ one printed cent per part summed is
 * reported as info (尾差), more as the rule's severity; parsed-document: a judgement on wording or
 * layout of a document as published (placeholders, years, goal texts).
 */
export type Tolerance = 'exact' | 'rounding' | 'parsed-document';

/** codes: a row's own code, name and number (not its amounts), so not capped on inferred layouts. */
export type Family = 'completeness' | 'arithmetic' | 'cross-table' | 'format' | 'codes' | 'narrative' | 'glossary' | 'performance' | 'rollup';

export interface FindingLocation {
  table?: number;
  row?: string;
  column?: string;
  section?: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  location: FindingLocation;
  expected?: string;
  found?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  tolerance: Tolerance;
  family: Family;
  basis: string;
  /** Rules checking the same figures from the other side (cross-table rules). */
  related?: string[];
}

export interface Rule extends RuleMeta {
  check: (ctx: RuleContext) => Finding[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** How each severity is named to people: 错误, 警告, 提示. */
export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** How many findings of each severity. */
export function summarize(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const s: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) s[f.severity]++;
  return s;
}

export const BASIS = {
  budgetLaw: '《中华人民共和国预算法》第十四条',
  rules143: '财预〔2016〕143号《地方预决算公开操作规程》',
  template: '模板说明',
  perf: '《项目支出绩效评价管理办法》（财预〔2020〕10号）及绩效目标编制要求',
} as const;
