/**
 * Identities across tables. Each finding names both places; its location is the table that
 * disagrees with the reference table (the one named first in the message).
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import { compareSum, FEN_PER_CENT, isWholeAmount, printFen, type Comparison } from '../printed/amounts.ts';
import { readThreePublic } from './arithmetic.ts';
import type { RuleContext } from './context.ts';
import { at, finding, roundingNote, severityFor } from './finding.ts';
import { findItem, type LedgerItem } from '../printed/ledger.ts';
import { listTotal } from '../printed/list.ts';
import { columnOf, normName, totalOf, amountAt, type Matrix, type MatrixColumn, type MatrixRow, type ColumnMeasure } from '../printed/matrix.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

const MEASURE_NAMES: Record<string, string> = { total: '合计', basic: '基本支出', personnel: '人员经费', public: '公用经费', project: '项目支出' };

interface Place {
  table: DisclosureTable;
  what: string;
  fen: number;
  unit: Parameters<typeof printFen>[1];
  /** Printed without decimals (取整). */
  whole?: boolean;
}

/**
 * Compares two printed figures (possibly in different units) and reports at `b`. The same figure
 * printed in two tables must match exactly (parts = 0); a figure against a sum of `parts` printed
 * parts may differ by rounding noise.
 */
function compare(rule: Rule, ctx: RuleContext, a: Place, b: Place, parts = 0, column?: string): Finding | undefined {
  const unit = a.unit === '万元' || b.unit === '万元' ? '万元' : '元';
  const whole = (a.whole ? 1 : 0) + (b.whole ? 1 : 0);
  const cmp: Comparison = parts === 0 && whole === 0 ? (a.fen === b.fen ? 'ok' : sameInUnits(a, b) ? 'ok' : 'mismatch') : compareSum(a.fen, b.fen, parts, unit, whole);
  if (cmp === 'ok') return undefined;
  return finding(
    rule,
    `${ctx.label(a.table)}${a.what}为${printFen(a.fen, a.unit)}，${ctx.label(b.table)}${b.what}为${printFen(b.fen, b.unit)}，两者应相等${roundingNote(cmp)}`,
    at(b.table, b.what.replace(/[“”]/g, ''), column),
    { expected: printFen(a.fen, b.unit), found: printFen(b.fen, b.unit), severity: severityFor(rule, cmp) },
  );
}

/** A 元 table and a 万元 table print the same figure when the 元 amount rounds to the 万元 one. */
function sameInUnits(a: Place, b: Place): boolean {
  if (a.unit === b.unit) return false;
  const [yuan, wan] = a.unit === '元' ? [a, b] : [b, a];
  return compareSum(Math.round(yuan.fen / 10_000) * 10_000, wan.fen, 0, '万元') === 'ok' || Math.abs(yuan.fen - wan.fen) < 5_000;
}

function ledgerPlace(ctx: RuleContext, role: 'summary' | 'fiscal-summary', side: 'income' | 'expenditure', re: RegExp): Place | undefined {
  const l = ctx.ledger(role);
  const it = l && findItem(l[side], re);
  if (!l || !it || it.fen === null) return undefined;
  return { table: l.table, what: `“${it.label}”`, fen: it.fen, unit: l.unit };
}

function matrixPlace(m: Matrix | undefined, measure: ColumnMeasure, rowLabel = '合计行'): Place | undefined {
  if (!m) return undefined;
  const v = totalOf(m, measure);
  const col = columnOf(m, measure);
  if (v === undefined || !col) return undefined;
  const whole = m.total ? isWholeAmount(m.table.rows[m.total.index]?.[col.index]) : false;
  return { table: m.table, what: `${rowLabel}“${MEASURE_NAMES[measure] ?? col.label}”`, fen: v, unit: m.unit, whole };
}

function push(out: Finding[], f: Finding | undefined) {
  if (f) out.push(f);
}

