/**
 * Performance goals (表16, 表17): coverage and funds, indicator levels, operators, numeric values,
 * rates in %, deadlines in the budget year, superseded congress citations, copied texts and sets.
 */
import { fenToWanCents } from '../core/money.ts';
import { compareSum, printFen } from '../printed/amounts.ts';
import type { RuleContext } from './context.ts';
import { at, finding } from './finding.ts';
import { canonicalOperator, deadlineYear, OPERATORS, type GoalIndicator, type GoalTable } from './goals.ts';
import { normName, totalOf } from '../printed/matrix.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

/** 表16 (when published) then every 表17, listed once per check for the indicator rules. */
function allGoalTables(ctx: RuleContext): GoalTable[] {
  return ctx.memo('perf.goal-tables', () => {
    const o = ctx.overallGoal();
    return o ? [o, ...ctx.goals()] : ctx.goals().slice();
  });
}

function whose(ctx: RuleContext, g: GoalTable): string {
  return g.table.key === 'overall-goal' || ctx.role(g.table) === 'overall-goal' ? `${ctx.label(g.table)}` : `${ctx.label(g.table)}（项目“${g.name || '未命名'}”）`;
}

function ind(i: GoalIndicator): string {
  return `指标“${i.level3 || i.level2 || i.level1}”`;
}

const PERF_BASIS = `${BASIS.perf}；${BASIS.rules143}`;

const coverage: Rule = {
  id: 'perf.coverage',
  title: '每个项目都有项目绩效目标表（表17）',
  severity: 'error',
  tolerance: 'exact',
  family: 'performance',
  basis: PERF_BASIS,
  related: ['cross.projects', 'perf.project-funds'],
  check(ctx) {
    const t9 = ctx.table('projects');
    const goals = ctx.goals();
    const names = new Set(goals.map((g) => normName(g.name)));
    const out: Finding[] = [];
    // A layout without project goal tables (Shenzhen, Guangzhou list projects, publish no goals;
    // Shanghai and Jiangsu publish neither list nor goals) is not asked for them.
    if (ctx.templateKnown && !ctx.template.tables.some((t) => t.key === 'project-goal')) return out;
    if (t9) {
      const l = ctx.list(t9);
      const needs = ctx.budget ? new Set(ctx.budget.projects.filter((p) => p.needsGoals).map((p) => normName(p.name))) : undefined;
      const goalNames = [...names];
      for (const item of l.items) {
        const name = projectName(item.label);
        if (!name) continue;
        const key = normName(name);
        if (names.has(key) || (needs && !needs.has(key))) continue;
        const label = normName(item.label);
        if (goalNames.some((n) => label.includes(n))) continue;
        out.push(finding(this, `${ctx.label(t9)}项目“${name}”没有对应的项目绩效目标表（表17）`, at(t9, name), { expected: '表17', found: '缺失' }));
      }
    } else if (ctx.budget) {
      for (const p of ctx.budget.projects.filter((x) => x.needsGoals))
        if (!names.has(normName(p.name))) out.push(finding(this, `项目“${p.name}”没有项目绩效目标表（表17）`, { table: 17, row: p.name }, { expected: '表17', found: '缺失' }));
    }
    return out;
  },
};

