/**
 * Arithmetic inside one table: 类 = Σ款 = Σ项 per column, 合计 = Σ类, 合计 = 基本 + 项目,
 * 基本 = 人员 + 公用, income total = Σ sources, list totals, 三公 parts, the two-sided totals.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { compareSum, FEN_PER_CENT, isWholeAmount, printFen, type Comparison } from '../printed/amounts.ts';
import type { RuleContext } from './context.ts';
import { at, finding, roundingNote, severityFor } from './finding.ts';
import { findItem, type Ledger, type LedgerItem } from '../printed/ledger.ts';
import { topItems, type ListColumn, type ListItem, type ListTable } from '../printed/list.ts';
import { columnOf, headerPaths, amountAt, type Matrix, type MatrixColumn, type MatrixRow, type ColumnMeasure } from '../printed/matrix.ts';
import type { TableRole } from '../printed/table-roles.ts';
import { BASIS, type Finding, type Rule } from './types.ts';
import { memoizeByObject } from '../util/memo.ts';

const FUNCTION_ROLES: TableRole[] = ['income', 'expenditure', 'general-expenditure', 'fund-expenditure', 'state-capital-expenditure', 'function-expenditure'];
const ECON_ROLES: TableRole[] = ['general-basic', 'gov-econ', 'dept-econ'];
const FUNCTION_SET = new Set(FUNCTION_ROLES);
const ECON_SET = new Set(ECON_ROLES);
/** Roles of the classification tables (function or economic codes by row). */
export const MATRIX_SET: ReadonlySet<TableRole> = new Set([...FUNCTION_ROLES, ...ECON_ROLES]);

function matricesOf(ctx: RuleContext, roles: ReadonlySet<TableRole>): Matrix[] {
  // A table printed in panels is checked panel by panel (each has its own 合计 row).
  const out: Matrix[] = [];
  for (const t of ctx.disclosure.tables) {
    const r = ctx.role(t);
    if (r === undefined || !roles.has(r)) continue;
    const m = ctx.matrix(t)!;
    if (m.panels) out.push(...m.panels);
    else out.push(m);
  }
  return out;
}

/** Σ of a column over rows (blank or non-amount cells count 0). */
function columnSum(rows: MatrixRow[], col: MatrixColumn): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) sum += amountAt(rows[i], col) ?? 0;
  return sum;
}

/** Σ of a row over columns, or undefined when a cell is not an amount. */
function partsSum(row: MatrixRow, cols: MatrixColumn[]): number | undefined {
  let sum = 0;
  for (let i = 0; i < cols.length; i++) {
    const v = amountAt(row, cols[i]);
    if (v === undefined) return undefined;
    sum += v;
  }
  return sum;
}

/** Σ of a row over columns (blank or non-amount cells count 0). */
function rowSum(row: MatrixRow, cols: MatrixColumn[]): number {
  let sum = 0;
  for (let i = 0; i < cols.length; i++) sum += amountAt(row, cols[i]) ?? 0;
  return sum;
}

/** Does the printed cell differ from the expected sum (the rare case that needs a finding worded)? */
function differs(row: MatrixRow, col: MatrixColumn, expected: number): boolean {
  const found = amountAt(row, col);
  return found !== undefined && found !== expected;
}

function rowName(r: MatrixRow): string {
  return r.level === 0 ? '合计' : `${r.code} ${r.name}`.trim();
}

/** Compares one printed value with the sum of others and words the finding. */
function sumFinding(rule: Rule, m: Matrix, row: MatrixRow, col: MatrixColumn, expected: number, parts: number, what: string, wholeCells: () => number = () => 0): Finding | undefined {
  const found = amountAt(row, col);
  if (found === undefined || found === expected) return undefined;
  // Cells printed without decimals are looked for only once a sum is off (rare), not on every cell.
  const c = compareSum(expected, found, parts, m.unit, wholeCells() + (isWhole(m, row, col) ? 1 : 0));
  if (c === 'ok') return undefined;
  return finding(
    rule,
    `${`表${m.table.no}「${m.table.title}」`}“${rowName(row)}”行“${col.label}”列：${what}应为${printFen(expected, m.unit)}，表中为${printFen(found, m.unit)}${roundingNote(c)}`,
    at(m.table, row.level === 0 ? '合计' : row.code, col.label),
    { expected: printFen(expected, m.unit), found: printFen(found, m.unit), severity: severityFor(rule, c) },
  );
}