const expenditureTotal: Rule = {
  id: 'cross.expenditure-total',
  title: '表1 本年支出合计 = 表3 支出合计（基本、项目）；表1 收入总计 = 表2 收入合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: `${BASIS.budgetLaw}；收支总表与支出总表、收入总表口径一致`,
  related: ['cross.summary-classes', 'cross.function-table', 'arith.income-expenditure-totals'],
  check(ctx) {
    const out: Finding[] = [];
    const t3 = ctx.matrix('expenditure');
    const year = ledgerPlace(ctx, 'summary', 'expenditure', /本年支出合计/) ?? ledgerPlace(ctx, 'summary', 'expenditure', /支出总计|^总计$/);
    const total3 = matrixPlace(t3, 'total');
    if (year && total3) push(out, compare(this, ctx, year, total3));
    // 表2's 合计 includes carry-over only where it prints a 上年结转 column (Liaoning); else it is this year's income.
    const m2 = ctx.matrix('income');
    const withCarry = m2 ? !!columnOf(m2, 'source:carryOver') : false;
    const income = (withCarry ? undefined : ledgerPlace(ctx, 'summary', 'income', /本年收入合计/)) ?? ledgerPlace(ctx, 'summary', 'income', /收入总计|^总计$/);
    const total2 = matrixPlace(m2, 'total');
    if (income && total2) push(out, compare(this, ctx, income, total2));
    return out;
  },
};

const CLASS_LINE = /支出$/;
// Rows by use (支出用途: 基本支出, 项目支出, as Jiangsu's 表1/表4 print them) are not function classes.
const NOT_CLASS_LINE = /本年支出|结转|结余|^(?:基本|项目)支出$/;

/** Expenditure class rows of a ledger (一、一般公共服务支出 …) by name. */
function ledgerClasses(items: LedgerItem[], depth: 1 | 2): Map<string, LedgerItem> {
  const out = new Map<string, LedgerItem>();
  for (const it of items) if (it.depth === depth && CLASS_LINE.test(it.name) && !NOT_CLASS_LINE.test(it.name)) out.set(it.name, it);
  return out;
}

function classRows(m: Matrix | undefined): Map<string, number> {
  const out = new Map<string, number>();
  const col = m && columnOf(m, 'total');
  if (!m || !col) return out;
  for (const r of m.rows) {
    if (r.level !== 1) continue;
    const name = normName(r.name);
    out.set(name, (out.get(name) ?? 0) + (amountAt(r, col) ?? 0));
  }
  return out;
}

const summaryClasses: Rule = {
  id: 'cross.summary-classes',
  title: '表1/表4 各功能类支出 = 表3/表5 同名“类”行合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '收支总表与支出明细表口径一致',
  related: ['cross.expenditure-total', 'cross.fiscal-summary'],
  check(ctx) {
    const out: Finding[] = [];
    const pairs: ['summary' | 'fiscal-summary', 1 | 2, Matrix | undefined, Matrix | undefined][] = [
      ['summary', 1, ctx.matrix('expenditure'), undefined],
      ['fiscal-summary', 2, ctx.matrix('general-expenditure'), ctx.matrix('fund-expenditure')],
    ];
    for (const [role, depth, m, extra] of pairs) {
      const l = ctx.ledger(role);
      if (!l || !m) continue;
      // 表4 classes include spending of carried-over money, which 表5/表8 (this year's money) do not show.
      if (role === 'fiscal-summary' && (findItem(l.income, /上年结转/)?.fen ?? 0) !== 0) continue;
      if (role === 'fiscal-summary' && !ctx.table('state-capital-expenditure') && (l.income.find((i) => /国有资本经营/.test(i.label))?.fen ?? 0) !== 0) continue;
      const rows = classRows(m);
      const extraRows = classRows(extra);
      // 表4's fiscal spending includes 国有资本经营 money where a table of its own prints it (Shanghai 表7).
      if (role === 'fiscal-summary') for (const [name, v] of classRows(ctx.matrix('state-capital-expenditure'))) extraRows.set(name, (extraRows.get(name) ?? 0) + v);
      // Both tables print the same total: classes a cent or two apart are where each table put its
      // tail adjustment (尾差), not a different figure.
      const year = findItem(l.expenditure, /本年支出合计|^一、本年支出/);
      const total = totalOf(m, 'total');
      const tails = !extra && year?.fen != null && total !== undefined && year.fen === total ? rows.size : 0;
      for (const [name, it] of ledgerClasses(l.expenditure, depth)) {
        if (it.fen === null) continue;
        const v = (rows.get(name) ?? 0) + (extraRows.get(name) ?? 0);
        if (!rows.has(name) && !extraRows.has(name)) {
          if (it.fen !== 0 && rows.size > 0)
            out.push(
              finding(this, `${ctx.label(l.table)}列出“${it.name}”${printFen(it.fen, l.unit)}，${ctx.label(m.table)}没有该类`, at(m.table, it.name), {
                expected: printFen(it.fen, l.unit),
                found: '无',
              }),
            );
          continue;
        }
        const what = extra ? `（${ctx.label(m.table)}与${ctx.label(extra.table)}之和）` : '';
        push(out, compare(this, ctx, { table: l.table, what: `“${it.label}”`, fen: it.fen, unit: l.unit }, { table: m.table, what: `“${name}”类合计${what}`, fen: v, unit: m.unit }, tails));
      }
    }
    return out;
  },
};

