/**
 * How amounts are printed: every amount cell of the money tables keeps the template's two decimals
 * (1,861.38 万元; 86,959,408.34 元), one table does not mix decimal counts, and an amount column
 * holds numbers. Goal tables (16/17) are not money tables and are left out.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import { readThreePublic } from './arithmetic.ts';
import type { RuleContext } from './context.ts';
import { at, finding } from './finding.ts';
import { headerPaths, normName } from './matrix.ts';
import type { TableRole } from './table-roles.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

/** Every template we have prints amounts with two decimals, in 万元 and in 元 tables alike. */
const DECIMALS = 2;

const MATRIX_ROLES = new Set<TableRole>(['income', 'expenditure', 'general-expenditure', 'general-basic', 'fund-expenditure', 'state-capital-expenditure', 'function-expenditure', 'gov-econ', 'dept-econ']);
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
  const out: AmountCell[] = [];
  let twoDecimals = 0;
  if (!role) return { odd: out, twoDecimals };
  const push = (row: string, column: string, text: string | undefined) => {
    let s = text ?? '';
    if (/\s/.test(s)) s = s.replace(/\s+/g, '');
    if (s === '') return;
    // The usual cell ("1,861.38") settles with one test and is only counted.
    if (TWO_DECIMALS.test(s)) twoDecimals++;
    else if (!BLANK.test(s)) out.push({ table: t, row, column, text: s, decimals: decimalsOf(s), zero: !/[1-9]/.test(s) });
  };
  if (MATRIX_ROLES.has(role)) {
    const m = ctx.matrix(t)!;
    for (const p of m.panels ?? [m]) for (const r of p.rows) for (const c of p.columns) push(r.level === 0 ? '合计' : r.code, c.label, p.table.rows[r.index]?.[c.index]);
  } else if (LEDGER_ROLES.has(role)) {
    // Two-sided tables: a cell that reads as a number is an amount, its row named by the label to its left.
    const paths = headerPaths(t.header, Math.max(0, ...t.header.map((h) => h.length)));
    t.rows.forEach((cells) => {
      let label = '';
      cells.forEach((cell, j) => {
        const s = (cell ?? '').replace(/\s+/g, '');
        if (s === '') return;
        if (!NUMBER.test(s) && !/\d/.test(s)) label = normName(s);
        else if (NUMBER.test(s) && j > 0) push(label || `第${j + 1}列`, (paths[j] ?? []).filter(Boolean).join('/') || '预算数', s);
      });
    });
  } else if (LIST_ROLES.has(role)) {
    const l = ctx.list(t);
    const rows = [...l.items, ...(l.total ? [l.total] : [])];
    for (const i of rows) for (const c of l.columns) push(i.label || `第${i.row + 1}行`, c.label, t.rows[i.row]?.[c.index]);
  } else if (role === 'three-public') {
    const tp = readThreePublic(ctx);
    const data = t.rows.find((r) => r.some((c) => /\d/.test(c ?? ''))) ?? [];
    if (tp) for (const c of Object.values(tp.cols)) if (c.index >= 0) push('三公经费', c.label, data[c.index]);
  }
  return { odd: out, twoDecimals };
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
  const shown = cells.slice(0, 3).map((c) => `“${c.row}”行“${c.text}”`).join('、');
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

export const PRINT_RULES: Rule[] = [decimals, notANumber];
