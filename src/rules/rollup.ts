/**
 * Department = Σ its units (部门预算 = 所属单位预算之和): the department's expenditure by function
 * code (表3), by economic code (表6 and 表12, or the Shanghai 表8) with basic/project and
 * personnel/public, and its 三公 figures, against the sums of the units given. A department larger
 * than its units usually means a unit is missing from the list (its share is the difference); one
 * smaller than its units is wrong whatever units are missing. Rounding noise (one printed cent per
 * unit) is info.
 */
import type { AmountUnit, Disclosure } from '../core/disclosure.ts';
import { compareSum, printFen } from '../printed/amounts.ts';
import { readThreePublic } from './arithmetic.ts';
import { createContext, type RuleContext } from './context.ts';
import { at, finding } from './finding.ts';
import { columnOf, totalOf, amountAt, type Matrix, type MatrixRow, type ColumnMeasure } from '../printed/matrix.ts';
import type { TableRole } from '../printed/table-roles.ts';
import { BASIS, type Finding, type RuleMeta } from './types.ts';

const MEASURES: [ColumnMeasure, string][] = [
  ['total', '合计'],
  ['basic', '基本支出'],
  ['personnel', '人员经费'],
  ['public', '公用经费'],
  ['project', '项目支出'],
];

const BY_FUNCTION: RuleMeta = {
  id: 'rollup.function',
  title: '部门支出（按功能分类，合计、基本、项目）= 所属各单位之和',
  severity: 'error',
  tolerance: 'rounding',
  family: 'rollup',
  basis: `${BASIS.budgetLaw}；部门预算由本部门及其所属各单位预算组成（预算法第三十一条）`,
  related: ['rollup.economic', 'rollup.three-public'],
};

const BY_ECONOMIC: RuleMeta = {
  id: 'rollup.economic',
  title: '部门支出（按经济分类，人员、公用）= 所属各单位之和',
  severity: 'error',
  tolerance: 'rounding',
  family: 'rollup',
  basis: BY_FUNCTION.basis,
  related: ['rollup.function'],
};

const THREE_PUBLIC: RuleMeta = {
  id: 'rollup.three-public',
  title: '部门“三公”经费 = 所属各单位之和',
  severity: 'error',
  tolerance: 'rounding',
  family: 'rollup',
  basis: BY_FUNCTION.basis,
  related: ['rollup.function'],
};

const COVERAGE: RuleMeta = {
  id: 'rollup.coverage',
  title: '部门汇总检查所需的表在部门或单位文件中缺失',
  severity: 'info',
  tolerance: 'parsed-document',
  family: 'rollup',
  basis: BY_FUNCTION.basis,
};

export const ROLLUP_RULES: readonly RuleMeta[] = [BY_FUNCTION, BY_ECONOMIC, THREE_PUBLIC, COVERAGE];

const coarser = (a: AmountUnit, b: AmountUnit): AmountUnit => (a === '万元' || b === '万元' ? '万元' : '元');

interface Side {
  ctx: RuleContext;
  name: string;
}

/** Rows worth reporting: the 合计 row and the lowest printed level (项 / 款), so one gap is not repeated on every level. */
function reportRows(rows: MatrixRow[]): MatrixRow[] {
  const codes = rows.filter((r) => r.level > 0).map((r) => r.code);
  return rows.filter((r) => r.level === 0 || !codes.some((c) => c !== r.code && c.startsWith(r.code)));
}

function compareMatrices(meta: RuleMeta, dept: Side, units: Side[], role: TableRole, out: Finding[]): void {
  const dm = dept.ctx.matrix(role);
  if (!dm) return;
  const ums: [Side, Matrix][] = [];
  for (const u of units) {
    const m = u.ctx.matrix(role);
    if (!m) {
      out.push(finding(COVERAGE, `${u.name}没有${dept.ctx.label(dm.table)}对应的表，无法与部门${dept.ctx.label(dm.table)}汇总比较`, at(dm.table)));
      return;
    }
    ums.push([u, m]);
  }
  const rowsOf = (m: Matrix) => {
    const map = new Map<string, MatrixRow>();
    for (const r of m.rows) if (r.level > 0 && !map.has(r.code)) map.set(r.code, r);
    return map;
  };
  const unitRows = ums.map(([, m]) => rowsOf(m));
  const deptRows = rowsOf(dm);
  // Codes a unit prints that the department does not are reported too (the department dropped a line).
  const codes = new Set<string>([...deptRows.keys()]);
  for (const rows of unitRows) for (const c of rows.keys()) codes.add(c);
  const allRows = [...codes].map((code) => deptRows.get(code) ?? ({ index: -1, code, name: unitRows.map((r) => r.get(code)?.name).find(Boolean) ?? '', level: 3, values: new Map() } as MatrixRow));
  const totalRow: MatrixRow = dm.total ?? { index: -1, code: '', name: '合计', level: 0, values: new Map() };
  const targets = [totalRow, ...reportRows(allRows).filter((r) => r.level > 0)];
  for (const row of targets) {
    const diffs: Diff[] = [];
    for (const [measure, name] of MEASURES) {
      const dc = columnOf(dm, measure);
      if (!dc) continue;
      let sum = 0;
      let unit: AmountUnit = dm.unit;
      let complete = true;
      ums.forEach(([, m], i) => {
        const c = columnOf(m, measure);
        if (!c) {
          complete = false;
          return;
        }
        if (row.level === 0) sum += totalOf(m, measure) ?? 0;
        else {
          const ur = unitRows[i]!.get(row.code);
          sum += ur ? (amountAt(ur, c) ?? 0) : 0;
        }
        unit = coarser(unit, m.unit);
      });
      if (!complete) continue;
      const deptFen = row.level === 0 ? (totalOf(dm, measure) ?? 0) : row.index < 0 ? 0 : (amountAt(row, dc) ?? 0);
      const cmp = compareSum(deptFen, sum, ums.length, unit);
      if (cmp !== 'ok') diffs.push({ column: name, deptFen, sum, unit, rounding: cmp === 'rounding' });
    }
    const place = row.level === 0 ? '合计行' : `“${row.code} ${row.name}”行`;
    const f = diffFinding(meta, `${dept.ctx.label(dm.table)}${place}`, units, diffs);
    if (f) out.push({ ...f, location: at(dm.table, row.level === 0 ? '合计' : row.code, f.location.column) });
  }
}