const fiscalSummary: Rule = {
  id: 'cross.fiscal-summary',
  title: '表4 财政拨款收入 = 表1 同来源收入；表4 本年支出 = 表5 + 表8 合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '财政拨款收支总表与收支总表、一般公共预算支出表、政府性基金预算支出表口径一致',
  related: ['cross.general-budget', 'cross.fund-budget', 'cross.summary-classes'],
  check(ctx) {
    const out: Finding[] = [];
    const l4 = ctx.ledger('fiscal-summary');
    const l1 = ctx.ledger('summary');
    if (!l4) return out;
    if (l1) {
      for (const re of [/一般公共预算/, /政府性基金/, /国有资本经营/]) {
        const a = l1.income.find((i) => re.test(i.label) && !/结转/.test(i.label));
        const b = l4.income.find((i) => re.test(i.label));
        if (a && b && a.fen !== null && b.fen !== null)
          push(out, compare(this, ctx, { table: l1.table, what: `“${a.label}”`, fen: a.fen, unit: l1.unit }, { table: l4.table, what: `“${b.label}”（本年收入）`, fen: b.fen, unit: l4.unit }));
      }
    }
    const year = findItem(l4.expenditure, /^一、本年支出$|本年支出合计/);
    const g = matrixPlace(ctx.matrix('general-expenditure'), 'total');
    const f = matrixPlace(ctx.matrix('fund-expenditure'), 'total');
    const s = matrixPlace(ctx.matrix('state-capital-expenditure'), 'total');
    // Carry-over money is spent this year too: 本年支出 = 表5 + 表8 (+ 国有资本) + 上年结转 − 年终结转结余.
    const carryIn = findItem(l4.income, /上年结转/)?.fen ?? 0;
    // State capital money has no spending table in some templates: its income stands in for it.
    const capitalIncome = l4.income.find((i) => /国有资本经营/.test(i.label))?.fen ?? 0;
    const carryOut = findItem(l4.expenditure, /年终结转|结转结余/)?.fen ?? 0;
    if (year && year.fen !== null && g) {
      const sum = g.fen + (f?.fen ?? 0) + (s?.fen ?? capitalIncome) + carryIn - carryOut;
      const names =
        [g, f, s]
          .filter(Boolean)
          .map((p) => ctx.label(p!.table))
          .join('、') + (carryIn || carryOut ? '（加上年结转、减年终结转结余）' : '');
      push(
        out,
        compare(
          this,
          ctx,
          { table: g.table, what: `${names}合计之和`, fen: sum, unit: g.unit },
          { table: l4.table, what: `“${year.label}”`, fen: year.fen, unit: l4.unit },
          [g, f, s].filter(Boolean).length,
        ),
      );
    }
    return out;
  },
};

