/**
 * How far findings may trust the reading they rest on. A published document is read from its
 * print, and where no template describes its layout, each table's columns were inferred from its
 * printed header; a reading doubt must not become an 错误. A table whose own sums hold on all but
 * one or two rows was read right — its few failing rows are the document's defects and keep their
 * severity. A table failing on many rows was most likely read with shifted columns: its arithmetic
 * findings become 提示 with the reason. Only classification tables of several rows can vouch for
 * themselves so; on a layout no template describes, comparisons across tables, with the narrative,
 * of printing, of one-row tables (三公) and of goal tables become 提示.
 */
import type { Finding, Family, Rule } from './types.ts';
import { MATRIX_SET } from './arithmetic.ts';
import { readFromPrint, type RuleContext } from './context.ts';
import { parsePrintedCents } from '../core/money.ts';

/** Failing rows (distinct) a consistently read table may have. */
const FEW_ROWS = 2;
/** Rows a table needs before its own sums can vouch for its reading. */
const MIN_ROWS = 6;
/** Sums inside a classification table: parents against children, totals against their parts. */
// (Funding-source sums are left out: their columns hang on multi-level headers read by inference.)
const MATRIX_RULES = new Set(['arith.function-levels', 'arith.economic-levels', 'arith.total-basic-project', 'arith.basic-split']);
/** Narrative rules that compare the text with amounts read from the tables. */
const TABLE_READING_RULES = new Set(['narrative.amounts']);
const DEPENDS_ON_READING = new Set<Family>(['arithmetic', 'cross-table', 'performance', 'format']);

function asHint(f: Finding, why: string): Finding {
  if (f.severity === 'info') return f;
  return { ...f, severity: 'info', message: `${f.message}（${why}，此项仅作提示，请对照原文核实）` };
}

/** Level rules: a parent row against the sum of its children. */
const LEVEL_RULES = new Set(['arith.function-levels', 'arith.economic-levels']);

/** How far a finding's printed figure is off what it should be, in hundredths of its unit; undefined when either is not an amount. */
function offBy(f: Finding): number | undefined {
  const amount = (text: string | undefined) => (text === undefined ? null : parsePrintedCents(text.replace(/万?元$/, '')));
  const found = amount(f.found);
  const expected = amount(f.expected);
  return found === null || expected === null ? undefined : found - expected;
}

/**
 * Parent rows whose failure is their children's: a 类 or 款 whose printed amount differs from the sum
 * of its rows by exactly what those rows, failing their own identities in the same column, are off
 * (Changchun 表3: two 项 print 小计 0.00 instead of 458.00 and 16.56, so their 款 is 474.56 over
 * the sum of its rows as printed). One misprint is then one failing row, not two, when deciding
 * whether a table was misread.
 */
function explainedParents(found: RuledFinding[]): [number, string][] {
  const out: [number, string][] = [];
  const rowFindings = found.filter(({ rule, finding }) => rule.family === 'arithmetic' && !LEVEL_RULES.has(rule.id) && finding.severity !== 'info');
  for (const { rule, finding: parent } of found) {
    const { table, row, column } = parent.location;
    if (!LEVEL_RULES.has(rule.id) || parent.severity === 'info' || table === undefined || !row || !/^\d+$/.test(row)) continue;
    const children = rowFindings.map((x) => x.finding).filter((c) => c.location.table === table && c.location.column === column && c.location.row !== row && c.location.row?.startsWith(row));
    const parentOff = offBy(parent);
    const childrenOff = children.map(offBy);
    if (parentOff === undefined || children.length === 0 || childrenOff.some((d) => d === undefined)) continue;
    // The parent printed as the sum its children should have had: it is over by what they are under.
    if (parentOff === -childrenOff.reduce((a: number, d) => a + d!, 0)) out.push([table, row]);
  }
  return out;
}

/** Findings with their rule, as the checks produced them. */
export interface RuledFinding {
  rule: Pick<Rule, 'id' | 'family'>;
  finding: Finding;
}

/**
 * The findings a check may report on a document read from print: a reading doubt never becomes an
 * 错误 (a table whose sums fail on many rows was misread, not misprinted; comparisons across tables on
 * a layout no template describes are 提示). Generated and JSON disclosures pass unchanged.
 */
export function applyReadingTrust(ctx: RuleContext, found: RuledFinding[]): Finding[] {
  if (!readFromPrint(ctx)) return found.map((x) => x.finding);
  // Read without a template of its layout: columns inferred from the printed headers.
  const inferred = !ctx.templateKnown;
  // Distinct failing rows per table, from the arithmetic rules.
  const failing = new Map<number, Set<string>>();
  for (const { rule, finding } of found) {
    if (rule.family !== 'arithmetic' || finding.severity === 'info' || finding.location.table === undefined) continue;
    const rows = failing.get(finding.location.table) ?? new Set<string>();
    rows.add(finding.location.row ?? finding.message.slice(0, 40));
    failing.set(finding.location.table, rows);
  }
  for (const [no, row] of explainedParents(found)) failing.get(no)?.delete(row);
  const tableOf = (no: number) => ctx.disclosure.tables.find((t) => t.no === no);
  // Only a classification table of many rows shows by its own sums whether it was read right.
  const consistent = (no: number) => {
    const t = tableOf(no);
    const role = t && ctx.role(t);
    if (!t || !role || !MATRIX_SET.has(role) || t.rows.length < MIN_ROWS) return false;
    // The reader said it placed amounts here without being sure of their column.
    if (t.readingDoubts) return false;
    // Two tables side by side (人员经费 | 公用经费 panels, each with its codes): read less surely.
    const leaf = t.header[t.header.length - 1] ?? [];
    if (leaf.filter((h) => /编码|代码/.test(h)).length > 1) return false;
    const n = failing.get(no)?.size ?? 0;
    return n <= FEW_ROWS || n <= 0.1 * t.rows.length;
  };
  return found.map(({ rule, finding }) => {
    if (rule.family === 'arithmetic' && MATRIX_RULES.has(rule.id)) {
      const no = finding.location.table;
      return no !== undefined && consistent(no) ? finding : asHint(finding, '该表多行不平或为左右并列的两张表，多为读取错列所致');
    }
    if (inferred && (DEPENDS_ON_READING.has(rule.family) || TABLE_READING_RULES.has(rule.id))) return asHint(finding, '本文件版式未识别，表格按表头推断读取');
    return finding;
  });
}