/** Was this cell printed without decimals (so it carries up to half a printed unit of rounding)? */
function isWhole(m: Matrix, row: MatrixRow, col: MatrixColumn): boolean {
  return isWholeAmount(m.table.rows[row.index]?.[col.index]);
}

/** Hierarchy sums of one matrix: each parent against its direct children, the 合计 row against the 类. */
function levelFindings(rule: Rule, m: Matrix): Finding[] {
  const out: Finding[] = [];
  // Codes repeat (rows per unit, or per function × economic class): no tree, but the 合计 row is
  // still the sum of the rows that have no row under them.
  if (codesRepeat(m.rows)) return flatTotalFindings(rule, m);
  const [l1, l2, l3] = m.lengths;
  // Rows by code length, then by parent prefix, so each parent finds its children without a scan.
  const byPrefix: ByPrefix = new Map();
  const classes: MatrixRow[] = [];
  for (const r of m.rows) {
    if (r.level === 0) continue;
    if (r.level === 1) classes.push(r);
    addByPrefix(byPrefix, r, l1);
    addByPrefix(byPrefix, r, l2);
  }
  for (const parent of m.rows) {
    let children: MatrixRow[];
    if (parent.level === 0) children = classes;
    else {
      const len = parent.level === 1 ? l2 : l3;
      if (!len) continue;
      children = byPrefix.get(len)?.get(parent.code) ?? [];
      // A 类 printed directly over its 项 (no 款 rows).
      if (children.length === 0 && parent.level === 1 && l3) children = byPrefix.get(l3)?.get(parent.code) ?? [];
    }
    if (children.length === 0 || (parent.level === 0 && l1 === undefined)) continue;
    const what = parent.level === 0 ? '各类之和' : parent.level === 1 ? '所属各款之和' : '所属各项之和';
    out.push(...rowAgainstSum(rule, m, parent, children, what, 1));
  }
  return out;
}

/**
 * One row against the column sums of some rows, every column. Differences that cancel out across
 * the row's columns (one column short by what another has too much, give or take a printed cent per
 * column and `slack` per column) are the mark of amounts read under the wrong column — a printed
 * blank the text lost — not of wrong sums: they are reported as 提示 with that reason, never as 错误.
 */
function rowAgainstSum(rule: Rule, m: Matrix, target: MatrixRow, rows: MatrixRow[], what: string, slack: number): Finding[] {
  const found: Finding[] = [];
  let net = 0;
  for (const col of m.columns) {
    const sum = columnSum(rows, col);
    if (!differs(target, col, sum)) continue;
    net += amountAt(target, col)! - sum;
    const f = sumFinding(rule, m, target, col, sum, rows.length, what, () => rows.filter((r) => isWhole(m, r, col)).length);
    if (f) found.push(f);
  }
  const cancels = found.length >= 2 && found.some((f) => f.severity !== 'info') && Math.abs(net) <= FEN_PER_CENT[m.unit] * m.columns.length * slack;
  if (!cancels) return found;
  return found.map((f) => (f.severity === 'info' ? f : { ...f, severity: 'info' as const, message: `${f.message}（各列差额相互抵消，多为读取时金额错列所致，仅作提示，请对照原文核实）` }));
}

/** 合计 = Σ of the leaf rows (no other row's code extends theirs), per column. */
function flatTotalFindings(rule: Rule, m: Matrix): Finding[] {
  const total = m.rows.find((r) => r.level === 0);
  const coded = m.rows.filter((r) => r.level > 0);
  if (!total || coded.length < 2) return [];
  const codes = new Set(coded.map((r) => r.code));
  // Rows per combination repeat their codes throughout; a code read twice by accident does not make a flat table.
  if (codes.size > coded.length * 0.7) return [];
  const prefixes = new Set<string>();
  for (const c of codes) for (let n = 1; n < c.length; n++) prefixes.add(c.slice(0, n));
  const leaves = coded.filter((r) => !prefixes.has(r.code));
  return rowAgainstSum(rule, m, total, leaves, '各明细行之和', leaves.length);
}

/** The same code on two body rows (a table printed with rows per unit). */
function codesRepeat(rows: MatrixRow[]): boolean {
  const codes = new Set<string>();
  let coded = 0;
  for (const r of rows) {
    codes.add(r.code);
    if (r.level > 0) coded++;
  }
  return codes.size < coded;
}