/** A project-list row's label is "code name project"; the project name is its last text part. */
function projectName(label: string): string {
  const parts = label.split(' ').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

const projectFunds: Rule = {
  id: 'perf.project-funds',
  title: '项目绩效目标表的预算资金 = 表9 该项目金额',
  severity: 'error',
  tolerance: 'rounding',
  family: 'performance',
  basis: PERF_BASIS,
  related: ['cross.projects', 'perf.coverage'],
  check(ctx) {
    const t9 = ctx.table('projects');
    if (!t9) return [];
    const l = ctx.list(t9);
    const tc = l.columns.find((c) => c.isTotal);
    if (!tc) return [];
    const out: Finding[] = [];
    const byName = new Map<string, typeof l.items>();
    for (const i of l.items) {
      const k = normName(projectName(i.label));
      const list = byName.get(k);
      if (list) list.push(i);
      else byName.set(k, [i]);
    }
    for (const g of ctx.goals()) {
      if (g.funds === undefined) continue;
      const items = byName.get(normName(g.name)) ?? [];
      if (items.length === 0) continue;
      const amount = items.reduce((a, i) => a + (i.values.get(tc.index) ?? 0), 0);
      const unit = ctx.unitOf(g.table);
      const cmp = compareSum(amount, g.funds, items.length, l.unit === '万元' || unit === '万元' ? '万元' : '元');
      if (cmp === 'ok') continue;
      out.push(
        finding(this, `${whose(ctx, g)}预算资金为${printFen(g.funds, unit)}，${ctx.label(t9)}该项目为${printFen(amount, l.unit)}`, at(g.table, g.name, '预算资金情况'), {
          expected: printFen(amount, unit),
          found: printFen(g.funds, unit),
          severity: cmp === 'rounding' ? 'info' : 'error',
        }),
      );
    }
    return out;
  },
};

function indicatorRule(id: string, title: string, test: (ctx: RuleContext, g: GoalTable, i: GoalIndicator) => string | undefined): Rule {
  return {
    id,
    title,
    severity: 'warning',
    tolerance: 'parsed-document',
    family: 'performance',
    basis: PERF_BASIS,
    check(ctx) {
      const out: Finding[] = [];
      for (const g of allGoalTables(ctx))
        for (const i of g.indicators) {
          const msg = test(ctx, g, i);
          if (msg) out.push(finding(this, `${whose(ctx, g)}${msg}`, at(g.table, i.level3 || i.level2 || i.level1, '三级指标'), {}));
        }
      return out;
    },
  };
}

const isNumeric = (v: string) => /^-?\d+(\.\d+)?$/.test(v.replace(/[,，\s]/g, ''));

const levels = indicatorRule('perf.indicator-levels', '绩效指标应有一级、二级、三级指标名称，名称不得残缺', (_ctx, _g, i) => {
  if (!i.level1 || !i.level2 || !i.level3) return `${ind(i)}缺少${!i.level1 ? '一级' : !i.level2 ? '二级' : '三级'}指标名称`;
  const cut = [i.level1, i.level2, i.level3].find((n) => /指$/.test(n));
  if (cut) return `${ind(i)}的指标名称“${cut}”不完整（应为“${cut}标”）`;
  return undefined;
});

const operator = indicatorRule('perf.indicator-operator', '定量指标的运算符号应为 =、≥、≤、>、<（或 >=、<=），定性指标不填符号', (_ctx, _g, i) => {
  if (i.operator && !OPERATORS.has(i.operator)) return `${ind(i)}运算符号“${i.operator}”不是 =、≥、≤、>、<`;
  if (!i.operator && isNumeric(i.value) && i.unit) return `${ind(i)}指标值“${i.value}${i.unit}”是数值，但未填运算符号`;
  return undefined;
});

const numericValue = indicatorRule('perf.indicator-value', '定量指标（有运算符号）的指标值应为数值', (_ctx, _g, i) => {
  if (!i.operator) return i.value === '' ? `${ind(i)}没有指标值` : undefined;
  if (!isNumeric(i.value)) return `${ind(i)}为定量指标（${i.operator}），指标值“${i.value}”不是数值`;
  return undefined;
});

const rateUnit = indicatorRule('perf.rate-percent', '率类指标（名称以“率”结尾）应以 % 计量，取值在 0–100 之间', (_ctx, _g, i) => {
  if (!/率$/.test(i.level3) || !isNumeric(i.value)) return undefined;
  const v = Number(i.value.replace(/[,，\s]/g, ''));
  if (i.unit !== '%' && i.unit !== '％') return `${ind(i)}是比率，度量单位应为 %，表中为“${i.operator} ${i.value} ${i.unit || '（空）'}”`;
  if (v < 0 || v > 100) return `${ind(i)}是百分比，取值应在 0–100 之间，表中为 ${i.value}%`;
  return undefined;
});

const deadline = indicatorRule('perf.deadline-year', '完成时限应在预算年度内', (ctx, _g, i) => {
  if (ctx.isFinalAccount || !i.deadline) return undefined;
  const y = deadlineYear(i.deadline);
  if (y !== undefined && y !== ctx.year) return `${ind(i)}完成时限“${i.deadline}”不在${ctx.year}预算年度内`;
  return undefined;
});

/** Superseded Party congress citations by the year the next congress was held. */
const CONGRESS: [RegExp, number, string][] = [
  [/十八大|十八届/, 2018, '党的十八大（2012年）'],
  [/十九大|十九届/, 2023, '党的十九大（2017年）'],
];

const staleCongress: Rule = {
  id: 'perf.stale-congress',
  title: '绩效目标引用已被新一届党代会取代的表述',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'performance',
  basis: '绩效目标应与当年工作部署一致',
  check(ctx) {
    const out: Finding[] = [];
    for (const g of allGoalTables(ctx)) {
      for (const [re, from, name] of CONGRESS) {
        const m = re.exec(g.goalText);
        if (m && ctx.year >= from)
          out.push(
            finding(this, `${whose(ctx, g)}总体目标引用“${m[0]}”（${name}）的表述，${ctx.year}年${ctx.isFinalAccount ? '决算' : '预算'}应以党的二十大精神为指导`, at(g.table, g.name, '总体目标'), {
              found: m[0],
            }),
          );
      }
    }
    return out;
  },
};

function normText(s: string): string {
  return s.replace(/<[^>]+>/g, '').replace(/[\s　]+/g, '');
}

const copiedGoals: Rule = {
  id: 'perf.copied-goals',
  title: '不同项目的总体目标文字或指标设置相同（照抄）',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'performance',
  basis: '绩效目标应与项目内容相关，逐项编制',
  check(ctx) {
    const out: Finding[] = [];
    const goals = ctx.goals();
    const groups = (key: (g: GoalTable) => string) => {
      const m = new Map<string, GoalTable[]>();
      for (const g of goals) {
        const k = key(g);
        if (k.length < 10) continue;
        const same = m.get(k);
        if (same) same.push(g);
        else m.set(k, [g]);
      }
      return [...m.values()].filter((v) => v.length > 1);
    };
    for (const same of groups((g) => normText(g.goalText))) {
      const names = same.map((g) => `“${g.name}”`).join('、');
      out.push(
        finding(
          this,
          `${same.length}个项目${names}的总体目标文字完全相同，未针对项目编制`,
          { table: same[0]!.table.no, row: same[0]!.name, column: '总体目标' },
          { found: normText(same[0]!.goalText).slice(0, 30) },
        ),
      );
    }
    for (const same of groups((g) =>
      g.indicators
        .map((i) => [i.level3, canonicalOperator(i.operator), i.value, i.unit].join('|'))
        .sort()
        .join('\n'),
    )) {
      const names = same.map((g) => `“${g.name}”`).join('、');
      out.push(finding(this, `${same.length}个项目${names}的绩效指标（名称、符号、指标值）完全相同`, { table: same[0]!.table.no, row: same[0]!.name, column: '绩效指标' }));
    }
    return out;
  },
};

const overallFunds: Rule = {
  id: 'perf.overall-funds',
  title: '整体绩效目标表（表16）各项任务资金与预算一致，合计等于基本支出或全部支出',
  severity: 'error',
  tolerance: 'rounding',
  family: 'performance',
  basis: PERF_BASIS,
  related: ['cross.projects'],
  check(ctx) {
    const g = ctx.overallGoal();
    if (!g || g.tasks.length === 0) return [];
    const unit = ctx.unitOf(g.table);
    const out: Finding[] = [];
    if (ctx.budget) {
      const tasks = ctx.budget.overallGoal.tasks;
      g.tasks.forEach((t, i) => {
        const b = tasks.find((x) => normName(x.name) === normName(t.name)) ?? tasks[i];
        if (!b) return;
        const printed = fenToWanCents(b.amount) * (unit === '万元' ? 10_000 : 1) || b.amount;
        const cmp = compareSum(unit === '万元' ? printed : b.amount, t.fen, 1, unit);
        if (cmp === 'ok') return;
        out.push(
          finding(this, `${ctx.label(g.table)}任务“${t.name}”资金为${printFen(t.fen, unit)}，预算数据为${printFen(b.amount, unit)}`, at(g.table, t.name, '预算资金情况'), {
            expected: printFen(b.amount, unit),
            found: printFen(t.fen, unit),
            severity: cmp === 'rounding' ? 'info' : 'error',
          }),
        );
      });
      return out;
    }
    const m = ctx.matrix('expenditure');
    if (!m) return out;
    const sum = g.tasks.reduce((a, t) => a + t.fen, 0);
    const candidates = [totalOf(m, 'total'), totalOf(m, 'basic')].filter((v): v is number => v !== undefined);
    if (candidates.length === 0 || candidates.some((v) => compareSum(v, sum, g.tasks.length, unit) !== 'mismatch')) return out;
    out.push(
      finding(
        this,
        `${ctx.label(g.table)}各项任务资金之和为${printFen(sum, unit)}，既不等于${ctx.label(m.table)}合计${printFen(candidates[0]!, m.unit)}，也不等于基本支出${printFen(candidates[1] ?? 0, m.unit)}`,
        at(g.table, '年度主要任务', '预算资金情况'),
        { found: printFen(sum, unit), severity: 'warning' },
      ),
    );
    return out;
  },
};

export const PERFORMANCE_RULES: Rule[] = [overallFunds, coverage, projectFunds, levels, operator, numericValue, rateUnit, deadline, staleCongress, copiedGoals];