function sourceIncome(ctx: RuleContext, re: RegExp): Place | undefined {
  const l4 = ctx.ledger('fiscal-summary');
  if (l4) {
    // The first (一) item of that source is this year's income (under 一、本年收入); 表5/表8 print this year's spending.
    const it = l4.income.find((i) => re.test(i.label) && i.depth === 2 && i.fen !== null);
    if (it) return { table: l4.table, what: `“${it.label}”（本年收入）`, fen: it.fen!, unit: l4.unit };
  }
  const l1 = ctx.ledger('summary');
  if (!l1) return undefined;
  const it = l1.income.find((i) => re.test(i.label));
  const carry = findItem(l1.income, /上年结转/);
  if (!it || it.fen === null || (carry && (carry.fen ?? 0) !== 0)) return undefined;
  return { table: l1.table, what: `“${it.label}”`, fen: it.fen, unit: l1.unit };
}

const generalBudget: Rule = {
  id: 'cross.general-budget',
  title: '一般公共预算拨款收入 = 表5 一般公共预算支出合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: `${BASIS.budgetLaw}：一般公共预算收支平衡`,
  related: ['cross.fiscal-summary', 'cross.basic-economic'],
  check(ctx) {
    const inc = sourceIncome(ctx, /一般公共预算/);
    const t5 = matrixPlace(ctx.matrix('general-expenditure'), 'total');
    return inc && t5 ? [compare(this, ctx, inc, t5)].filter((f): f is Finding => !!f) : [];
  },
};

const fundBudget: Rule = {
  id: 'cross.fund-budget',
  title: '政府性基金预算拨款收入 = 表8 政府性基金预算支出合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: `${BASIS.budgetLaw}：政府性基金预算以收定支`,
  related: ['cross.fiscal-summary'],
  check(ctx) {
    const inc = sourceIncome(ctx, /政府性基金/);
    const t8m = ctx.matrix('fund-expenditure');
    if (!inc || !t8m) return [];
    const t8 = matrixPlace(t8m, 'total') ?? { table: t8m.table, what: '合计', fen: 0, unit: t8m.unit };
    return [compare(this, ctx, inc, t8)].filter((f): f is Finding => !!f);
  },
};

const basicEconomic: Rule = {
  id: 'cross.basic-economic',
  title: '表5 基本支出（人员经费、公用经费）= 表6 合计（人员经费、公用经费）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '一般公共预算支出表与一般公共预算基本支出表口径一致',
  related: ['cross.general-budget', 'cross.three-public-codes'],
  check(ctx) {
    const out: Finding[] = [];
    const t6 = ctx.matrix('general-basic');
    const t5 = ctx.matrix('general-expenditure');
    if (!t6 || !t5) return out;
    const pairs: [ColumnMeasure, ColumnMeasure][] = [
      ['basic', columnOf(t6, 'total') ? 'total' : 'basic'],
      ['personnel', 'personnel'],
      ['public', 'public'],
    ];
    for (const [a, b] of pairs) {
      const pa = matrixPlace(t5, a);
      const pb = matrixPlace(t6, b);
      if (pa && pb) push(out, compare(this, ctx, pa, pb, 1, MEASURE_NAMES[b]));
    }
    return out;
  },
};

const THREE_PUBLIC_CODES: [string, 'abroad' | 'reception' | 'running' | 'purchase', string][] = [
  ['30212', 'abroad', '因公出国（境）费'],
  ['30217', 'reception', '公务接待费'],
  ['30231', 'running', '公务用车运行费'],
  ['31013', 'purchase', '公务用车购置费'],
];

const threePublicCodes: Rule = {
  id: 'cross.three-public-codes',
  title: '表6 三公经济科目（30212/30217/30231/31013）不超过表7 对应项目',
  severity: 'warning',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '“三公”经费由经济分类科目 30212、30217、30231、31013 构成',
  related: ['arith.three-public', 'narrative.amounts'],
  check(ctx) {
    const out: Finding[] = [];
    const t6 = ctx.matrix('general-basic');
    const tp = readThreePublic(ctx);
    if (!t6 || !tp) return out;
    const tc = columnOf(t6, 'total');
    const t7unit = ctx.unitOf(tp.table);
    for (const [code, key, name] of THREE_PUBLIC_CODES) {
      const row = t6.rows.find((r) => r.code === code);
      const part = tp.cols[key];
      if (!row || !part || !tc) continue;
      const v = amountAt(row, tc) ?? 0;
      const cmp = compareSum(part.fen, v, 1, t6.unit === '万元' || t7unit === '万元' ? '万元' : '元');
      // Table 7 covers all fiscal money (basic and projects); table 6 only general-budget basic spending.
      if (!(v > part.fen && cmp === 'mismatch')) continue;
      out.push(
        finding(
          this,
          `${ctx.label(t6.table)}“${code} ${row.name}”为${printFen(v, t6.unit)}，${ctx.label(tp.table)}“${name}”为${printFen(part.fen, t7unit)}：基本支出中的三公科目不应超过三公经费表`,
          at(tp.table, name, part.label),
          { expected: printFen(v, t7unit), found: printFen(part.fen, t7unit) },
        ),
      );
    }
    return out;
  },
};

