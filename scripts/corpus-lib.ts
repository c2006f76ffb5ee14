/**
 * The real corpus (fixtures/real) as the corpus report and the corpus test see it: each disclosure's
 * files, what the document publishes (expected.json), its hand-established truth (truth/NN.json),
 * and findings matched against that truth for precision and recall.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure } from '../src/core/disclosure.ts';
import type { Finding } from '../src/rules/index.ts';

export const CORPUS_DIR = new URL('../fixtures/real/', import.meta.url).pathname;

export interface TruthDefect {
  id: string;
  class: string;
  table?: number;
  row?: string;
  column?: string;
  page?: number;
  expected?: string;
  found?: string;
  numbers?: string[];
  description: string;
}

export interface Truth {
  document: string;
  files: string[];
  family: string;
  year: number;
  kind: string;
  unit: string;
  tables: { no: number; title: string; role: string; page?: number; empty?: boolean; cells?: { row: string; column: string; value: string }[] }[];
  defects: TruthDefect[];
  clean: boolean;
}

export interface CorpusDocument {
  no: string;
  files: string[];
  /** The file expected.json describes (the tables file of a two-file disclosure). */
  tablesFile?: string;
  expected?: { year: number; totals: string[]; min_tables: number };
  truth?: Truth;
}

export function corpusDocuments(dir = CORPUS_DIR): CorpusDocument[] {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, CorpusDocument['expected']>;
  const files = readdirSync(dir)
    .filter((f) => /^\d\d_.*\.(pdf|html)$/.test(f))
    .sort();
  const byNo = new Map<string, string[]>();
  for (const f of files) {
    const no = f.slice(0, 2);
    byNo.set(no, [...(byNo.get(no) ?? []), f]);
  }
  return [...byNo.entries()].map(([no, fs]) => {
    const tablesFile = fs.find((f) => expected[f]);
    const truthPath = join(dir, 'truth', `${no}.json`);
    return {
      no,
      files: fs.map((f) => join(dir, f)),
      ...(tablesFile ? { tablesFile: join(dir, tablesFile), expected: expected[tablesFile] } : {}),
      ...(existsSync(truthPath) ? { truth: JSON.parse(readFileSync(truthPath, 'utf8')) as Truth } : {}),
    };
  });
}

const normText = (s: string) => s.replace(/[\s,，]/g, '');

/** Printed figures of a text as numbers (commas dropped), for comparing findings with the truth. */
function figures(s: string): number[] {
  return [...normText(s).matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0])).filter((n) => Number.isFinite(n) && Math.abs(n) >= 0.01);
}

/** Whether a finding reports a true defect: same table (or a cross-table one), and its row or one of its figures. */
export function findingMatches(f: Finding, d: TruthDefect): boolean {
  const text = `${f.message} ${f.expected ?? ''} ${f.found ?? ''} ${f.location.row ?? ''} ${f.location.column ?? ''}`;
  const otherTable = d.table !== undefined && f.location.table !== undefined && d.table !== f.location.table;
  if (otherTable && d.class !== 'cross-table' && !f.message.includes(`表${d.table}「`)) return false;
  const row = d.row ? normText(d.row) : '';
  const rowHit = row.length >= 3 && normText(text).includes(row);
  // Figures compare as printed, or rounded to two decimals (a finding prints 万元 with two).
  const nums = new Set(figures(text).map((x) => x.toFixed(2)));
  const numHit = (d.numbers ?? []).concat(d.found ? [d.found] : []).some((n) => figures(n).some((x) => nums.has(x.toFixed(2)) && Math.abs(x) >= 1));
  // Wording defects (template remnants): a text the finding quotes is in the defect's description.
  const said = normText(`${d.description} ${d.found ?? ''}`);
  const quoteHit = d.table === undefined && [...f.message.matchAll(/“([^”]{3,40})”/g)].some((m) => said.includes(normText(m[1]!)));
  return rowHit || numHit || (quoteHit && d.class === 'placeholder' && f.rule === 'narrative.placeholder');
}

export interface Score {
  errors: number;
  trueErrors: number;
  warnings: number;
  trueWarnings: number;
  defects: number;
  found: number;
  falseErrors: Finding[];
  falseWarnings: Finding[];
  missed: TruthDefect[];
}

/** Precision of errors and warnings, recall of the truth's defects (reported at warning or error). */
export function scoreFindings(findings: Finding[], truth: Truth): Score {
  const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
  const matched = (f: Finding) => truth.defects.some((d) => findingMatches(f, d));
  const errors = serious.filter((f) => f.severity === 'error');
  const warnings = serious.filter((f) => f.severity === 'warning');
  const missed = truth.defects.filter((d) => !serious.some((f) => findingMatches(f, d)));
  return {
    errors: errors.length,
    trueErrors: errors.filter(matched).length,
    warnings: warnings.length,
    trueWarnings: warnings.filter(matched).length,
    defects: truth.defects.length,
    found: truth.defects.length - missed.length,
    falseErrors: errors.filter((f) => !matched(f)),
    falseWarnings: warnings.filter((f) => !matched(f)),
    missed,
  };
}

/** What read_corpus.py asks of a tables file: its tables, year and grand total read, no false table.missing. */
export function publishedChecks(tablesRead: Disclosure | undefined, findings: Finding[], expected: NonNullable<CorpusDocument['expected']>) {
  const tables = tablesRead ? tablesRead.tables.filter((t) => t.rows.length).length : 0;
  const tablesOk = tables >= expected.min_tables;
  const yearOk = tablesRead?.year === expected.year;
  const totalsOk = tablesRead !== undefined && totalsRead(tablesRead, expected.totals);
  const missing = findings.filter((f) => f.rule === 'table.missing' && f.severity === 'error').length;
  return { tables, tablesOk, yearOk, totalsOk, missing, ok: tablesOk && yearOk && totalsOk && missing === 0 };
}

/** Whether every grand total of the first table is printed in the first two tables read. */
export function totalsRead(d: Disclosure, totals: string[]): boolean {
  const cells = normText(JSON.stringify(d.tables.slice(0, 2)));
  return d.tables.length > 0 && totals.every((t) => cells.includes(normText(t)));
}