type ByPrefix = Map<number, Map<string, MatrixRow[]>>;

function addByPrefix(byPrefix: ByPrefix, r: MatrixRow, len: number | undefined): void {
  if (!len || r.code.length <= len) return;
  let ofLength = byPrefix.get(r.code.length);
  if (!ofLength) byPrefix.set(r.code.length, (ofLength = new Map()));
  const k = r.code.slice(0, len);
  const list = ofLength.get(k);
  if (list) list.push(r);
  else ofLength.set(k, [r]);
}

const functionLevels: Rule = {
  id: 'arith.function-levels',
  title: '功能分类：类 = Σ款 = Σ项，合计 = Σ类（逐列）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: `${BASIS.budgetLaw}；政府收支分类科目（类、款、项逐级汇总）`,
  check(ctx) {
    return matricesOf(ctx, FUNCTION_SET).flatMap((m) => levelFindings(this, m));
  },
};

const economicLevels: Rule = {
  id: 'arith.economic-levels',
  title: '经济分类：类 = Σ款，合计 = Σ类（逐列）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: '部门预算支出经济分类科目、政府预算支出经济分类科目（类、款逐级汇总）',
  check(ctx) {
    return matricesOf(ctx, ECON_SET).flatMap((m) => levelFindings(this, m));
  },
};

function rowIdentity(rule: Rule, m: Matrix, total: ColumnMeasure, parts: ColumnMeasure[], what: string): Finding[] {
  const tc = columnOf(m, total);
  const pcs: MatrixColumn[] = [];
  for (const p of parts) {
    const c = columnOf(m, p);
    if (!c) return [];
    pcs.push(c);
  }
  return tc ? columnIdentity(rule, m, tc, pcs, what) : [];
}

/** Row by row: the amount in column `tc` is the sum of the amounts in columns `pcs`. */
function columnIdentity(rule: Rule, m: Matrix, tc: MatrixColumn, pcs: MatrixColumn[], what: string): Finding[] {
  const out: Finding[] = [];
  for (const row of m.rows) {
    const sum = partsSum(row, pcs);
    if (sum === undefined || !differs(row, tc, sum)) continue;
    const f = sumFinding(rule, m, row, tc, sum, pcs.length, what, () => pcs.filter((c) => isWhole(m, row, c)).length);
    if (f) out.push(f);
  }
  return out;
}

/** What a group's 小计 adds up: the columns of a 当年预算 or 上年结转 group printed after it. */
const GROUP_PARTS = new Set<ColumnMeasure | undefined>(['basic', 'project', 'source:business', 'reserve', 'carryForward']);

/**
 * Changchun's 支出总表 prints 合计, then 当年预算 (小计, 基本支出, 项目支出, 事业单位经营支出) and
 * 上年结转结余 (the same four): each group's 小计 is the sum of the columns after it, up to the
 * next column that is not such a part. Only a 小计 followed by both 基本支出 and 项目支出 counts
 * (a 基本支出 小计 over 人员经费 and 公用经费 reads as `basic` and is arith.basic-split's).
 */
function groupSubtotals(rule: Rule, m: Matrix): Finding[] {
  const cols = [...m.columns].sort((a, b) => a.index - b.index);
  return cols.flatMap((c, i) => {
    if (!/(^|\/)小计$/.test(c.label) || c.measure === 'basic' || c.measure === 'unitOwn') return [];
    const parts: MatrixColumn[] = [];
    for (const next of cols.slice(i + 1)) {
      if (!GROUP_PARTS.has(next.measure) || parts.some((p) => p.measure === next.measure)) break;
      parts.push(next);
    }
    if (!parts.some((p) => p.measure === 'basic') || !parts.some((p) => p.measure === 'project')) return [];
    return columnIdentity(rule, m, c, parts, `${parts.map((p) => p.label.split('/').pop()).join('、')}之和`);
  });
}

