/**
 * Compares the printed amounts of two disclosures (two years of one unit, two units, two versions,
 * or a department against the sum of its units). Every amount cell is keyed by table, row key
 * (the classification code where the row has one or names a class, the funding source for income
 * rows, else its label without ordinal) and column label, so rows are matched across documents
 * whatever their order and numbering. Goal tables (16, 17) are not amounts.
 */
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { formatCents, parsePrintedCents } from '../core/money.ts';
import { FUNDING_SOURCE_NAMES } from '../core/budget.ts';
import { loadCatalog } from '../core/catalog.ts';

export interface AmountCell {
  table: number;
  tableTitle: string;
  rowKey: string;
  rowLabel: string;
  column: string;
  /** Hundredths of the printed unit (0.01 万元). */
  cents: number;
}

export interface ComparedRow {
  table: number;
  tableTitle: string;
  rowKey: string;
  rowLabel: string;
  column: string;
  a: number | null;
  b: number | null;
  diff: number;
  /** Percentage change b vs a, one decimal, as text ("-2.8%"); "" where a is 0 or missing. */
  pct: string;
}

const AMOUNT = /^-?[\d,]+\.\d{1,2}$/;
const CODE = /^\d{3,7}$/;
const BLANK = /^(|-|—|－)$/;

function columnLabels(t: DisclosureTable): string[] {
  const width = Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
  const labels: string[] = [];
  for (let j = 0; j < width; j++) {
    const parts: string[] = [];
    t.header.forEach((row, r) => {
      // Spaced-out headers ("支 出") are the same label as unspaced ones.
      let v = (row[j] ?? '').replace(/\s+/g, '');
      // An empty upper header cell under a merge belongs to the label on its left.
      if (!v && r < t.header.length - 1 && (t.header[r + 1]?.[j] ?? '').trim()) {
        for (let k = j - 1; k >= 0 && !v; k--) v = (row[k] ?? '').replace(/\s+/g, '');
      }
      if (v && parts[parts.length - 1] !== v) parts.push(v);
    });
    labels.push(parts.join('·') || `第${j + 1}列`);
  }
  return labels;
}

/** "一、", "（三）", "3.", "(2)" … at the start of a printed label. */
const ORDINAL = /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))\s*/;
const TOP_LEVEL = /^\s*[一二三四五六七八九十]+[、.．]/;

/** A label as compared: no ordinal, no spaces ("收 入 总 计" → "收入总计"). */
export function plainLabel(label: string): string {
  return label.replace(ORDINAL, '').replace(/\s+/g, '');
}

/** Funding source names, with and without the trailing 收入, → their role. */
const SOURCE_ROLE = new Map<string, string>();
for (const [role, name] of Object.entries(FUNDING_SOURCE_NAMES)) {
  SOURCE_ROLE.set(name, role);
  SOURCE_ROLE.set(name.replace(/收入$/, ''), role);
}
SOURCE_ROLE.set('上年结转', 'carryOver');

/** Function classes (类) by name, for rows that print a class by name instead of its code. */
function classCodes(year: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of loadCatalog(year).function.values()) if (e.level === 1) out.set(e.name, e.code);
  return out;
}

/**
 * The key of a labelled row: its code where it prints one; a function class named without its
 * code ("三、社会保障和就业支出") by the class's code; an income row by its role (funding source)
 * within its group ("本年收入" / "上年结转"); anything else by its label without ordinal.
 */
function rowKeyOf(label: string, group: string, classes: Map<string, string>): string {
  const plain = plainLabel(label);
  if (CODE.test(plain)) return plain;
  const cls = classes.get(plain);
  if (cls) return cls;
  const role = SOURCE_ROLE.get(plain);
  const key = role ? `收入:${FUNDING_SOURCE_NAMES[role as keyof typeof FUNDING_SOURCE_NAMES]}` : plain;
  return group && group !== plain ? `${group}/${key}` : key;
}

/** Every amount cell of the comparable tables. */
export function amountCells(d: Disclosure): AmountCell[] {
  const out: AmountCell[] = [];
  const classes = classCodes(d.year);
  for (const t of d.tables) {
    if (t.no >= 16) continue;
    const labels = columnLabels(t);
    // A column holds amounts when any of its body cells is a printed amount (blanks there are 0).
    const amountCol = labels.map((_, j) => t.rows.some((r) => AMOUNT.test((r[j] ?? '').trim())));
    // Per side of the table (segment index): the top-level row ("一、本年收入") its items fall under.
    const groups: string[] = [];
    for (const row of t.rows) {
      // A row is read as segments: label cells, then amount cells. Each segment has its own key, so
      // the right-hand side of a two-sided table never takes the left-hand label, even when its
      // own label cell is blank (then its amounts are not compared).
      let segment = -1;
      let key = '';
      let label = '';
      let inAmounts = true;
      row.forEach((raw, j) => {
        const cell = (raw ?? '').trim();
        if (!amountCol[j]) {
          if (inAmounts) {
            segment++;
            key = '';
            label = '';
            inAmounts = false;
          }
          if (!cell) return;
          if (!key) {
            const plain = plainLabel(cell);
            if (TOP_LEVEL.test(cell) || !ORDINAL.test(cell)) groups[segment] = TOP_LEVEL.test(cell) ? plain : '';
            key = CODE.test(plain) ? plain : rowKeyOf(cell, groups[segment] ?? '', classes);
            const group = groups[segment] ?? '';
            label = CODE.test(plain) ? '' : group && group !== plain && ORDINAL.test(cell) ? `${group} · ${plain}` : plain;
          } else if (CODE.test(key) && !label) label = cell;
          return;
        }
        inAmounts = true;
        if (!key) return;
        if (!AMOUNT.test(cell) && !BLANK.test(cell)) return;
        const cents = parsePrintedCents(cell);
        if (cents === null) return;
        out.push({ table: t.no, tableTitle: t.title, rowKey: key, rowLabel: label, column: labels[j] ?? '', cents });
      });
    }
  }
  return out;
}

