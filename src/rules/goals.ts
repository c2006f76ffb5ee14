/**
 * Reads performance-goal tables (表16 整体绩效目标, 表17 项目绩效目标) — label/value grids followed by
 * an indicator tree — into goals and indicators. Columns shift where a cell is blank, so each
 * indicator row is read by content (operator, number, unit, deadline), not by position alone.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { cellFen } from '../printed/amounts.ts';
import { normName } from '../printed/matrix.ts';

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

/** Whether a goal table cell is a completion date ("2024年12月", "2024-12-31"). */
export function isDeadline(s: string): boolean {
  return DATE.test(s.replace(/\s+/g, ''));
}

/** The year a completion date names, or undefined. */
export function deadlineYear(s: string): number | undefined {
  const m = /^(\d{4})/.exec(s.replace(/\s+/g, ''));
  return m ? Number(m[1]) : undefined;
}

function firstText(cells: string[], from: number): string {
  for (let i = from; i < cells.length; i++) if ((cells[i] ?? '').trim() !== '') return cells[i]!.trim();
  return '';
}

const NAME_LABEL = /项目(\(政策\))?名称|政策名称/;
const UNIT_LABEL = /^(部门|单位|部门\(单位\))名称/;
const FUNDS_LABEL = /预算资金|资金情况|资金总额|项目资金/;
const GOAL_LABEL = /总体目标|年度绩效目标|^绩效目标$|^目标$/;
const TASKS_LABEL = /年度主要任务/;
const GOAL_OR_INDICATOR = /目标|指标/;
const INTEGER = /^\d+$/;
const SYMBOL = /^[^\p{L}\p{N}]{1,2}$/u;

/** What the label/value grid above the indicator tree says, and where the tree's header row is. */
interface GoalHead {
  name: string;
  funds?: number;
  goalText: string;
  /** Row of the 一级指标 header (-1: none), and its column. */
  headerAt: number;
  l1: number;
  tasks: GoalTask[];
  taskFunds: number;
}

/** A printed performance-goal table (整体 or 项目) read into its funds, goals and indicators. */
export function parseGoalTable(table: DisclosureTable, unit: AmountUnit): GoalTable {
  const rows = allRows(table);
  const offset = table.header.length;
  const head = readHead(rows, offset, table.project ?? '', unit);
  let funds = head.funds;
  if (table.key === 'overall-goal' || /整体/.test(table.title)) funds ??= head.taskFunds;
  const indicators = head.headerAt >= 0 ? readIndicators(rows, head.headerAt, head.l1, offset) : [];
  return { table, name: head.name, funds, goalText: head.goalText, indicators, tasks: head.tasks };
}

/** Header and body rows, holes read as blank cells. */
function allRows(table: DisclosureTable): string[][] {
  const rows: string[][] = [];
  for (const r of table.header) rows.push(blankHoles(r));
  for (const r of table.rows) rows.push(blankHoles(r));
  return rows;
}

function blankHoles(r: string[]): string[] {
  const out: string[] = [];
  for (let j = 0; j < r.length; j++) out.push(r[j] ?? '');
  return out;
}

function readHead(rows: string[][], offset: number, project: string, unit: AmountUnit): GoalHead {
  const head: GoalHead = { name: project, funds: undefined, goalText: '', headerAt: -1, l1: 1, tasks: [], taskFunds: 0 };
  let inTasks = false;
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i]!;
    const label = normName(cells[0] ?? '');
    const levelCol = indexOfName(cells, '一级指标');
    if (levelCol >= 0) {
      head.headerAt = i;
      head.l1 = levelCol;
      break;
    }
    if (NAME_LABEL.test(label)) head.name ||= firstText(cells, 1);
    else if (UNIT_LABEL.test(label)) head.name ||= firstText(cells, 1);
    else if (FUNDS_LABEL.test(label) && head.funds === undefined) head.funds = firstAmount(cells, unit);
    else if (GOAL_LABEL.test(label)) head.goalText = joinFilled(cells, 1);
    if (TASKS_LABEL.test(label)) inTasks = true;
    else if (GOAL_OR_INDICATOR.test(label)) inTasks = false;
    else if (inTasks) readTask(head, cells, i - offset, unit);
  }
  return head;
}

function indexOfName(cells: string[], name: string): number {
  for (let j = 0; j < cells.length; j++) if (normName(cells[j]!) === name) return j;
  return -1;
}

/** Fen of the first printed amount after the label, if any. */
function firstAmount(cells: string[], unit: AmountUnit): number | undefined {
  for (let j = 1; j < cells.length; j++) {
    if (cells[j]!.trim() === '') continue;
    const f = cellFen(cells[j], unit);
    if (f !== null) return f;
  }
  return undefined;
}

function joinFilled(cells: string[], from: number): string {
  let s = '';
  for (let j = from; j < cells.length; j++) if (cells[j]!.trim() !== '') s += cells[j]!;
  return s;
}

/** A task row: its name (first printed cell) and its amount (last printed cell). */
function readTask(head: GoalHead, cells: string[], row: number, unit: AmountUnit): void {
  let first = -1;
  let last = -1;
  let filled = 0;
  for (let j = 0; j < cells.length; j++) {
    if (cells[j]!.trim() === '') continue;
    if (first < 0) first = j;
    last = j;
    filled++;
  }
  if (last < 0) return;
  const f = cellFen(cells[last]!.trim(), unit);
  if (f !== null && filled >= 2) {
    head.taskFunds += f;
    head.tasks.push({ row, name: cells[first]!.trim(), fen: f, column: last });
  }
}

function isBlankRow(cells: string[]): boolean {
  for (let j = 0; j < cells.length; j++) if (cells[j]!.trim() !== '') return false;
  return true;
}

function readIndicators(rows: string[][], headerAt: number, l1: number, offset: number): GoalIndicator[] {
  const indicators: GoalIndicator[] = [];
  let prev1 = '';
  let prev2 = '';
  for (let i = headerAt + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (isBlankRow(cells)) continue;
    const c1 = (cells[l1] ?? '').trim();
    const level1 = c1 || prev1;
    const level2 = (cells[l1 + 1] ?? '').trim() || (c1 ? '' : prev2);
    const level3 = (cells[l1 + 2] ?? '').trim();
    prev1 = level1;
    prev2 = level2;
    const rest: string[] = [];
    for (let j = l1 + 3; j < cells.length; j++) {
      const t = cells[j]!.trim();
      if (t !== '') rest.push(t);
    }
    let operator = '';
    let deadline = '';
    if (rest.length && isDeadline(rest[rest.length - 1]!) && !(rest.length === 1 && INTEGER.test(rest[0]!))) deadline = rest.pop()!;
    // An operator cell is a short symbol (valid or not: perf.indicator-operator judges it).
    if (rest.length && (OPERATORS.has(rest[0]!) || SYMBOL.test(rest[0]!))) operator = rest.shift()!;
    const value = rest.shift() ?? '';
    indicators.push({ row: i - offset, level1, level2, level3, operator, value, unit: rest.join(''), deadline });
  }
  return indicators;
}

/** Operator in its canonical form (≥ → >=), so copies that differ only in glyph compare equal. */
export function canonicalOperator(op: string): string {
  return ({ '＝': '=', '≥': '>=', '≧': '>=', '≤': '<=', '≦': '<=', '＞': '>', '＜': '<' } as Record<string, string>)[op] ?? op;
}

/** A goal table that states goals (text or indicators), as opposed to an empty form. */
export function hasGoals(g: GoalTable): boolean {
  return g.goalText.trim() !== '' || g.indicators.length > 0;
}
