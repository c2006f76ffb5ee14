/**
 * How amounts are printed: every amount cell of the money tables keeps the template's two decimals
 * (1,861.38 万元; 86,959,408.34 元), one table does not mix decimal counts, and an amount column
 * holds numbers. Goal tables (16/17) are not money tables and are left out.
 */
import { isFormulaLike } from '../core/csv.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { readThreePublic } from './arithmetic.ts';
import { readFromPrint, type RuleContext } from './context.ts';
import { at, finding } from './finding.ts';
import type { ListColumn, ListItem } from '../printed/list.ts';
import { headerPaths, normName } from '../printed/matrix.ts';
import type { TableRole } from '../printed/table-roles.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

/** Every template we have prints amounts with two decimals, in 万元 and in 元 tables alike. */
const DECIMALS = 2;

const MATRIX_ROLES = new Set<TableRole>([
  'income',
  'expenditure',
  'general-expenditure',
  'general-basic',
  'fund-expenditure',
  'state-capital-expenditure',
  'function-expenditure',
  'gov-econ',
  'dept-econ',
]);
const LEDGER_ROLES = new Set<TableRole>(['summary', 'fiscal-summary']);
const LIST_ROLES = new Set<TableRole>(['projects', 'debt', 'procurement', 'purchased-services']);

const NUMBER = /^-?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?$/;
const BLANK = /^(?:|-|--|—|－|——)$/;
const TWO_DECIMALS = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d\d$/;

/** One amount cell as printed, with the names of its row and column for messages. */
export interface AmountCell {
  table: DisclosureTable;
  row: string;
  column: string;
  text: string;
  /** Decimal places as printed; undefined when the text is not a number. */
  decimals: number | undefined;
  zero: boolean;
}

/**
 * The cells of a table that should hold amounts and are not printed the usual way (two decimals),
 * and how many are (blank cells left out).
 */
export function amountCells(ctx: RuleContext, t: DisclosureTable): { odd: AmountCell[]; twoDecimals: number } {
  const role = ctx.role(t);
  const acc: CellTally = { table: t, odd: [], twoDecimals: 0 };
  if (!role) return { odd: acc.odd, twoDecimals: 0 };
  if (MATRIX_ROLES.has(role)) matrixCells(acc, ctx, t);
  else if (LEDGER_ROLES.has(role)) ledgerCells(acc, t);
  else if (LIST_ROLES.has(role)) {
    const l = ctx.list(t);
    for (const i of l.items) listRowCells(acc, i, l.columns);
    if (l.total) listRowCells(acc, l.total, l.columns);
  } else if (role === 'three-public') {
    const tp = readThreePublic(ctx);
    const data = t.rows.find((r) => r.some((c) => HAS_DIGIT.test(c ?? ''))) ?? [];
    if (tp) for (const c of Object.values(tp.cols)) if (c.index >= 0) addCell(acc, '三公经费', c.label, data[c.index]);
  }
  return { odd: acc.odd, twoDecimals: acc.twoDecimals };
}

const HAS_DIGIT = /\d/;
const SPACE = /\s/;
const NONZERO = /[1-9]/;

/** The odd cells of one table and the count of usual ones, as they are read. */
interface CellTally {
  table: DisclosureTable;
  odd: AmountCell[];
  twoDecimals: number;
}

function addCell(acc: CellTally, row: string, column: string, text: string | undefined): void {
  let s = text ?? '';
  if (SPACE.test(s)) s = s.replace(/\s+/g, '');
  if (s === '') return;
  // The usual cell ("1,861.38") settles with one test and is only counted.
  if (TWO_DECIMALS.test(s)) acc.twoDecimals++;
  else if (!BLANK.test(s)) acc.odd.push({ table: acc.table, row, column, text: s, decimals: decimalsOf(s), zero: !NONZERO.test(s) });
}

function matrixCells(acc: CellTally, ctx: RuleContext, t: DisclosureTable): void {
  const m = ctx.matrix(t)!;
  for (const p of m.panels ?? [m]) {
    const body = p.table.rows;
    for (const r of p.rows) {
      const cells = body[r.index];
      const row = r.level === 0 ? '合计' : r.code;
      for (const c of p.columns) addCell(acc, row, c.label, cells?.[c.index]);
    }
  }
}

/** Two-sided tables: a cell that reads as a number is an amount, its row named by the label to its left. */
function ledgerCells(acc: CellTally, t: DisclosureTable): void {
  let width = 0;
  for (const h of t.header) if (h.length > width) width = h.length;
  const paths = headerPaths(t.header, width);
  const labels: (string | undefined)[] = [];
  for (const cells of t.rows) {
    let label = '';
    for (let j = 0; j < cells.length; j++) {
      const s = (cells[j] ?? '').replace(/\s+/g, '');
      if (s === '') continue;
      const isNumber = NUMBER.test(s);
      if (!isNumber && !HAS_DIGIT.test(s)) label = normName(s);
      else if (isNumber && j > 0) addCell(acc, label || `第${j + 1}列`, (labels[j] ??= (paths[j] ?? []).filter(Boolean).join('/') || '预算数'), s);
    }
  }
}

function listRowCells(acc: CellTally, i: ListItem, columns: ListColumn[]): void {
  const cells = acc.table.rows[i.row];
  const row = i.label || `第${i.row + 1}行`;
  for (const c of columns) addCell(acc, row, c.label, cells?.[c.index]);
}

function decimalsOf(text: string): number | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  return (m[1] ?? '').length;
}

