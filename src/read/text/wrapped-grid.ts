/**
 * Space-aligned tables of label columns then amounts, whose labels wrap over several lines
 * (Jiangsu table 12 政府采购支出预算表: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计).
 * pdftotext prints each row's amount on one line and the row's wrapped labels above and below it,
 * centred, with blank lines between:
 *
 *                                台式计算机（20
 *                                             分散自行组织           9.00
 *                                万以下）
 *
 * Every line with an amount opens a row. Label words are put in columns by their position: the
 * positions of a page cluster into one group per column (pdftotext shifts whole pages left or right,
 * so the header's positions do not carry over), and the groups are numbered from the one holding
 * procurement forms (…采购, …组织) when there is one, else from the right. A column's fragments on
 * nearby lines form one cell, joined without a break, and go to the row whose amount line they
 * surround. Returns null when the printed header does not show the template's columns.
 */
import type { SourceRef } from '../../core/disclosure.ts';
import type { TemplateTable } from '../../core/template.ts';
import { alignAmounts, columnText, headerLayout, leafLabels, matchTemplateColumns, spanningLabels, type Column } from './columns.ts';
import { sourceOf, type Cell, type RawRow } from './lines.ts';
import { isAmount, norm } from './normalize.ts';
import type { Problem } from './table-block.ts';
import { memoizeByObject } from '../../util/memo.ts';

export interface WrappedGrid {
  header: string[][];
  rows: string[][];
  sources: SourceRef[];
  problems: Problem[];
}

/** Header labels of amount columns (the label columns come before the first of them). */
const AMOUNT_LABEL = /合计|总计|小计|金额|预算数|决算数|拨款|资金|结转|结余|收入|支出/;
/** Contents of a procurement-form column: 部门集中采购, 分散自行组织, 政府集中采购. */
const FORM_WORD = /(?:采购|组织)$/;
const FORM_HEADER = /组织形式|采购方式/;
/** Characters between two label positions beyond which they are different columns. */
const COLUMN_GAP = 4;
/** Lines between two fragments of one wrapped cell (a blank line between them is common). */
const WRAP_LINES = 2;

interface Fragment {
  col: number;
  text: string;
  /** Index of the body line it was printed on. */
  at: number;
}

/** The template's columns as this reader needs them: once per template table. */
interface GridPlan {
  leaf: readonly string[];
  /** Label columns before the first amount column. */
  labelCount: number;
  /** The procurement-form column among them, or -1. */
  formCol: number;
}
const gridPlan = memoizeByObject((spec: TemplateTable): GridPlan => {
  const leaf = leafLabels(spec.header);
  const labelCount = leaf.findIndex((h) => AMOUNT_LABEL.test(norm(h)));
  return { leaf, labelCount, formCol: leaf.findIndex((h, i) => i < labelCount && FORM_HEADER.test(norm(h))) };
});

export function readWrappedGrid(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): WrappedGrid | null {
  if (!header.length || !body.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const { leaf, labelCount, formCol } = gridPlan(spec);
  if (labelCount <= 0) return null;
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanningLabels(spec.header),
  );
  const columns = matchTemplateColumns(leaf, layout);
  if (!columns) return null;

  const lines: Cell[][] = [];
  for (const r of body) lines.push(joinSpacedLetters(r.cells.filter((c) => c.text)));
  const problems: Problem[] = [];
  const rowAt = amountRows(spec, lines, body, leaf.length, labelCount, columns.slice(labelCount), problems, file);
  const anchors = [...rowAt.keys()];
  if (!anchors.length) return null;
  placeLabels(lines, body, labelColumns(body, lines, labelCount, formCol), labelCount, anchors, rowAt);

  const header1 = columns.map((c) => columnText(c));
  return { header: [header1], rows: anchors.map((at) => rowAt.get(at)!), sources: anchors.map((at) => sourceOf(body[at]!.line, file)), problems };
}

/** One row per line with amounts (by line index, in line order), the amounts under their columns. */
function amountRows(spec: TemplateTable, lines: Cell[][], body: RawRow[], n: number, labelCount: number, amountColumns: Column[], problems: Problem[], file?: string): Map<number, string[]> {
  const rowAt = new Map<number, string[]>();
  for (let at = 0; at < lines.length; at++) {
    const amounts: Cell[] = [];
    for (const c of lines[at]!) if (isAmount(c.text)) amounts.push(c);
    if (!amounts.length) continue;
    const row = new Array<string>(n).fill('');
    const a = alignAmounts(amounts, amountColumns);
    if (!a) {
      problems.push({ message: `表${spec.no}「${spec.title}」：金额个数多于列数（${amounts.map((c) => c.text).join(' ')}）`, source: sourceOf(body[at]!.line, file) });
      for (let i = 0; i < amounts.length && i < amountColumns.length; i++) row[labelCount + i] = amounts[i]!.text;
    } else for (let i = 0; i < amounts.length; i++) row[labelCount + a.at[i]!] = amounts[i]!.text;
    rowAt.set(at, row);
  }
  return rowAt;
}