const totalBasicProject: Rule = {
  id: 'arith.total-basic-project',
  title: '合计（及分组的小计）= 基本支出 + 项目支出（逐行）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: `${BASIS.budgetLaw}；支出按基本支出和项目支出编列`,
  check(ctx) {
    return matricesOf(ctx, MATRIX_SET).flatMap((m) => {
      if (columnOf(m, 'basic') && columnOf(m, 'project')) {
        // Jiangsu prints 单位预留机动经费 and 结转下年资金 beside basic and project: parts of the total too.
        const extra = (['reserve', 'carryForward'] as ColumnMeasure[]).filter((x) => columnOf(m, x));
        const what = extra.length ? '基本支出、项目支出、' + extra.map((x) => (x === 'reserve' ? '单位预留机动经费' : '结转下年资金')).join('、') + '之和' : '基本支出与项目支出之和';
        return [...rowIdentity(this, m, 'total', ['basic', 'project', ...extra], what), ...groupSubtotals(this, m)];
      }
      // 表6: 一般公共预算基本支出 = 人员经费 + 公用经费, no project column.
      if (!columnOf(m, 'basic') && !columnOf(m, 'project') && columnOf(m, 'personnel')) return rowIdentity(this, m, 'total', ['personnel', 'public'], '人员经费与公用经费之和');
      return [];
    });
  },
};

const basicSplit: Rule = {
  id: 'arith.basic-split',
  title: '基本支出 = 人员经费 + 公用经费（逐行）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: '基本支出由人员经费和公用经费构成',
  check(ctx) {
    return matricesOf(ctx, MATRIX_SET).flatMap((m) => rowIdentity(this, m, 'basic', ['personnel', 'public'], '人员经费与公用经费之和'));
  },
};

const UNIT_OWN_PARTS = ['source:operating', 'source:business', 'source:superior', 'source:subordinate', 'source:other'];

const incomeSources: Rule = {
  id: 'arith.income-sources',
  title: '收入合计 = 各来源之和；单位资金 = 其明细之和（逐行）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: `${BASIS.budgetLaw}：收入按来源全口径编列`,
  check(ctx) {
    const m = ctx.matrix('income');
    if (!m) return [];
    const sources = m.columns.filter((c) => c.measure?.startsWith('source:') || c.measure === 'unitOwn');
    const hasUnitOwn = sources.some((c) => c.measure === 'unitOwn');
    const top = sources.filter(
      (c) =>
        (!(hasUnitOwn && UNIT_OWN_PARTS.includes(c.measure!)) && c.measure !== 'source:fiscal') ||
        (c.measure === 'source:fiscal' && !sources.some((s) => ['source:general', 'source:fund'].includes(s.measure!))),
    );
    const out: Finding[] = [];
    const tc = columnOf(m, 'total');
    const uc = columnOf(m, 'unitOwn');
    const parts = sources.filter((c) => UNIT_OWN_PARTS.includes(c.measure!));
    for (const row of m.rows) {
      if (tc && top.length > 1) {
        const f = sumFinding(this, m, row, tc, rowSum(row, top), top.length, '各收入来源之和');
        if (f) out.push(f);
      }
      if (uc && parts.length) {
        const f = sumFinding(this, m, row, uc, rowSum(row, parts), parts.length, '单位资金各明细之和');
        if (f) out.push(f);
      }
    }
    return out;
  },
};

const LIST_ROLES = new Set<TableRole>(['projects', 'debt', 'procurement', 'purchased-services']);

const listTotals: Rule = {
  id: 'arith.list-totals',
  title: '清单表：合计行 = 各行之和；各行合计 = 各资金来源之和',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: BASIS.budgetLaw,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.disclosure.tables) {
      const r = ctx.role(t);
      if (r === undefined || !LIST_ROLES.has(r)) continue;
      const l = ctx.list(t);
      if (l.total) listTotalFindings(this, ctx, l, l.total, out);
      const tc = l.columns.find((c) => c.isTotal);
      if (!tc) continue;
      const sources = l.columns.filter((c) => c.index > tc.index);
      if (sources.length < 2) continue;
      for (const i of l.items) listRowFinding(this, ctx, l, i, tc, sources, out);
      if (l.total) listRowFinding(this, ctx, l, l.total, tc, sources, out);
    }
    return out;
  },
};

/** A list cell against the sum it should equal, worded when off. */
function listFinding(rule: Rule, ctx: RuleContext, l: ListTable, row: string, col: string, sum: number, found: number, parts: number, what: string): Finding | undefined {
  const cmp = compareSum(sum, found, parts, l.unit);
  if (cmp === 'ok') return undefined;
  return finding(rule, `${ctx.label(l.table)}“${row}”行“${col}”列：${what}应为${printFen(sum, l.unit)}，表中为${printFen(found, l.unit)}${roundingNote(cmp)}`, at(l.table, row, col), {
    expected: printFen(sum, l.unit),
    found: printFen(found, l.unit),
    severity: severityFor(rule, cmp),
  });
}

