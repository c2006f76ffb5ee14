/**
 * 表11 (government economic codes) row by row against 表12 (department economic codes) through the
 * official correspondence (govEconFor, which depends on the unit kind): each 表11 row must equal
 * the sum of the 表12 rows whose codes map to it. Runs only for a unit budget whose kind is known
 * and whose every 表12 code maps; otherwise cross.economic-tables compares the totals alone.
 */
import { govEconFor, loadCatalog, type Catalog } from '../core/catalog.ts';
import { UNIT_KINDS, type UnitKind } from '../core/budget.ts';
import { compareSum, printFen } from '../printed/amounts.ts';
import type { RuleContext } from './context.ts';
import { at, finding, roundingNote, severityFor } from './finding.ts';
import { columnOf, amountAt, type Matrix, type MatrixRow, type ColumnMeasure } from '../printed/matrix.ts';
import { type Finding, type Rule } from './types.ts';

const MEASURES: [ColumnMeasure, string][] = [
  ['total', '合计'],
  ['basic', '基本支出'],
  ['project', '项目支出'],
];

/** Rows holding amounts at the lowest printed level: 款 rows, and 类 rows printed without 款. */
function leaves(m: Matrix): MatrixRow[] {
  // Every proper prefix of a printed code: a row whose code is one has rows below it.
  const parents = new Set<string>();
  for (const r of m.rows) {
    if (r.level === 0) continue;
    for (let n = 1; n < r.code.length; n++) parents.add(r.code.slice(0, n));
  }
  return m.rows.filter((r) => r.level > 0 && !parents.has(r.code));
}

interface Mapped {
  gov: string;
  rows: MatrixRow[];
}

/** 表12 leaves grouped by their government code (at 款 and at 类 level), or undefined when one does not map. */
function mapRows(m12: Matrix, kind: UnitKind, cat: Catalog): Map<string, Mapped> | undefined {
  const out = new Map<string, Mapped>();
  for (const r of leaves(m12)) {
    const gov = govEconFor(cat, r.code, kind);
    if (!gov) return undefined;
    for (const key of new Set([gov, gov.slice(0, 3)])) {
      const e = out.get(key);
      if (e) e.rows.push(r);
      else out.set(key, { gov: key, rows: [r] });
    }
  }
  return out;
}

const correspondence: Rule = {
  id: 'cross.economic-correspondence',
  title: '表11 各政府经济分类科目 = 表12 对应部门经济分类科目之和（按单位类型的对应关系，逐行）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '部门预算支出经济分类与政府预算支出经济分类对应关系（财预〔2017〕98号）',
  related: ['cross.economic-tables', 'arith.economic-levels'],
  check(ctx: RuleContext) {
    const kind = ctx.disclosure.unit.kind;
    // A department's tables hold units of several kinds: no single correspondence applies.
    if (!kind || !(UNIT_KINDS as readonly string[]).includes(kind) || ctx.disclosure.scope === 'department') return [];
    const m11 = ctx.matrix('gov-econ');
    const m12 = ctx.matrix('dept-econ');
    if (!m11 || !m12) return [];
    const mapped = mapRows(m12, kind as UnitKind, loadCatalog(ctx.year));
    if (!mapped) return [];
    const out: Finding[] = [];
    const l11 = ctx.label(m11.table);
    const l12 = ctx.label(m12.table);
    const printed = new Set(m11.rows.map((r) => r.code));
    // Classes 表11 prints 款 rows for, and whether it prints class rows at all.
    const classesWithItems = new Set(m11.rows.filter((r) => r.code.length === 5).map((r) => r.code.slice(0, 3)));
    const printsClasses = m11.rows.some((r) => r.level === 1);
    for (const [measure, name] of MEASURES) {
      const c11 = columnOf(m11, measure);
      const c12 = columnOf(m12, measure);
      if (!c11 || !c12) continue;
      for (const r11 of m11.rows) {
        if (r11.level === 0) continue;
        const group = mapped.get(r11.code);
        const found = amountAt(r11, c11);
        if (found === undefined) continue;
        const expected = (group?.rows ?? []).reduce((a, r) => a + (amountAt(r, c12) ?? 0), 0);
        const cmp = compareSum(expected, found, Math.max(1, group?.rows.length ?? 0), m11.unit);
        if (cmp === 'ok') continue;
        const from = group
          ? `对应的部门经济分类科目（${group.rows.map((r) => r.code).join('、')}）“${name}”之和为${printFen(expected, m12.unit)}`
          : `没有对应该科目的部门经济分类科目（应为${printFen(0, m12.unit)}）`;
        out.push(
          finding(this, `${l11}“${r11.code} ${r11.name}”行“${name}”为${printFen(found, m11.unit)}，${l12}${from}，两者应相等${roundingNote(cmp)}`, at(m11.table, r11.code, name), {
            expected: printFen(expected, m11.unit),
            found: printFen(found, m11.unit),
            severity: severityFor(this, cmp),
          }),
        );
      }
      // Government codes the 表12 rows map to but 表11 does not print (where 表11 prints that level).
      for (const g of mapped.values()) {
        if (printed.has(g.gov)) continue;
        if (g.gov.length === 5 && !classesWithItems.has(g.gov.slice(0, 3))) continue;
        const sum = g.rows.reduce((a, r) => a + (amountAt(r, c12) ?? 0), 0);
        if (sum === 0 || (g.gov.length === 3 && !printsClasses)) continue;
        out.push(
          finding(this, `${l12}科目 ${g.rows.map((r) => r.code).join('、')} “${name}”共${printFen(sum, m12.unit)}，对应政府经济分类 ${g.gov}，但${l11}没有该行`, at(m11.table, g.gov, name), {
            expected: printFen(sum, m11.unit),
            found: '无',
          }),
        );
      }
    }
    return out;
  },
};

export const CORRESPONDENCE_RULES: Rule[] = [correspondence];