const projectsTotal: Rule = {
  id: 'cross.projects',
  title: '表3 项目支出合计 = 表9 项目支出合计 = Σ表17 项目预算资金',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '支出总表、项目支出表与项目绩效目标表口径一致',
  related: ['perf.coverage', 'perf.project-funds'],
  check(ctx) {
    const out: Finding[] = [];
    const p3 = matrixPlace(ctx.matrix('expenditure'), 'project');
    const t9 = ctx.table('projects');
    const l9 = t9 && ctx.list(t9);
    const p9: Place | undefined = l9 && { table: l9.table, what: '项目支出合计', fen: listTotal(l9), unit: l9.unit };
    if (p3 && p9) push(out, compare(this, ctx, p3, p9));
    const goals = ctx.goals();
    const withFunds = goals.filter((g) => g.funds !== undefined);
    const ref = p9 ?? p3;
    if (ref && withFunds.length && withFunds.length === goals.length) {
      const sum = withFunds.reduce((a, g) => a + g.funds!, 0);
      const needs = ctx.budget?.projects.filter((p) => p.needsGoals).length;
      const allCovered = needs === undefined || needs === ctx.budget!.projects.length;
      if (allCovered) {
        const f = compare(this, ctx, ref, { table: withFunds[0]!.table, what: `${withFunds.length}张项目绩效目标表预算资金之和`, fen: sum, unit: ctx.unitOf(withFunds[0]!.table) }, withFunds.length);
        if (f) {
          if (sum < ref.fen && !ctx.budget) f.severity = f.severity === 'error' ? 'warning' : f.severity;
          out.push(f);
        }
      }
    }
    return out;
  },
};

const FUNCTION_TABLE_MEASURES: ColumnMeasure[] = ['total', 'basic', 'personnel', 'public', 'project'];

/** The first row printed with each code (the 合计 row under ''). */
function rowsByCode(rows: MatrixRow[]): Map<string, MatrixRow> {
  const out = new Map<string, MatrixRow>();
  for (const r of rows) if (!out.has(r.code)) out.set(r.code, r);
  return out;
}

const functionTable: Rule = {
  id: 'cross.function-table',
  title: '表10 支出功能分类预算表 = 表3 支出预算总表（逐行逐列）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '支出功能分类预算表与支出总表口径一致',
  related: ['cross.expenditure-total'],
  check(ctx) {
    const out: Finding[] = [];
    const a = ctx.matrix('expenditure');
    const b = ctx.matrix('function-expenditure');
    if (!a || !b) return out;
    const rowsA = rowsByCode(a.rows);
    const rowsB = rowsByCode(b.rows);
    // Codes of both tables, in print order (the first table's first).
    const codes = new Set([...rowsA.keys(), ...rowsB.keys()]);
    for (const measure of FUNCTION_TABLE_MEASURES) {
      const ca = columnOf(a, measure);
      const cb = columnOf(b, measure);
      if (!ca || !cb) continue;
      for (const code of codes) {
        const ra = rowsA.get(code);
        const rb = rowsB.get(code);
        const va = amountAt(ra, ca) ?? 0;
        const vb = amountAt(rb, cb) ?? 0;
        if (va === vb) continue;
        const row = code || '合计';
        push(
          out,
          compare(
            this,
            ctx,
            { table: a.table, what: `“${row}”行“${MEASURE_NAMES[measure]}”`, fen: va, unit: a.unit },
            { table: b.table, what: `“${row}”行“${MEASURE_NAMES[measure]}”`, fen: vb, unit: b.unit },
            1,
            MEASURE_NAMES[measure],
          ),
        );
      }
    }
    return out;
  },
};