/** Label fragments, per column in line order, grouped into cells and added to the rows they surround. */
function placeLabels(lines: Cell[][], body: RawRow[], colOf: (at: number, c: Cell) => number, labelCount: number, anchors: number[], rowAt: Map<number, string[]>): void {
  const byColumn: Fragment[][] = [];
  for (let col = 0; col < labelCount; col++) byColumn.push([]);
  for (let at = 0; at < lines.length; at++) {
    for (const c of lines[at]!) {
      if (isAmount(c.text)) continue;
      const col = colOf(at, c);
      byColumn[col]!.push({ col, text: c.text, at });
    }
  }
  for (let col = 0; col < labelCount; col++) {
    const runs: Fragment[][] = [];
    for (const f of byColumn[col]!) {
      const run = runs[runs.length - 1];
      const last = run?.[run.length - 1];
      const near = last && body[f.at]!.line.page === body[last.at]!.line.page && body[f.at]!.line.line - body[last.at]!.line.line <= WRAP_LINES;
      if (run && near && continuesCell(run, f, anchors, rowAt)) run.push(f);
      else runs.push([f]);
    }
    for (const run of runs) {
      const row = rowAt.get(rowOfRun(run, anchors, rowAt, body))!;
      let text = '';
      for (const f of run) text += f.text;
      row[col] = row[col] ? row[col] + text : text;
    }
  }
}

/**
 * "合   计": single characters printed apart on one line are one label, kept as printed (with
 * its spaces) so the cell reads as the document does.
 */
function joinSpacedLetters(cells: Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const c of cells) {
    const prev = out[out.length - 1];
    if (prev && isLetter(c.text) && /^\S(?: +\S)*$/.test(prev.text) && isLetter(prev.text.slice(-1)) && c.start - prev.end <= 4 && prev.text.replace(/ /g, '').length < 4) {
      out[out.length - 1] = { text: prev.text + ' '.repeat(c.start - prev.end) + c.text, start: prev.start, end: c.end };
    } else out.push(c);
  }
  return out;
}

function isLetter(s: string): boolean {
  return s.length === 1 && /\p{Script=Han}/u.test(s);
}

/**
 * The label column of each word: per page, label positions are grouped (gaps of COLUMN_GAP or
 * more), and the groups numbered from the group of procurement forms (the form column), else so that the
 * rightmost group is the last label column.
 */
function labelColumns(body: RawRow[], lines: Cell[][], labelCount: number, formCol: number): (at: number, c: Cell) => number {
  const byPage = new Map<number, { starts: number[]; form: Set<number> }>();
  lines.forEach((cells, at) => {
    const page = body[at]!.line.page;
    let p = byPage.get(page);
    if (!p) byPage.set(page, (p = { starts: [], form: new Set() }));
    for (const c of cells) {
      if (isAmount(c.text)) continue;
      p.starts.push(c.start);
      if (FORM_WORD.test(norm(c.text))) p.form.add(c.start);
    }
  });
  const groupsOf = new Map<number, { bounds: number[]; first: number }>();
  for (const [page, p] of byPage) {
    const starts = [...new Set(p.starts)].sort((a, b) => a - b);
    // bounds[g]: the last start in group g.
    const bounds: number[] = [];
    starts.forEach((s, i) => {
      if (i > 0 && s - starts[i - 1]! >= COLUMN_GAP) bounds.push(starts[i - 1]!);
    });
    if (starts.length) bounds.push(starts[starts.length - 1]!);
    const groupAt = (pos: number) => {
      let g = 0;
      while (g < bounds.length - 1 && pos > bounds[g]!) g++;
      return g;
    };
    // The column of group 0: from the form group when the page prints forms, else right-aligned.
    const formStarts = [...p.form];
    let first = labelCount - bounds.length;
    if (formCol >= 0 && formStarts.length) {
      const counts = new Map<number, number>();
      for (const s of formStarts) counts.set(groupAt(s), (counts.get(groupAt(s)) ?? 0) + 1);
      const g = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
      first = formCol - g;
    }
    groupsOf.set(page, { bounds, first });
  }
  return (at, c) => {
    const { bounds, first } = groupsOf.get(body[at]!.line.page)!;
    let g = 0;
    while (g < bounds.length - 1 && c.start > bounds[g]!) g++;
    return Math.min(Math.max(first + g, 0), labelCount - 1);
  };
}

/**
 * Whether a fragment continues a cell's fragments rather than starting the next row's cell: a cell
 * surrounds at most one amount line, printed centred on it, so it has no more fragments below that
 * line than above it; and two words printed on amount lines are two rows' cells, however close.
 */
function continuesCell(run: Fragment[], f: Fragment, anchors: number[], rowAt: Map<number, string[]>): boolean {
  if (rowAt.has(f.at) && run.some((x) => rowAt.has(x.at))) return false;
  const within = anchors.filter((a) => a >= run[0]!.at && a <= f.at);
  if (within.length > 1) return false;
  if (!within.length) return true;
  const a = within[0]!;
  const above = run.filter((x) => x.at < a).length;
  const below = run.filter((x) => x.at > a).length + (f.at > a ? 1 : 0);
  return below <= above;
}

/**
 * The row a cell's fragments belong to: the amount line among them, else the amount line they
 * surround (nearest their middle), else the nearest amount line (the following one on a tie).
 */
function rowOfRun(run: Fragment[], anchors: number[], rowAt: Map<number, string[]>, body: RawRow[]): number {
  const own = run.find((f) => rowAt.has(f.at));
  if (own) return own.at;
  const lineNo = (at: number) => body[at]!.line.line + body[at]!.line.page * 1_000_000;
  const lo = lineNo(run[0]!.at);
  const hi = lineNo(run[run.length - 1]!.at);
  const mid = (lo + hi) / 2;
  let best = anchors[0]!;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const a of anchors) {
    const l = lineNo(a);
    const inside = l > lo && l < hi;
    // Inside the run first; then by distance, a following amount line winning a tie.
    const cost = (inside ? 0 : 1e9) + Math.abs(l - mid) * 2 + (l < mid ? 1 : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = a;
    }
  }
  return best;
}
