/**
 * Cell-by-cell comparison of two Disclosures as printed: unit name, year, contents list, profile,
 * every table (number, title, project, unit label, header and body cells, note), narrative and
 * glossary. Reader-only fields (source, rowSources, unplaced) and the template key are not printed
 * and are not compared. Trailing empty cells of a row are not printed either, so rows are compared
 * padded to the same width.
 */
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';

export interface Difference {
  /** e.g. "表3 第2行第4列", "narrative[1].text", "toc[3]". */
  where: string;
  expected: string;
  found: string;
}

function show(v: unknown): string {
  return v === undefined ? '（缺失）' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
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
      out.push({ where: `${where} 第${r + 1}行`, expected: ra ? show(ra.join(' | ')) : '（无此行）', found: rb ? show(rb.join(' | ')) : '（无此行）' });
      continue;
    }
    const cols = Math.max(ra.length, rb.length);
    for (let c = 0; c < cols; c++) {
      const x = ra[c] ?? '';
      const y = rb[c] ?? '';
      if (x !== y) out.push({ where: `${where} 第${r + 1}行第${c + 1}列`, expected: show(x), found: show(y) });
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
      out.push({ where: `${where}[${i}]`, expected: p ? show(p[fields[0]!]) : '（无）', found: q ? show(q[fields[0]!]) : '（无）' });
      continue;
    }
    for (const f of fields) if (p[f] !== q[f]) out.push({ where: `${where}[${i}].${String(f)}`, expected: show(p[f]), found: show(q[f]) });
  }
}

export function compareDisclosures(expected: Disclosure, found: Disclosure): Difference[] {
  const out: Difference[] = [];
  if (expected.unit.name !== found.unit.name) out.push({ where: 'unit.name', expected: show(expected.unit.name), found: show(found.unit.name) });
  if (expected.year !== found.year) out.push({ where: 'year', expected: String(expected.year), found: String(found.year) });
  compareList(
    'toc',
    expected.toc.map((e) => ({ e })),
    found.toc.map((e) => ({ e })),
    ['e'],
    out,
  );
  compareList('profile', expected.profile, found.profile, ['heading', 'text'], out);
  const n = Math.max(expected.tables.length, found.tables.length);
  for (let i = 0; i < n; i++) {
    const a = expected.tables[i];
    const b = found.tables[i];
    const name = tableName(a ?? b, i);
    if (!a || !b) {
      out.push({ where: `tables[${i}]`, expected: a ? name : '（无此表）', found: b ? tableName(b, i) : '（无此表）' });
      continue;
    }
    for (const f of ['no', 'title', 'project', 'unitLabel', 'note'] as const) if (a[f] !== b[f]) out.push({ where: `${name} ${f}`, expected: show(a[f]), found: show(b[f]) });
    compareGrid(`${name} 表头`, a.header, b.header, out);
    compareGrid(`${name}`, a.rows, b.rows, out);
  }
  compareList('narrative', expected.narrative, found.narrative, ['heading', 'text'], out);
  compareList('glossary', expected.glossary, found.glossary, ['term', 'text'], out);
  return out;
}

export function formatDifferences(diffs: Difference[], limit = 50): string {
  const lines = diffs.slice(0, limit).map((d) => `  ${d.where}：应为 ${d.expected}，读回 ${d.found}`);
  if (diffs.length > limit) lines.push(`  ……另有 ${diffs.length - limit} 处`);
  return lines.join('\n');
}