const economicTables: Rule = {
  id: 'cross.economic-tables',
  title: '表11（政府预算经济分类）合计 = 表12（部门预算经济分类）合计 = 表3 合计（合计、基本、项目）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '部门预算支出经济分类与政府预算支出经济分类对应关系（财预〔2017〕98号）',
  related: ['cross.expenditure-total'],
  check(ctx) {
    const out: Finding[] = [];
    const t3 = ctx.matrix('expenditure');
    const t11 = ctx.matrix('gov-econ');
    const t12 = ctx.matrix('dept-econ');
    for (const measure of ['total', 'basic', 'project', 'personnel', 'public'] as ColumnMeasure[]) {
      const p3 = matrixPlace(t3, measure);
      const p12 = matrixPlace(t12, measure);
      const p11 = matrixPlace(t11, measure);
      if (p3 && p12) push(out, compare(this, ctx, p3, p12, 1, MEASURE_NAMES[measure]));
      if ((p12 ?? p3) && p11) push(out, compare(this, ctx, (p12 ?? p3)!, p11, 1, MEASURE_NAMES[measure]));
    }
    return out;
  },
};

/** Σ of a column over the rows printed with each code of `length` digits (a table by combination prints a code on several rows). */
function sumsByCode(m: Matrix, col: MatrixColumn, length: number): Map<string, { fen: number; rows: number; name: string }> {
  const out = new Map<string, { fen: number; rows: number; name: string }>();
  for (const r of m.rows) {
    const v = amountAt(r, col);
    if (r.code.length !== length || v === undefined) continue;
    const s = out.get(r.code) ?? { fen: 0, rows: 0, name: r.name };
    s.fen += v;
    s.rows++;
    out.set(r.code, s);
  }
  return out;
}

const generalWithinTotal: Rule = {
  id: 'cross.general-within-expenditure',
  title: '一般公共预算支出表每个功能分类科目（项）的金额不超过支出总表同一科目的金额',
  severity: 'error',
  tolerance: 'rounding',
  family: 'cross-table',
  basis: '支出总表含全部资金来源的支出，一般公共预算支出是其中的一部分',
  related: ['cross.function-table', 'cross.general-budget'],
  check(ctx) {
    const out: Finding[] = [];
    const all = ctx.matrix('expenditure');
    const general = ctx.matrix('general-expenditure');
    const ca = all && columnOf(all, 'total');
    const cg = general && columnOf(general, 'total');
    if (!all || !general || !ca || !cg) return out;
    const length = all.lengths[all.lengths.length - 1]!;
    const inAll = sumsByCode(all, ca, length);
    for (const [code, g] of sumsByCode(general, cg, length)) {
      const a = inAll.get(code);
      if (!a || g.fen <= a.fen) continue;
      // Every printed cell may carry half a printed unit of rounding.
      const slack = (a.rows * FEN_PER_CENT[all.unit] + g.rows * FEN_PER_CENT[general.unit]) / 2;
      if (g.fen - a.fen <= slack) continue;
      out.push(
        finding(
          this,
          `${ctx.label(general.table)}“${code} ${g.name}”合计为${printFen(g.fen, general.unit)}，大于${ctx.label(all.table)}同一科目的合计${printFen(a.fen, all.unit)}：支出总表包含全部资金来源，一般公共预算支出只是其中一部分，两表必有一处有误`,
          at(all.table, code, '合计'),
          { expected: `≥ ${printFen(g.fen, all.unit)}`, found: printFen(a.fen, all.unit) },
        ),
      );
    }
    return out;
  },
};

export const CROSS_RULES: Rule[] = [
  expenditureTotal,
  summaryClasses,
  fiscalSummary,
  generalBudget,
  fundBudget,
  basicEconomic,
  threePublicCodes,
  projectsTotal,
  functionTable,
  generalWithinTotal,
  economicTables,
];