interface Diff {
  column: string;
  deptFen: number;
  sum: number;
  unit: AmountUnit;
  rounding: boolean;
}

const unitList = (units: Side[]) =>
  units.length <= 3
    ? units.map((u) => u.name).join('、')
    : `${units
        .slice(0, 3)
        .map((u) => u.name)
        .join('、')}等${units.length}个单位`;

/**
 * One finding per place: the department smaller than its units in any column is an error; larger
 * (in every differing column) is the share of units not given, a warning; all within 尾差 is info.
 */
function diffFinding(meta: RuleMeta, place: string, units: Side[], diffs: Diff[]): Finding | undefined {
  if (diffs.length === 0) return undefined;
  const gap = (d: Diff) => `${d.column}${printFen(Math.abs(d.deptFen - d.sum), d.unit)}（部门${printFen(d.deptFen, d.unit)}，单位合计${printFen(d.sum, d.unit)}）`;
  const real = diffs.filter((d) => !d.rounding);
  const less = real.filter((d) => d.deptFen < d.sum);
  const more = real.filter((d) => d.deptFen > d.sum);
  const lead = less[0] ?? more[0] ?? diffs[0]!;
  const extra = { expected: printFen(lead.sum, lead.unit), found: printFen(lead.deptFen, lead.unit) };
  const loc = { column: lead.column };
  if (real.length === 0) return finding(meta, `${place}：部门数与所列单位（${unitList(units)}）合计相差${diffs.map(gap).join('、')}，在尾差范围内`, loc, { ...extra, severity: 'info' });
  if (less.length > 0) {
    const also = more.length ? `；另有${more.map(gap).join('、')}部门数较多` : '';
    return finding(meta, `${place}：部门数比所列单位（${unitList(units)}）合计少：${less.map(gap).join('、')}，部门数不应小于其所属单位之和${also}`, loc, { ...extra, severity: 'error' });
  }
  return finding(meta, `${place}：部门数比所列单位（${unitList(units)}）合计多出：${more.map(gap).join('、')}。可能缺少下属单位（差额即未列单位的数额）；如已列出全部单位，则部门数有误`, loc, {
    ...extra,
    severity: 'warning',
  });
}

function compareThreePublic(dept: Side, units: Side[], out: Finding[]): void {
  const dt = readThreePublic(dept.ctx);
  if (!dt) return;
  const uts = units.map((u) => readThreePublic(u.ctx));
  if (uts.some((t) => !t)) {
    out.push(finding(COVERAGE, `有单位没有“三公”经费表，无法与部门${dept.ctx.label(dt.table)}汇总比较`, at(dt.table)));
    return;
  }
  const deptUnit = dept.ctx.unitOf(dt.table);
  for (const [key, col] of Object.entries(dt.cols) as [keyof typeof dt.cols, NonNullable<(typeof dt.cols)[keyof typeof dt.cols]>][]) {
    let sum = 0;
    let unit = deptUnit;
    let complete = true;
    uts.forEach((t, i) => {
      const c = t!.cols[key];
      if (!c) {
        complete = false;
        return;
      }
      sum += c.fen;
      unit = coarser(unit, units[i]!.ctx.unitOf(t!.table));
    });
    if (!complete) continue;
    const cmp = compareSum(col.fen, sum, uts.length, unit);
    if (cmp === 'ok') continue;
    const f = diffFinding(THREE_PUBLIC, `${dept.ctx.label(dt.table)}“${col.label}”`, units, [{ column: col.label, deptFen: col.fen, sum, unit, rounding: cmp === 'rounding' }]);
    if (f) out.push({ ...f, location: at(dt.table, undefined, col.label) });
  }
}

const displayName = (d: Disclosure, i: number) => d.unit.name || d.source?.file || `第${i + 1}个单位`;

/**
 * Compares a department disclosure with the disclosures of its units. The units given may be
 * fewer than the department's: differences then read as the missing units' share.
 */
export function checkRollup(department: Disclosure, units: Disclosure[]): Finding[] {
  const dept: Side = { ctx: createContext(department), name: department.unit.name };
  const us: Side[] = units.map((u, i) => ({ ctx: createContext(u), name: displayName(u, i) }));
  const out: Finding[] = [];
  if (us.length === 0) return out;
  compareMatrices(BY_FUNCTION, dept, us, 'expenditure', out);
  for (const role of ['dept-econ', 'general-basic'] as TableRole[]) compareMatrices(BY_ECONOMIC, dept, us, role, out);
  compareThreePublic(dept, us, out);
  return out;
}
