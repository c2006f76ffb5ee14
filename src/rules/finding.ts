/** Small constructors so every rule words its findings the same way. */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { Comparison } from '../printed/amounts.ts';
import type { Finding, FindingLocation, Rule, Severity } from './types.ts';

/** A finding of a rule, at a location, with the rule's severity unless `extra.severity` overrides it. */
export function finding(rule: Pick<Rule, 'id' | 'severity'>, message: string, location: FindingLocation, extra: { expected?: string; found?: string; severity?: Severity } = {}): Finding {
  const f: Finding = { rule: rule.id, severity: extra.severity ?? rule.severity, message, location };
  if (extra.expected !== undefined) f.expected = extra.expected;
  if (extra.found !== undefined) f.found = extra.found;
  return f;
}

/** Severity of a sum comparison: rounding noise is info, a real difference the rule's severity. */
export function severityFor(rule: Pick<Rule, 'severity'>, c: Comparison): Severity {
  return c === 'rounding' ? 'info' : rule.severity;
}

/** The location of a table (and optionally a row and column) as findings name it. */
export function at(t: DisclosureTable, row?: string, column?: string): FindingLocation {
  const loc: FindingLocation = { table: t.no };
  if (row) loc.row = row;
  if (column) loc.column = column;
  return loc;
}

/** "尾差" note appended to rounding-level findings. */
export function roundingNote(c: Comparison): string {
  return c === 'rounding' ? '（差额在尾差范围内）' : '';
}