/** Cells of one table grouped by column, in print order. */
function byColumn(cells: AmountCell[]): Map<string, AmountCell[]> {
  const out = new Map<string, AmountCell[]>();
  for (const c of cells) {
    const list = out.get(c.column);
    if (list) list.push(c);
    else out.set(c.column, [c]);
  }
  return out;
}

function examples(cells: AmountCell[]): string {
  const shown = cells
    .slice(0, 3)
    .map((c) => `“${c.row}”行“${c.text}”`)
    .join('、');
  return cells.length > 3 ? `${shown}等${cells.length}处` : shown;
}

function moneyTables(ctx: RuleContext): DisclosureTable[] {
  return ctx.disclosure.tables.filter((t) => {
    const r = ctx.role(t);
    return r !== undefined && r !== 'overall-goal' && r !== 'project-goal';
  });
}

function tableCells(ctx: RuleContext): Map<DisclosureTable, { odd: AmountCell[]; twoDecimals: number }> {
  return ctx.memo('print.cells', () => new Map(moneyTables(ctx).map((t) => [t, amountCells(ctx, t)])));
}

const decimals: Rule = {
  id: 'print.decimals',
  title: '金额未按模板保留两位小数，或同一表中小数位数不一致',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'format',
  basis: `${BASIS.template}：金额单位为万元（或元），保留两位小数`,
  related: ['print.not-a-number'],
  check(ctx) {
    const out: Finding[] = [];
    for (const [t, { odd: cells, twoDecimals }] of tableCells(ctx)) {
      const numeric = cells.filter((c) => c.decimals !== undefined && !c.zero);
      if (numeric.every((c) => c.decimals === DECIMALS)) continue;
      const mixed = twoDecimals > 0 || numeric.some((c) => c.decimals === DECIMALS);
      // A table printed consistently in whole 元 (Shanghai district and municipal documents) or with
      // six decimals of 万元 (Beijing) follows its own convention: only inconsistency is a defect.
      if (!mixed) continue;
      for (const [column, list] of byColumn(numeric)) {
        const odd = list.filter((c) => c.decimals !== DECIMALS);
        if (odd.length === 0) continue;
        const first = odd[0]!;
        const how = first.decimals === 0 ? '没有小数' : `只有${first.decimals}位小数`;
        const message = mixed
          ? `${ctx.label(t)}“${column}”列：同一表中小数位数不一致，其他金额保留两位小数，${examples(odd)}${how}`
          : `${ctx.label(t)}“${column}”列：金额未按模板保留两位小数，如${examples(odd)}`;
        out.push(finding(this, message, at(t, first.row, column), { expected: `${DECIMALS}位小数`, found: first.text }));
      }
    }
    return out;
  },
};

const notANumber: Rule = {
  id: 'print.not-a-number',
  title: '金额栏中的内容不是数字',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'format',
  basis: `${BASIS.template}：金额栏填列数字`,
  related: ['print.decimals'],
  check(ctx) {
    const out: Finding[] = [];
    for (const [t, { odd: cells }] of tableCells(ctx)) {
      for (const c of cells) {
        if (c.decimals !== undefined) continue;
        out.push(finding(this, `${ctx.label(t)}“${c.row}”行“${c.column}”列应为金额，表中为“${c.text}”`, at(t, c.row, c.column), { expected: '金额', found: c.text }));
      }
    }
    return out;
  },
};

/** Dashes printed for "none" and the goal tables' operators ("=", ">=") alone run nothing. */
const SYMBOLS_ONLY = /^[-—－=+@<>≥≤]+$/;

const formulaLikeText: Rule = {
  id: 'print.formula-like-text',
  title: '文字以 = + - @ 等开头，在电子表格中会被当作公式',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'format',
  basis: '公开数据（CSV、Excel）在电子表格中打开时，以 = + - @ 或制表符开头的文字会被当作公式执行（CSV 注入）；Gongkai 写出时已加单引号防护，原文仍宜修改',
  check(ctx) {
    // It guards the open data we write from a budget. A document read from its print is read as
    // printed, and our CSV writer defuses such texts anyway: a 提示 per Beijing row "-行政运行 …" helps nobody.
    if (readFromPrint(ctx)) return [];
    const out: Finding[] = [];
    const flag = (text: string, where: string, location: Finding['location']) => {
      if (!isFormulaLike(text) || SYMBOLS_ONLY.test(text.trim())) return;
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      out.push(finding(this, `${where}“${shown.replace(/[\t\r\n]/g, ' ')}”以公式字符开头，在电子表格中打开时会被当作公式`, location, { found: shown }));
    };
    const d = ctx.disclosure;
    flag(d.unit.name, '单位名称', {});
    for (const t of d.tables)
      for (const row of [...t.header, ...t.rows]) row.forEach((cell, c) => flag(cell, `${ctx.label(t)}第${c + 1}列`, at(t, row.find((x) => x.trim() && x !== cell) ?? cell, undefined)));
    for (const s of [...(d.profile ?? []), ...d.narrative]) {
      flag(s.heading, '标题', { section: s.heading });
      flag(s.text, `“${s.heading}”的内容`, { section: s.heading });
    }
    for (const g of d.glossary) {
      flag(g.term, '名词', { section: '名词解释' });
      flag(g.text, `名词“${g.term}”的解释`, { section: '名词解释' });
    }
    return out;
  },
};

export const PRINT_RULES: Rule[] = [decimals, notANumber, formulaLikeText];