/** 合计 row = Σ the rows it adds up, per amount column. */
function listTotalFindings(rule: Rule, ctx: RuleContext, l: ListTable, total: ListItem, out: Finding[]): void {
  const top = topItems(l);
  const what = top.length < l.items.length ? '各大类之和' : '各行之和';
  for (const c of l.columns) {
    let sum = 0;
    for (const i of top) sum += i.values.get(c.index) ?? 0;
    const f = listFinding(rule, ctx, l, '合计', c.label, sum, total.values.get(c.index) ?? 0, top.length, what);
    if (f) out.push(f);
  }
}

/** A row's total = Σ its funding-source columns. */
function listRowFinding(rule: Rule, ctx: RuleContext, l: ListTable, i: ListItem, tc: ListColumn, sources: ListColumn[], out: Finding[]): void {
  let sum = 0;
  for (const c of sources) sum += i.values.get(c.index) ?? 0;
  const f = listFinding(rule, ctx, l, i.label || `第${i.row + 1}行`, tc.label, sum, i.values.get(tc.index) ?? 0, sources.length, '各资金来源之和');
  if (f) out.push(f);
}

/** 三公 columns by header wording. */
export interface ThreePublicRow {
  table: DisclosureTable;
  /**
   * total is the 三公 total; grand the 合计 of a table that also prints 会议费 and 培训费 (Jiangsu
   * “三公”经费、会议费、培训费支出预算表), whose 三公 total is the 小计 under “三公”经费.
   */
  cols: Partial<Record<'total' | 'abroad' | 'vehicle' | 'purchase' | 'running' | 'reception' | 'operating' | 'meeting' | 'training' | 'grand', { index: number; label: string; fen: number }>>;
}

/** The 三公 table's row of amounts, read once per check (undefined when the disclosure has none). */
export function readThreePublic(ctx: RuleContext): ThreePublicRow | undefined {
  return ctx.memo('three-public', () => parseThreePublic(ctx));
}

type ThreePublicKey = keyof ThreePublicRow['cols'];

/** The 三公 meaning and leaf label of each column of a header layout. */
interface ThreePublicHead {
  keys: (ThreePublicKey | undefined)[];
  leaves: string[];
}

/** Keyed by the (cached) header paths: the tables of one template share a header. */
const threePublicHeadOf = memoizeByObject((raw: string[][]) => readThreePublicHead(raw, raw.length));

function threePublicHead(header: string[][], width: number): ThreePublicHead {
  return threePublicHeadOf(headerPaths(header, width));
}

function readThreePublicHead(raw: string[][], width: number): ThreePublicHead {
  const paths = raw.map((p) => p.map((x) => x.replace(/\s+/g, '')).filter(Boolean));
  const withOthers = paths.some((p) => /会议费|培训费/.test(p[p.length - 1] ?? ''));
  const keys: (ThreePublicKey | undefined)[] = [];
  const leaves: string[] = [];
  for (let j = 0; j < width; j++) {
    const path = paths[j]!;
    const leaf = path[path.length - 1] ?? '';
    keys.push(threePublicKey(leaf, path.join('/'), withOthers));
    leaves.push(leaf);
  }
  return { keys, leaves };
}

function threePublicKey(leaf: string, all: string, withOthers: boolean): ThreePublicKey | undefined {
  if (/机关运行/.test(leaf)) return 'operating';
  if (/会议费/.test(leaf)) return 'meeting';
  if (/培训费/.test(leaf)) return 'training';
  if (/合计|总计/.test(leaf)) return withOthers ? 'grand' : 'total';
  if (/小计/.test(leaf) && withOthers && /三公/.test(all) && !/公务用车/.test(all)) return 'total';
  if (/出国/.test(leaf)) return 'abroad';
  if (/接待/.test(leaf)) return 'reception';
  if (/小计/.test(leaf) || /公务用车购置及运行/.test(leaf)) return /公务用车/.test(all) ? 'vehicle' : undefined;
  if (/购置/.test(leaf)) return 'purchase';
  if (/运行/.test(leaf)) return 'running';
  return undefined;
}

