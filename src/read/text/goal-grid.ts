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

function trimEnd(cells: string[]): string[] {
  const out = cells.slice();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

export function readGoalGrid(lines: PrintedLine[], file?: string): GoalGrid {
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  const problems: Problem[] = [];
  let project: string | undefined;
  /** Column indexes of the indicator header, once seen. */
  let cols: { op: number; value: number; unit: number; deadline: number } | null = null;
  for (const l of lines) {
    let cells = trimEnd(hasTabs(l) ? tabCells(l.text) : spaceCells(l.text).map((c) => c.text));
    if (!cells.length) continue;
    const keys = cells.map(norm);
    const op = keys.indexOf('运算符号');
    if (op > 0 && keys.includes('指标值')) {
      cols = { op, value: keys.indexOf('指标值'), unit: keys.indexOf('度量单位'), deadline: keys.indexOf('完成时限') };
    } else if (cols && cols.deadline > 0 && cells.length - 1 > cols.deadline) {
      const realigned = realign(cells, cols);
      if (realigned) {
        cells = realigned;
        problems.push({ message: `绩效指标行多印一空列（列错位），已按表头对齐：${cells.filter(Boolean).join(' ')}`, source: sourceOf(l, file) });
      }
    }
    if (!project && /^项目(?:\(政策\))?名称$/.test(keys[0] ?? '') && cells[1]) project = cells[1];
    rows.push(cells);
    sources.push(sourceOf(l, file));
  }
  return { rows, sources, project, problems };
}

/** Cells past the operator: value(s) first, the deadline (a date) last, each under its header column. */
function realign(cells: string[], cols: { op: number; value: number; unit: number; deadline: number }): string[] | null {
  const tail = cells.slice(cols.op + 1).filter((c) => c !== '');
  if (!tail.length || !DEADLINE.test(norm(tail[tail.length - 1]!))) return null;
  const deadline = tail.pop()!;
  if (tail.length > cols.deadline - cols.value) return null;
  const out = cells.slice(0, cols.op + 1);
  while (out.length <= cols.deadline) out.push('');
  tail.forEach((c, i) => (out[cols.value + i] = c));
  out[cols.deadline] = deadline;
  return out;
}
