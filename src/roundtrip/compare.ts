/**
 * Cell-by-cell comparison of two Disclosures as printed: unit name, year, contents list, profile,
 * every table (number, title, project, unit label, header and body cells, note), narrative and
 * glossary. Reader-only fields (source, rowSources, unplaced) and the template key are not printed
 * and are not compared. Trailing empty cells of a row are not printed either, so rows are compared
 * padded to the same width.
 */
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';

export interface Difference {
  /** e.g. "表3 row 2 col 4", "narrative[1].text", "toc[3]". */
  where: string;
  expected: string;
  found: string;
}

function show(v: unknown): string {
  return v === undefined ? '(missing)' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
}

function tableName(t: DisclosureTable | undefined, i: number): string {
  if (!t) return `table[${i}]`;
  return `表${t.no}${t.project ? `（${t.project}）` : ''}`;
}

function compareGrid(where: string, a: string[][], b: string[][], out: Difference[]) {
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const ra = a[r];
    const rb = b[r];
    if (!ra || !rb) {
      out.push({ where: `${where} row ${r + 1}`, expected: ra ? show(ra.join(' | ')) : '(no row)', found: rb ? show(rb.join(' | ')) : '(no row)' });
      continue;
    }
    const cols = Math.max(ra.length, rb.length);
    for (let c = 0; c < cols; c++) {
      const x = ra[c] ?? '';
      const y = rb[c] ?? '';
      if (x !== y) out.push({ where: `${where} row ${r + 1} col ${c + 1}`, expected: show(x), found: show(y) });
    }
  }
}

function compareList<T>(where: string, a: T[] | undefined, b: T[] | undefined, fields: (keyof T)[], out: Difference[]) {
  const xa = a ?? [];
  const xb = b ?? [];
  for (let i = 0; i < Math.max(xa.length, xb.length); i++) {
    const p = xa[i];
    const q = xb[i];
    if (!p || !q) {
      out.push({ where: `${where}[${i}]`, expected: p ? show(p[fields[0]!]) : '(none)', found: q ? show(q[fields[0]!]) : '(none)' });
      continue;
    }
    for (const f of fields) if (p[f] !== q[f]) out.push({ where: `${where}[${i}].${String(f)}`, expected: show(p[f]), found: show(q[f]) });
  }
}

export function compareDisclosures(expected: Disclosure, found: Disclosure): Difference[] {
  const out: Difference[] = [];
  if (expected.unit.name !== found.unit.name) out.push({ where: 'unit.name', expected: show(expected.unit.name), found: show(found.unit.name) });
  if (expected.year !== found.year) out.push({ where: 'year', expected: String(expected.year), found: String(found.year) });
  compareList('toc', expected.toc.map((e) => ({ e })), found.toc.map((e) => ({ e })), ['e'], out);
  compareList('profile', expected.profile, found.profile, ['heading', 'text'], out);
  const n = Math.max(expected.tables.length, found.tables.length);
  for (let i = 0; i < n; i++) {
    const a = expected.tables[i];
    const b = found.tables[i];
    const name = tableName(a ?? b, i);
    if (!a || !b) {
      out.push({ where: `tables[${i}]`, expected: a ? name : '(no table)', found: b ? tableName(b, i) : '(no table)' });
      continue;
    }
    for (const f of ['no', 'title', 'project', 'unitLabel', 'note'] as const)
      if (a[f] !== b[f]) out.push({ where: `${name} ${f}`, expected: show(a[f]), found: show(b[f]) });
    compareGrid(`${name} header`, a.header, b.header, out);
    compareGrid(`${name}`, a.rows, b.rows, out);
  }
  compareList('narrative', expected.narrative, found.narrative, ['heading', 'text'], out);
  compareList('glossary', expected.glossary, found.glossary, ['term', 'text'], out);
  return out;
}

export function formatDifferences(diffs: Difference[], limit = 50): string {
  const lines = diffs.slice(0, limit).map((d) => `  ${d.where}: expected ${d.expected}, found ${d.found}`);
  if (diffs.length > limit) lines.push(`  … and ${diffs.length - limit} more`);
  return lines.join('\n');
}
