/**
 * The performance-goal layouts: overall-goal (Liaoning table 16, 部门（单位）整体绩效目标表) and
 * project-goal (table 17, one table per project). Eight columns, as printed: a label column, then
 * 一级/二级/三级指标, 运算符号, 指标值, 度量单位, 完成时限. Repeated level names print blank, as in
 * the reference. Project funds are the sum of the project's rounded line atoms, so Σ table 17
 * equals the project column of tables 3 and 9.
 */
import type { Budget, Indicator } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { formatCents } from '../core/money.ts';
import { unitLabelOf, type TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';
import { roundItems } from './rounding.ts';
import { copyHeader, tableOf } from './table-shell.ts';

type Project = Budget['projects'][number];

const WIDTH = 8;
const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '运算符号', '指标值', '度量单位', '完成时限'];

function pad(cells: string[]): string[] {
  if (cells.length >= WIDTH) return cells;
  const row = new Array<string>(WIDTH);
  for (let i = 0; i < WIDTH; i++) row[i] = i < cells.length ? cells[i]! : '';
  return row;
}

/** Appends the indicator header row (with its label) and one row per indicator. */
function pushIndicatorRows(rows: string[][], label: string, indicators: readonly Indicator[]): string[][] {
  rows.push(pad([label, ...INDICATOR_HEADER]));
  let prev: Indicator | undefined;
  for (const i of indicators) {
    const same1 = prev?.level1 === i.level1;
    const same2 = same1 && prev?.level2 === i.level2;
    rows.push(pad(['', same1 ? '' : i.level1, same2 ? '' : i.level2, i.level3, i.operator, i.value, i.unit, i.deadline]));
    prev = i;
  }
  return rows;
}

/** The overall performance-goal table (整体绩效目标). */
export function overallGoalTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const { unit, overallGoal } = ctx.budget;
  const tasks = overallGoal.tasks;
  const { items } = roundItems(tasks.map((k) => k.amount));
  const rows = [pad(['部门（单位）名称', `${unit.code}${unit.name}`]), pad(['年度主要任务', '对应项目', '', '', '预算资金情况（万元）'])];
  for (let i = 0; i < tasks.length; i++) rows.push(pad([tasks[i]!.name, tasks[i]!.project, '', '', formatCents(items[i]!)]));
  rows.push(pad(['年度绩效目标', overallGoal.goals]));
  return tableOf(ctx, t, pushIndicatorRows(rows, '年度绩效指标', overallGoal.indicators));
}

/** Funds per project id: the sum of its project lines' rounded atoms. */
export function projectFunds(ctx: BuildContext): Map<string, number> {
  const funds = new Map<string, number>();
  const atoms = ctx.atoms;
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    const id = a.line.projectId;
    if (a.line.kind === 'project' && id) funds.set(id, (funds.get(id) ?? 0) + a.cents);
  }
  return funds;
}

/** One performance-goal table per project that needs goals. */
export function projectGoalTables(ctx: BuildContext, t: TemplateTable): DisclosureTable[] {
  const funds = projectFunds(ctx);
  const out: DisclosureTable[] = [];
  for (const p of ctx.budget.projects) out.push(projectGoalTable(ctx, t, p, funds.get(p.id) ?? 0));
  return out;
}

function projectGoalTable(ctx: BuildContext, t: TemplateTable, p: Project, funds: number): DisclosureTable {
  const rows = [pad(['项目(政策)名称', p.name]), pad(['主管部门', p.supervisor, '', '', '实施单位', p.implementer]), pad(['预算资金情况', formatCents(funds)]), pad(['总体目标', p.goal])];
  pushIndicatorRows(rows, '绩效指标', p.indicators);
  return { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: copyHeader(t), project: p.name, rows };
}