const keyOf = (c: Pick<AmountCell, 'table' | 'rowKey' | 'column'>) => `${c.table}\u0000${c.rowKey}\u0000${c.column}`;

export function percentChange(a: number, b: number): string {
  if (a === 0) return '';
  // Integer arithmetic: tenths of a percent, rounded half away from zero.
  const num = (b - a) * 1000;
  const q = Math.trunc(num / Math.abs(a));
  const r = Math.abs(num % Math.abs(a));
  const tenths = q + (r * 2 >= Math.abs(a) ? Math.sign(num) : 0);
  const sign = tenths < 0 ? '-' : tenths > 0 ? '+' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}

/** All amount cells of a and b, matched; rows in a's order, then b's extras. */
export function compareDisclosures(a: Disclosure, b: Disclosure): ComparedRow[] {
  const ca = amountCells(a);
  const cb = amountCells(b);
  const mb = new Map<string, AmountCell>();
  for (const c of cb) if (!mb.has(keyOf(c))) mb.set(keyOf(c), c);
  const seen = new Set<string>();
  const out: ComparedRow[] = [];
  const push = (x: AmountCell, av: number | null, bv: number | null) => {
    const diff = (bv ?? 0) - (av ?? 0);
    out.push({ table: x.table, tableTitle: x.tableTitle, rowKey: x.rowKey, rowLabel: x.rowLabel, column: x.column, a: av, b: bv, diff, pct: av && diff !== 0 ? percentChange(av, bv ?? 0) : '' });
  };
  for (const x of ca) {
    const k = keyOf(x);
    if (seen.has(k)) continue;
    seen.add(k);
    push(x, x.cents, mb.get(k)?.cents ?? null);
  }
  for (const x of cb) {
    const k = keyOf(x);
    if (seen.has(k)) continue;
    seen.add(k);
    push(x, null, x.cents);
  }
  return out;
}

export const cents = (n: number | null) => (n === null ? '—' : formatCents(n));

export interface TextChange {
  where: string;
  /** Sentences only in the new version / only in the old one. */
  added: string[];
  removed: string[];
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！？])|\n/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function sentenceDiff(where: string, before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const a = sentences(before);
  const b = sentences(after);
  const sa = new Set(a);
  const sb = new Set(b);
  return { where, added: b.filter((x) => !sa.has(x)), removed: a.filter((x) => !sb.has(x)) };
}

/** Text that differs between two versions (profile, narrative, glossary, goal tables), by sentence. */
export function changedTexts(a: Disclosure, b: Disclosure): TextChange[] {
  const out: TextChange[] = [];
  const push = (c: TextChange | undefined) => c && (c.added.length || c.removed.length) && out.push(c);
  const sections = (d: Disclosure) => new Map([...(d.profile ?? []), ...d.narrative].map((s) => [s.heading, s.text]));
  const sa = sections(a);
  const sb = sections(b);
  for (const [h, t] of sb) push(sentenceDiff(h, sa.get(h) ?? '', t));
  for (const [h, t] of sa) if (!sb.has(h)) push(sentenceDiff(h, t, ''));
  const ga = new Map(a.glossary.map((g) => [g.term, g.text]));
  const gb = new Map(b.glossary.map((g) => [g.term, g.text]));
  for (const [term, t] of gb) push(sentenceDiff(`名词解释：${term}`, ga.get(term) ?? '', t));
  for (const [term, t] of ga) if (!gb.has(term)) push(sentenceDiff(`名词解释：${term}`, t, ''));
  const goals = (d: Disclosure) => new Map(d.tables.filter((t) => t.no >= 16).map((t) => [`表${t.no}${t.project ? ` ${t.project}` : ''}`, t.rows.map((r) => r.join(' ')).join('\n')]));
  const ta = goals(a);
  const tb = goals(b);
  for (const [k, v] of tb) push(sentenceDiff(k, ta.get(k) ?? '', v));
  return out;
}
