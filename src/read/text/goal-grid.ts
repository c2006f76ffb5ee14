/**
 * Performance-goal tables (16 整体绩效目标表, 17 项目绩效目标表) are label/value grids: each printed
 * line becomes a row of cells (trailing blanks dropped). Indicator rows follow the header row
 * "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 运算符号 | 指标值 | 度量单位 | 完成时限"; where a row
 * has no operator some documents print an extra blank cell, shifting the value and the deadline one
 * column right (Yingkou: "…依法行政能力→→→管理规范→→2024年12月"). Such rows are realigned to the
 * header — value, unit, deadline under their columns — and the realignment is reported.
 */
import type { SourceRef } from '../../core/disclosure.ts';
import { hasTabs, sourceOf, spaceCells, tabCells, type PrintedLine } from './lines.ts';
import { norm } from './normalize.ts';
import type { Problem } from './table-block.ts';

export interface GoalGrid {
  rows: string[][];
  sources: SourceRef[];
  project?: string;
  problems: Problem[];
}

const DEADLINE = /^\d{4}(?:[-./年]\d{1,2}(?:[-./月]\d{0,2}日?)?)?$|^\d{4}年$/;

/** A line's printed cells, trailing blanks dropped. */
function lineCells(l: PrintedLine): string[] {
  const cells: string[] = [];
  if (hasTabs(l)) for (const t of tabCells(l.text)) cells.push(t);
  else for (const c of spaceCells(l.text)) cells.push(c.text);
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

interface IndicatorColumns {
  op: number;
  value: number;
  unit: number;
  deadline: number;
}

/** The indicator header's columns when a line is that header (运算符号 after the first cell, and 指标值). */
function indicatorHeader(cells: string[]): IndicatorColumns | null {
  const cols: IndicatorColumns = { op: -1, value: -1, unit: -1, deadline: -1 };
  for (let i = 0; i < cells.length; i++) {
    const k = norm(cells[i]!);
    if (k === '运算符号') cols.op < 0 && (cols.op = i);
    else if (k === '指标值') cols.value < 0 && (cols.value = i);
    else if (k === '度量单位') cols.unit < 0 && (cols.unit = i);
    else if (k === '完成时限') cols.deadline < 0 && (cols.deadline = i);
  }
  return cols.op > 0 && cols.value >= 0 ? cols : null;
}

export function readGoalGrid(lines: PrintedLine[], file?: string): GoalGrid {
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  const problems: Problem[] = [];
  let project: string | undefined;
  /** Column indexes of the indicator header, once seen. */
  let cols: IndicatorColumns | null = null;
  for (const l of lines) {
    let cells = lineCells(l);
    if (!cells.length) continue;
    const header = indicatorHeader(cells);
    if (header) cols = header;
    else if (cols && cols.deadline > 0 && cells.length - 1 > cols.deadline) {
      const realigned = realign(cells, cols);
      if (realigned) {
        cells = realigned;
        problems.push({ message: `绩效指标行多印一空列（列错位），已按表头对齐：${cells.filter(Boolean).join(' ')}`, source: sourceOf(l, file) });
      }
    }
    if (!project && cells[1] && /^项目(?:\(政策\))?名称$/.test(norm(cells[0]!))) project = cells[1];
    rows.push(cells);
    sources.push(sourceOf(l, file));
  }
  return { rows, sources, project, problems };
}

/** Cells past the operator: value(s) first, the deadline (a date) last, each under its header column. */
function realign(cells: string[], cols: IndicatorColumns): string[] | null {
  const tail = cells.slice(cols.op + 1).filter((c) => c !== '');
  if (!tail.length || !DEADLINE.test(norm(tail[tail.length - 1]!))) return null;
  const deadline = tail.pop()!;
  if (tail.length > cols.deadline - cols.value) return null;
  const out = cells.slice(0, cols.op + 1);
  while (out.length <= cols.deadline) out.push('');
  tail.forEach((c, i) => {
    out[cols.value + i] = c;
  });
  out[cols.deadline] = deadline;
  return out;
}
