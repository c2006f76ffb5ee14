/**
 * How far findings may trust the reading they rest on. On a published document whose layout no
 * template describes, each table's columns were inferred from its printed header; a reading doubt
 * must not become an 错误. A table whose own sums hold on all but one or two rows was read right —
 * its few failing rows are the document's defects and keep their severity. A table failing on many
 * rows was most likely read with shifted columns: its arithmetic findings become 提示 with the reason.
 * Comparisons across tables, with the narrative, of printing and of goal tables keep their severity
 * only when every table of the document was read consistently.
 */
import type { Finding, Family, Rule } from './types.ts';
import type { RuleContext } from './context.ts';

/** Failing rows (distinct) a consistently read table may have. */
const FEW_ROWS = 2;
/** Narrative rules that compare the text with amounts read from the tables. */
const TABLE_READING_RULES = new Set(['narrative.amounts']);
const DEPENDS_ON_READING = new Set<Family>(['arithmetic', 'cross-table', 'performance', 'format']);

/** A published document read without a template of its layout. */
export function inferredLayout(ctx: RuleContext): boolean {
  return !ctx.templateKnown && ctx.disclosure.source !== undefined && ctx.disclosure.source.format !== 'json';
}

function asHint(f: Finding, why: string): Finding {
  if (f.severity === 'info') return f;
  return { ...f, severity: 'info', message: `${f.message}（${why}，此项仅作提示，请对照原文核实）` };
}

/** Findings with their rule, as the checks produced them. */
export interface RuledFinding {
  rule: Pick<Rule, 'id' | 'family'>;
  finding: Finding;
}

export function applyReadingTrust(ctx: RuleContext, found: RuledFinding[]): Finding[] {
  if (!inferredLayout(ctx)) return found.map((x) => x.finding);
  // Distinct failing rows per table, from the arithmetic rules.
  const failing = new Map<number, Set<string>>();
  for (const { rule, finding } of found) {
    if (rule.family !== 'arithmetic' || finding.severity === 'info' || finding.location.table === undefined) continue;
    const rows = failing.get(finding.location.table) ?? new Set<string>();
    rows.add(finding.location.row ?? finding.message.slice(0, 40));
    failing.set(finding.location.table, rows);
  }
  const rowsOf = (no: number) => ctx.disclosure.tables.find((t) => t.no === no)?.rows.length ?? 0;
  const consistent = (no: number) => {
    const n = failing.get(no)?.size ?? 0;
    return n <= FEW_ROWS || n <= 0.1 * rowsOf(no);
  };
  const allConsistent = [...failing.keys()].every(consistent);
  return found.map(({ rule, finding }) => {
    if (rule.family === 'arithmetic') {
      const no = finding.location.table;
      return no !== undefined && consistent(no) ? finding : asHint(finding, '版式未识别、表格按表头推断读取，且该表多行不平，多为读取错列所致');
    }
    if (DEPENDS_ON_READING.has(rule.family) || TABLE_READING_RULES.has(rule.id)) {
      if (rule.family === 'cross-table' && allConsistent) return finding;
      return asHint(finding, '本文件版式未识别，表格按表头推断读取');
    }
    return finding;
  });
}
