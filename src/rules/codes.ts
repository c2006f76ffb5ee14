/**
 * Codes and row numbers as printed: an economic or function code against the year's
 * classification catalogue (data/catalogs), and the 行次 (row numbers) of the two-sided tables of
 * the final-account template. Both read a row's own cells (its code and its name, its number),
 * never an amount column, so they do not depend on how a table's columns were inferred.
 */
import { catalogYearFor, loadCatalog, type Catalog, type CatalogEntry } from '../core/catalog.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { RuleContext } from './context.ts';
import { at, finding } from './finding.ts';
import { normName, type Matrix, type MatrixRow } from '../printed/matrix.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

const CATALOG_BASIS = '政府收支分类科目（支出功能分类、部门预算支出经济分类）当年版本：科目编码与名称一一对应';

/** Names compared as printed, without spaces and with one kind of parentheses. */
const norm = (s: string) => normName(s).replace(/\s+/g, '');

/**
 * The catalogue of the document's year, or none: a catalogue of a later year than the document's
 * (the oldest one stands in for earlier years) may name codes differently (210 医疗卫生与计划生育支出
 * became 卫生健康支出 in 2019), so it is not held against an earlier document.
 */
function catalogOf(ctx: RuleContext): Catalog | undefined {
  return ctx.memo('codes.catalog', () => {
    try {
      return catalogYearFor(ctx.year) <= ctx.year ? loadCatalog(ctx.year) : undefined;
    } catch {
      return undefined;
    }
  });
}

const ECONOMIC_ROLES = new Set(['general-basic', 'dept-econ']);
const FUNCTION_ROLES = new Set(['expenditure', 'general-expenditure', 'function-expenditure', 'income', 'fund-expenditure']);

interface CodeTable {
  m: Matrix;
  entries: Map<string, CatalogEntry>;
  kind: '经济分类' | '功能分类';
}

function codeTables(ctx: RuleContext, cat: Catalog): CodeTable[] {
  const out: CodeTable[] = [];
  for (const t of ctx.disclosure.tables) {
    const role = ctx.role(t) ?? '';
    const economic = ECONOMIC_ROLES.has(role);
    if (!economic && !FUNCTION_ROLES.has(role)) continue;
    const m = ctx.matrix(t);
    if (!m || m.rows.length === 0) continue;
    out.push({ m, entries: economic ? cat.deptEcon : cat.function, kind: economic ? '经济分类' : '功能分类' });
  }
  return out;
}

/** One character replaced by another, same length otherwise ("维护（护）费" for "维修（护）费"). */
function oneCharOff(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 3) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && ++diff > 1) return false;
  return diff === 1;
}

/** A row's printed name agrees with the catalogue (or the catalogue does not know its code). */
function agrees(r: MatrixRow | undefined, entries: Map<string, CatalogEntry>): boolean {
  if (!r) return true;
  const e = entries.get(r.code);
  return !e || norm(e.name) === norm(r.name);
}

/**
 * Names read in place: the rows above and below name their own codes. A reading that shifted the
 * name cells (wrapped names, headerless continuation pages) shifts its neighbours' names too.
 */
function aligned(rows: MatrixRow[], i: number, entries: Map<string, CatalogEntry>): boolean {
  const near = [rows[i - 1], rows[i + 1]].filter((r): r is MatrixRow => r !== undefined && entries.has(r.code));
  return near.length > 0 && near.every((r) => agrees(r, entries));
}

