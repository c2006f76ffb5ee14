/**
 * Compares the printed amounts of two disclosures (two years of one unit, two units, two versions,
 * or a department against the sum of its units). Every amount cell is keyed by table, row key
 * (the classification code where the row has one, else its label) and column label, so codes are
 * matched across documents whatever their row order. Goal tables (16, 17) are not amounts.
 */
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { formatCents, parsePrintedCents } from '../core/money.ts';

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
      let v = (row[j] ?? '').trim();
      // An empty upper header cell under a merge belongs to the label on its left.
      if (!v && r < t.header.length - 1 && (t.header[r + 1]?.[j] ?? '').trim()) {
        for (let k = j - 1; k >= 0 && !v; k--) v = (row[k] ?? '').trim();
      }
      if (v && parts[parts.length - 1] !== v) parts.push(v);
    });
    labels.push(parts.join('·') || `第${j + 1}列`);
  }
  return labels;
}

/** Every amount cell of the comparable tables. */
export function amountCells(d: Disclosure): AmountCell[] {
  const out: AmountCell[] = [];
  for (const t of d.tables) {
    if (t.no >= 16) continue;
    const labels = columnLabels(t);
    // A column holds amounts when any of its body cells is a printed amount (blanks there are 0).
    const amountCol = labels.map((_, j) => t.rows.some((r) => AMOUNT.test((r[j] ?? '').trim())));
    for (const row of t.rows) {
      let key = '';
      let label = '';
      let afterAmount = true;
      row.forEach((raw, j) => {
        const cell = (raw ?? '').trim();
        if (!amountCol[j]) {
          if (!cell) return;
          // Text after an amount starts a new item (the right-hand side of a two-sided table).
          if (afterAmount) {
            key = cell;
            label = '';
          } else if (CODE.test(key) && !label) label = cell;
          afterAmount = false;
          return;
        }
        afterAmount = true;
        if (!AMOUNT.test(cell) && !BLANK.test(cell)) return;
        const cents = parsePrintedCents(cell);
        if (cents === null) return;
        out.push({ table: t.no, tableTitle: t.title, rowKey: key.replace(/\s+/g, ''), rowLabel: CODE.test(key) ? label : '', column: labels[j] ?? '', cents });
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