const THREE_PUBLIC_AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Fen of a printed 三公 cell (blank or dash: 0), or null when it is not an amount. */
function threePublicFen(cell: string | undefined, unit: AmountUnit): number | null {
  const raw = (cell ?? '').replace(/\s+/g, '');
  if (raw === '' || raw === '-') return 0;
  const mm = THREE_PUBLIC_AMOUNT.exec(raw.replace(/[,，]/g, ''));
  if (!mm) return null;
  const per = unit === '万元' ? 10_000 : 1;
  return (mm[1] ? -1 : 1) * (Number(mm[2]) * 100 + Number((mm[3] ?? '').padEnd(2, '0'))) * per;
}

function parseThreePublic(ctx: RuleContext): ThreePublicRow | undefined {
  const t = ctx.table('three-public');
  if (!t) return undefined;
  const unit = ctx.unitOf(t);
  let width = 0;
  for (const h of t.header) if (h.length > width) width = h.length;
  for (const r of t.rows) if (r.length > width) width = r.length;
  const data = t.rows.find((r) => r.some((c) => /\d/.test(c ?? ''))) ?? t.rows[0] ?? [];
  const cols: ThreePublicRow['cols'] = {};
  const { keys, leaves } = threePublicHead(t.header, width);
  for (let j = 0; j < width; j++) {
    const key = keys[j];
    if (!key || cols[key]) continue;
    const fen = threePublicFen(data[j], unit);
    if (fen === null) continue;
    cols[key] = { index: j, label: leaves[j]!, fen };
  }
  return { table: t, cols };
}

const threePublicParts: Rule = {
  id: 'arith.three-public',
  title: '“三公”经费合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费；公务用车小计 = 购置费 + 运行费',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: `${BASIS.rules143}：“三公”经费应分项公开`,
  check(ctx) {
    const tp = readThreePublic(ctx);
    if (!tp) return [];
    const { total, abroad, vehicle, purchase, running, reception } = tp.cols;
    const unit = ctx.unitOf(tp.table);
    const out: Finding[] = [];
    const test = (target: typeof total, parts: (typeof total)[], what: string) => {
      if (!target || parts.some((p) => !p)) return;
      const sum = parts.reduce((a, p) => a + p!.fen, 0);
      const cmp = compareSum(sum, target.fen, parts.length, unit);
      if (cmp === 'ok') return;
      out.push(
        finding(this, `${ctx.label(tp.table)}“${target.label}”：应为${what}${printFen(sum, unit)}，表中为${printFen(target.fen, unit)}${roundingNote(cmp)}`, at(tp.table, undefined, target.label), {
          expected: printFen(sum, unit),
          found: printFen(target.fen, unit),
          severity: severityFor(this, cmp),
        }),
      );
    };
    const vehicleTotal = vehicle ?? (purchase && running ? { index: -1, label: '公务用车购置及运行费', fen: purchase.fen + running.fen } : undefined);
    test(total, [abroad, vehicleTotal, reception], '因公出国（境）费、公务用车购置及运行费、公务接待费之和');
    test(vehicle, [purchase, running], '公务用车购置费与运行费之和');
    if (tp.cols.grand) test(tp.cols.grand, [total, tp.cols.meeting, tp.cols.training].filter(Boolean), '“三公”经费、会议费、培训费之和');
    return out;
  },
};

const CARRY = /结转|结余/;
const YEAR_TOTAL = { 收入: /本年收入合计|^一、本年收入$/, 支出: /本年支出合计|^一、本年支出$/ } as const;
const GRAND_TOTAL = { 收入: /收入总计|^总计$/, 支出: /支出总计|^总计$/ } as const;

function isCarry(x: LedgerItem): boolean {
  return CARRY.test(x.label);
}

function fenSum(items: LedgerItem[]): number {
  let sum = 0;
  for (const x of items) sum += x.fen ?? 0;
  return sum;
}

