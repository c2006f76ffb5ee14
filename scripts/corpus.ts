/**
 * npm run corpus: reads and checks every real disclosure in fixtures/real and writes
 * docs/corpus-report.md — per document the layout family recognised, tables read against tables
 * published, year, unit, the first table's grand total as read, error / warning counts, seconds,
 * and precision and recall against the hand-established truth (fixtures/real/truth).
 * `-- --only 05,17` limits the run; `-- --verbose` prints every unmatched finding and missed defect;
 * `-- --as-text` reads each PDF's `pdftotext -layout` text instead (the report file is left alone).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { mergeOutcomes, readDisclosureFile, readDisclosureFiles } from '../src/read/index.ts';
import { pdftotext } from '../src/read/pdf/published-pdf.ts';
import { readTextDisclosure } from '../src/read/text/read-text.ts';
import { checkDisclosure, type Finding } from '../src/rules/index.ts';
import { corpusDocuments, publishedChecks, scoreFindings, type Score } from './corpus-lib.ts';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : undefined;
const verbose = args.includes('--verbose');
// Read each PDF's pdftotext -layout text instead of the PDF (how users who convert first read it).
const asText = args.includes('--as-text');

async function readAsText(files: string[]) {
  const outcomes = [];
  for (const f of files) {
    if (!f.endsWith('.pdf')) continue;
    try {
      outcomes.push(readTextDisclosure(await pdftotext(new Uint8Array(readFileSync(f)), f, '-layout'), { file: f }));
    } catch {
      // An image-only PDF has no text: skipped, as the PDF path skips it.
    }
  }
  if (!outcomes.length) throw new Error('no text');
  return outcomes.length === 1 ? outcomes[0]! : mergeOutcomes(outcomes);
}

const rows: string[] = [];
const sums = { errors: 0, trueErrors: 0, warnings: 0, trueWarnings: 0, defects: 0, found: 0, docs: 0, ok: 0 };
const brief = (f: Finding) => `[${f.severity}] ${f.rule} 表${f.location.table ?? '-'} ${f.message.slice(0, 140)}`;

for (const doc of corpusDocuments()) {
  if (only && !only.includes(doc.no)) continue;
  const t0 = performance.now();
  let line: string;
  try {
    const tablesRead = doc.tablesFile ? (asText ? await readAsText([doc.tablesFile]) : await readDisclosureFile(doc.tablesFile)).disclosure : undefined;
    const { disclosure: d } = asText ? await readAsText(doc.files) : await readDisclosureFiles(doc.files);
    const findings = checkDisclosure(d);
    const secs = (performance.now() - t0) / 1000;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    const e = doc.expected;
    const c = e ? publishedChecks(tablesRead, findings, e) : undefined;
    const n = c?.tables ?? 0;
    const tablesOk = c?.tablesOk ?? true;
    const yearOk = c?.yearOk ?? true;
    const totalsOk = c?.totalsOk ?? true;
    const missing = c?.missing ?? 0;
    if (c) {
      sums.docs++;
      if (c.ok) sums.ok++;
    }
    let pr = '—';
    let score: Score | undefined;
    if (doc.truth) {
      score = scoreFindings(findings, doc.truth);
      for (const k of ['errors', 'trueErrors', 'warnings', 'trueWarnings', 'defects', 'found'] as const) sums[k] += score[k];
      pr = `${score.trueErrors}/${score.errors} · ${score.trueWarnings}/${score.warnings} · ${score.found}/${score.defects}`;
    }
    const family = d.layoutFamily ? `${d.layoutFamily.id}${d.layoutFamily.confidence ? ` (${d.layoutFamily.confidence})` : ''}` : d.template;
    line = `| ${doc.no} | ${family} | ${n}/${e?.min_tables ?? '—'}${tablesOk ? '' : ' ✗'} | ${d.year}${yearOk ? '' : ' ✗'} | ${(d.unit.name || '—').slice(0, 24)} | ${e ? (totalsOk ? e.totals.join(' / ') : '✗ ' + e.totals.join(' / ')) : '—'} | ${errors} / ${warnings}${missing ? ` (${missing} table.missing ✗)` : ''} | ${pr} | ${secs.toFixed(2)} |`;
    if (verbose && score) {
      for (const f of [...score.falseErrors, ...score.falseWarnings]) console.log(`${doc.no} FALSE ${brief(f)}`);
      for (const m of score.missed) console.log(`${doc.no} MISSED ${m.id}: ${m.description.slice(0, 140)}`);
    }
  } catch (err) {
    line = `| ${doc.no} | — | — | — | — | ${(err as Error).message.split('\n')[0]!.slice(0, 80)} | — | — | ${((performance.now() - t0) / 1000).toFixed(2)} |`;
  }
  rows.push(line);
  console.log(line);
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
const summary = [
  `Documents read as published (tables ≥ published, year, grand total, no false table.missing): **${sums.ok}/${sums.docs}**.`,
  `Against the truth (fixtures/real/truth): errors true **${sums.trueErrors}/${sums.errors}** (${pct(sums.trueErrors, sums.errors)}), warnings true **${sums.trueWarnings}/${sums.warnings}** (${pct(sums.trueWarnings, sums.warnings)}), true defects reported at warning or error **${sums.found}/${sums.defects}** (${pct(sums.found, sums.defects)}).`,
];
console.log(summary.join('\n'));
if (!only && !asText) {
  const md = `# Corpus report

Generated by \`npm run corpus\` (scripts/corpus.ts): every real disclosure in \`fixtures/real\` (copies of
the shared corpus, provenance in its MANIFEST.md) read as published and checked with the whole rule
catalogue. A disclosure published as two files is read as one; "tables" counts the tables file's
tables with rows against the number the document publishes. Precision and recall are measured
against \`fixtures/real/truth/NN.json\`, established by reading each document by hand.

${summary.join('\n\n')}

| # | layout family (confidence) | tables read / published | year | unit | first table's grand total | errors / warnings | true errors · true warnings · defects found | seconds |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
  writeFileSync(new URL('../docs/corpus-report.md', import.meta.url), md);
}