const catalogName: Rule = {
  id: 'code.catalog-name',
  title: '科目编码与科目名称应与当年政府收支分类科目一致（编码错位、名称错字）',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'codes',
  basis: CATALOG_BASIS,
  check(ctx) {
    const cat = catalogOf(ctx);
    if (!cat) return [];
    const out: Finding[] = [];
    for (const { m, entries, kind } of codeTables(ctx, cat)) {
      const byName = new Map<string, CatalogEntry>();
      for (const e of entries.values()) byName.set(norm(e.name), e);
      const rows = m.rows.filter((r) => r.level > 0 && r.code !== '');
      rows.forEach((r, i) => {
        const e = entries.get(r.code);
        const name = norm(r.name);
        if (!e || name === '' || norm(e.name) === name || !aligned(rows, i, entries)) return;
        const other = byName.get(name);
        // The name of another code of the same class: the code is the wrong one.
        if (other && other.code !== r.code && other.code.slice(0, 3) === r.code.slice(0, 3) && other.code.length === r.code.length) {
          out.push(
            finding(
              this,
              `${ctx.label(m.table)}“${r.code} ${r.name}”行：${kind}科目${r.code}为“${e.name}”，“${other.name}”的科目编码为${other.code}（${cat.year}年科目），编码与名称不符`,
              at(m.table, r.code, '科目编码'),
              {
                expected: `${other.code} ${other.name}`,
                found: `${r.code} ${r.name}`,
              },
            ),
          );
          return;
        }
        // One character off the catalogue's name: a misprint of it.
        if (oneCharOff(name, norm(e.name)))
          out.push(
            finding(this, `${ctx.label(m.table)}“${r.code}”行科目名称印为“${r.name}”，${kind}科目${r.code}的名称为“${e.name}”（${cat.year}年科目），名称有错字`, at(m.table, r.code, '科目名称'), {
              expected: e.name,
              found: r.name,
              severity: 'warning',
            }),
          );
      });
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// 行次: row numbers of the two-sided tables

/** A row number cell: a small whole number printed in its own cell. */
const ROW_NO = /^\d{1,3}$/;
const AMOUNT_CELL = /^-?[\d,]+(\.\d+)?$/;

interface Numbered {
  /** The row numbers printed in a body row, in column order, with the label printed left of each. */
  nos: number[];
  labels: string[];
}

function rowNumbers(cells: string[]): Numbered {
  const nos: number[] = [];
  const labels: string[] = [];
  let label = '';
  for (const c of cells) {
    const t = c.trim();
    if (ROW_NO.test(t)) {
      nos.push(Number(t));
      labels.push(label);
    } else if (t !== '' && !AMOUNT_CELL.test(t)) label = t;
  }
  return { nos, labels };
}

const rowNumber: Rule = {
  id: 'print.row-number',
  title: '行次应连续、不重复（如 28、39、30：行次39误印，应为29）',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'codes',
  basis: `${BASIS.template}：决算表各行行次按顺序编列，供勾稽引用`,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.disclosure.tables) {
      if (!t.header.some((h) => h.some((c) => /行\s*次/.test(c)))) continue;
      out.push(...misnumbered(this, ctx, t));
    }
    return out;
  },
};

/**
 * A number that breaks a run by one (…, 28, 39, 30, …: the row between 28 and 30 is 29) and is
 * printed again elsewhere in the table, while 29 is printed nowhere: a misprint, not a reading
 * doubt — the run on both sides fixes what it should be.
 */
function misnumbered(rule: Rule, ctx: RuleContext, t: DisclosureTable): Finding[] {
  const out: Finding[] = [];
  const rows = t.rows.map((cells) => (/栏\s*次/.test(cells.join('')) ? { nos: [], labels: [] } : rowNumbers(cells))).filter((r) => r.nos.length > 0);
  const count = new Map<number, number>();
  for (const r of rows) for (const n of r.nos) count.set(n, (count.get(n) ?? 0) + 1);
  for (let k = 1; k + 1 < rows.length; k++) {
    const [prev, cur, next] = [rows[k - 1]!, rows[k]!, rows[k + 1]!];
    // The same position in the three rows (left or right side of a two-sided table).
    for (let j = 0; j < cur.nos.length; j++) {
      const a = prev.nos[j];
      const v = cur.nos[j]!;
      if (a === undefined || next.nos[j] !== a + 2 || v === a + 1) continue;
      if ((count.get(v) ?? 0) < 2 || count.has(a + 1)) continue;
      const label = cur.labels[j] || `行次${a + 1}所在行`;
      out.push(
        finding(rule, `${ctx.label(t)}“${label}”行行次印为${v}，上下两行为${a}、${a + 2}，应为${a + 1}；行次${v}在表中重复出现`, at(t, label, '行次'), {
          expected: String(a + 1),
          found: String(v),
        }),
      );
    }
  }
  return out;
}

export const CODE_RULES: Rule[] = [catalogName, rowNumber];
