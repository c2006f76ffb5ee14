/**
 * Reads performance-goal tables (表16 整体绩效目标, 表17 项目绩效目标) — label/value grids followed by
 * an indicator tree — into goals and indicators. Columns shift where a cell is blank, so each
 * indicator row is read by content (operator, number, unit, deadline), not by position alone.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { cellFen } from './amounts.ts';
import { normName } from './matrix.ts';

export interface GoalIndicator {
  row: number;
  level1: string;
  level2: string;
  level3: string;
  operator: string;
  value: string;
  unit: string;
  deadline: string;
}

export interface GoalTable {
  table: DisclosureTable;
  /** Project name (表17) or unit name (表16). */
  name: string;
  /** 预算资金情况 of 表17; Σ task amounts of 表16. */
  funds?: number;
  goalText: string;
  indicators: GoalIndicator[];
  /** 表16: the year's main tasks with their funds. */
  tasks: GoalTask[];
}

export interface GoalTask {
  row: number;
  name: string;
  fen: number;
  column: number;
}

export const OPERATORS = new Set(['=', '＝', '≥', '≤', '>', '<', '>=', '<=', '＞', '＜', '≧', '≦']);
const DATE = /^(\d{4})(?:年|-|\/|\.)?(?:(\d{1,2})(?:月|-|\/|\.)?)?(?:(\d{1,2})日?)?(?:底|前|末)?$|^(?:年底|年内|全年|年末|\d{1,2}月底?)$/;

export function isDeadline(s: string): boolean {
  return DATE.test(s.replace(/\s+/g, ''));
}

export function deadlineYear(s: string): number | undefined {
  const m = /^(\d{4})/.exec(s.replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

function firstText(cells: string[], from: number): string {
  for (let i = from; i < cells.length; i++) if ((cells[i] ?? '').trim() !== '') return cells[i]!.trim();
  return '';
}

export function parseGoalTable(table: DisclosureTable, unit: AmountUnit): GoalTable {
  const rows = [...table.header, ...table.rows].map((r) => r.map((c) => c ?? ''));
  const offset = table.header.length;
  let name = table.project ?? '';
  let funds: number | undefined;
  let goalText = '';
  let headerAt = -1;
  let l1 = 1;
  let taskFunds = 0;
  let inTasks = false;
  const tasks: GoalTask[] = [];
  rows.forEach((cells, i) => {
    if (headerAt >= 0) return;
    const label = normName(cells[0] ?? '');
    const levelCol = cells.findIndex((c) => normName(c) === '一级指标');
    if (levelCol >= 0) {
      headerAt = i;
      l1 = levelCol;
      return;
    }
    if (/项目(\(政策\))?名称|政策名称/.test(label)) name ||= firstText(cells, 1);
    else if (/^(部门|单位|部门\(单位\))名称/.test(label)) name ||= firstText(cells, 1);
    else if (/预算资金|资金情况|资金总额|项目资金/.test(label) && funds === undefined) {
      const amount = cells.slice(1).find((c) => c.trim() !== '' && cellFen(c, unit) !== null);
      if (amount !== undefined) funds = cellFen(amount, unit)!;
    } else if (/总体目标|年度绩效目标|^绩效目标$|^目标$/.test(label)) goalText = cells.slice(1).filter((c) => c.trim() !== '').join('');
    if (/年度主要任务/.test(label)) inTasks = true;
    else if (/目标|指标/.test(label)) inTasks = false;
    else if (inTasks) {
      // A task row: its name (first or second cell) and its amount (last printed cell).
      const filled = cells.map((c, j) => [c.trim(), j] as const).filter(([c]) => c !== '');
      const last = filled[filled.length - 1];
      const f = last ? cellFen(last[0], unit) : null;
      if (last && f !== null && filled.length >= 2) {
        taskFunds += f;
        tasks.push({ row: i - offset, name: filled[0]![0], fen: f, column: last[1] });
      }
    }
  });
  if (table.key === 'overall-goal' || /整体/.test(table.title)) funds ??= taskFunds;
  const indicators: GoalIndicator[] = [];
  if (headerAt >= 0) {
    let prev1 = '';
    let prev2 = '';
    for (let i = headerAt + 1; i < rows.length; i++) {
      const cells = rows[i]!;
      if (cells.every((c) => c.trim() === '')) continue;
      const level1 = (cells[l1] ?? '').trim() || prev1;
      const level2 = (cells[l1 + 1] ?? '').trim() || ((cells[l1] ?? '').trim() ? '' : prev2);
      const level3 = (cells[l1 + 2] ?? '').trim();
      prev1 = level1;
      prev2 = level2;
      const rest = cells.slice(l1 + 3).map((c) => c.trim()).filter((c) => c !== '');
      let operator = '';
      let value = '';
      let unitText = '';
      let deadline = '';
      if (rest.length && isDeadline(rest[rest.length - 1]!) && !(rest.length === 1 && /^\d+$/.test(rest[0]!))) deadline = rest.pop()!;
      // An operator cell is a short symbol (valid or not: perf.indicator-operator judges it).
      if (rest.length && (OPERATORS.has(rest[0]!) || /^[^\p{L}\p{N}]{1,2}$/u.test(rest[0]!))) operator = rest.shift()!;
      value = rest.shift() ?? '';
      unitText = rest.join('');
      indicators.push({ row: i - offset, level1, level2, level3, operator, value, unit: unitText, deadline });
    }
  }
  return { table, name, funds, goalText, indicators, tasks };
}

/** Operator in its canonical form (≥ → >=), so copies that differ only in glyph compare equal. */
export function canonicalOperator(op: string): string {
  return ({ '＝': '=', '≥': '>=', '≧': '>=', '≤': '<=', '≦': '<=', '＞': '>', '＜': '<' } as Record<string, string>)[op] ?? op;
}

/** A goal table that states goals (text or indicators), as opposed to an empty form. */
export function hasGoals(g: GoalTable): boolean {
  return g.goalText.trim() !== '' || g.indicators.length > 0;
}