/** A ledger line against the sum it should equal, worded when off. */
function ledgerFinding(rule: Rule, ctx: RuleContext, l: Ledger, target: LedgerItem | undefined, sum: number, parts: number, what: string, extra = ''): Finding | undefined {
  if (!target || target.fen === null) return undefined;
  const cmp: Comparison = compareSum(sum, target.fen, parts, l.unit);
  if (cmp === 'ok') return undefined;
  return finding(rule, `${ctx.label(l.table)}“${target.label}”：应为${what}${printFen(sum, l.unit)}，表中为${printFen(target.fen, l.unit)}${extra}${roundingNote(cmp)}`, at(l.table, target.label), {
    expected: printFen(sum, l.unit),
    found: printFen(target.fen, l.unit),
    severity: severityFor(rule, cmp),
  });
}

/** Parents with sub-items ((一)… or 1. …) right below them. */
function subItemFindings(rule: Rule, ctx: RuleContext, l: Ledger, items: LedgerItem[], out: Finding[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.depth !== 1) continue;
    const kids: LedgerItem[] = [];
    for (let k = i + 1; k < items.length && items[k]!.depth === 2; k++) kids.push(items[k]!);
    if (kids.length === 0 || kids.every((k) => k.fen === 0 || k.fen === null)) continue;
    if (it.fen === 0 && kids.some((k) => (k.fen ?? 0) !== 0) === false) continue;
    const f = ledgerFinding(rule, ctx, l, it, fenSum(kids), kids.length, '其下各项之和');
    if (f) out.push(f);
  }
}

/** 本年合计 = Σ this year's items; 总计 = 本年合计 + 结转结余 (or Σ top items). */
function totalFindings(rule: Rule, ctx: RuleContext, l: Ledger, side: '收入' | '支出', items: LedgerItem[], out: Finding[]): void {
  const yearTotal = findItem(items, YEAR_TOTAL[side]);
  const grand = findItem(items, GRAND_TOTAL[side]);
  let f: Finding | undefined;
  if (yearTotal && yearTotal.depth === 0) {
    const before = items.filter((x) => x.row < yearTotal.row && x.depth === 1 && !isCarry(x));
    if (before.length && (f = ledgerFinding(rule, ctx, l, yearTotal, fenSum(before), before.length, `本年各${side}项之和`))) out.push(f);
  }
  if (!grand) return;
  if (yearTotal) {
    const carries = items.filter((x) => x.row > yearTotal.row && x.row < grand.row && x.depth !== 2 && isCarry(x));
    f = ledgerFinding(rule, ctx, l, grand, (yearTotal.fen ?? 0) + fenSum(carries), 1 + carries.length, yearTotal.depth === 0 ? `本年${side}合计与结转结余之和` : `本年${side}与结转结余之和`);
    if (f) out.push(f);
  } else if (!items.some((x) => x.depth === 1 && isCarry(x) && x.row < grand.row && (x.fen ?? 0) !== 0)) {
    const tops = items.filter((x) => x.depth === 1 && x.row < grand.row);
    if (tops.length && (f = ledgerFinding(rule, ctx, l, grand, fenSum(tops), tops.length, `各${side}项之和`))) out.push(f);
  }
}

function ledgerChecks(rule: Rule, ctx: RuleContext, l: Ledger): Finding[] {
  const out: Finding[] = [];
  subItemFindings(rule, ctx, l, l.income, out);
  totalFindings(rule, ctx, l, '收入', l.income, out);
  subItemFindings(rule, ctx, l, l.expenditure, out);
  totalFindings(rule, ctx, l, '支出', l.expenditure, out);
  const inc = findItem(l.income, GRAND_TOTAL.收入);
  const exp = findItem(l.expenditure, GRAND_TOTAL.支出);
  if (inc && exp && inc.fen !== null) {
    const f = ledgerFinding(rule, ctx, l, exp, inc.fen, 1, '收入总计', '（收支应平衡）');
    if (f) out.push(f);
  }
  return out;
}

const ledgerTotals: Rule = {
  id: 'arith.income-expenditure-totals',
  title: '收支总表：本年收入合计 = Σ收入项，收入总计 = 本年收入合计 + 上年结转结余，收入总计 = 支出总计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'arithmetic',
  basis: `${BASIS.budgetLaw}：预算收支平衡`,
  check(ctx) {
    return (['summary', 'fiscal-summary'] as const).flatMap((r) => {
      const l = ctx.ledger(r);
      return l ? ledgerChecks(this, ctx, l) : [];
    });
  },
};

export const ARITHMETIC_RULES: Rule[] = [functionLevels, economicLevels, totalBasicProject, basicSplit, incomeSources, listTotals, threePublicParts, ledgerTotals];
