/**
 * The real corpus against its hand-established truth (fixtures/real/truth): every document read as
 * published and checked, then measured. The test fails when
 *   - a document that was read as published (tables ≥ published, year, grand total, no false
 *     table.missing) no longer is;
 *   - a finding at warning or error appears that the truth does not list and the baseline does not
 *     record as a known false alarm;
 *   - a true defect that was reported disappears;
 *   - fewer of the cells read by hand are found in the reading, or fewer tables have their role;
 *   - the reading itself changes (fixtures/real/readings/NN.json, a summary per table).
 * fixtures/real/corpus-baseline.json records the state measured (known false alarms and misses are
 * the work left, listed by name). UPDATE_BASELINE=1 rewrites it: review its diff.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Disclosure } from '../src/core/disclosure.ts';
import test from 'node:test';
import { readDisclosureFile, readDisclosureFiles } from '../src/read/index.ts';
import { checkDisclosure, type Finding } from '../src/rules/index.ts';
import { corpusDocuments, CORPUS_DIR, publishedChecks, scoreFindings } from '../scripts/corpus-lib.ts';

interface DocBaseline {
  readAsPublished: boolean;
  /** Tables whose role matches a table of the same role in the truth (counted per role). */
  rolesMatched: number;
  roles: number;
  handCellsFound: number;
  handCells: number;
  falseAlarms: string[];
  missed: string[];
}

const BASELINE = `${CORPUS_DIR}corpus-baseline.json`;
const update = process.env.UPDATE_BASELINE === '1';
const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, DocBaseline>;
const measured: Record<string, DocBaseline> = {};
const key = (f: Finding) => `${f.severity} ${f.rule} 表${f.location.table ?? '-'} ${f.message.slice(0, 60)}`;
const norm = (s: string) => s.replace(/[\s,]/g, '');

for (const doc of corpusDocuments()) {
  if (!doc.truth) continue;
  test(`real corpus ${doc.no}: read as published, findings against the truth`, async () => {
    let readAsPublished = false;
    let rolesMatched = 0;
    let read: Disclosure | undefined;
    let roles = 0;
    let handCells = 0;
    let handCellsFound = 0;
    let falseAlarms: string[] = [];
    let missed: string[] = [];
    try {
      const { disclosure } = await readDisclosureFiles(doc.files.filter((f) => !/22_.*narrative/.test(f)));
      const findings = checkDisclosure(disclosure);
      if (doc.expected && doc.tablesFile) {
        const tables = (await readDisclosureFile(doc.tablesFile)).disclosure;
        readAsPublished = publishedChecks(tables, findings, doc.expected).ok;
      }
      // Roles per kind: the truth's roles against the keys the reader gave.
      const count = (keys: (string | undefined)[]) => keys.reduce((m, k) => (k ? m.set(k, (m.get(k) ?? 0) + 1) : m), new Map<string, number>());
      const truthRoles = count(doc.truth!.tables.map((t) => (t.role === 'other' ? undefined : t.role)));
      const readRoles = count(disclosure.tables.map((t) => t.key));
      for (const [role, n] of truthRoles) {
        roles += n;
        rolesMatched += Math.min(n, readRoles.get(role) ?? 0);
      }
      read = disclosure;
      const cells = norm(JSON.stringify(disclosure.tables));
      for (const t of doc.truth!.tables)
        for (const c of t.cells ?? []) {
          if (!/\d/.test(c.value)) continue;
          handCells++;
          if (cells.includes(norm(c.value))) handCellsFound++;
        }
      const score = scoreFindings(findings, doc.truth!);
      falseAlarms = [...score.falseErrors, ...score.falseWarnings].map(key).sort();
      missed = score.missed.map((d) => d.id).sort();
    } catch (e) {
      // Named without the folder, so the baseline holds wherever the repository is cloned.
      falseAlarms = [`unreadable: ${(e as Error).message.split(CORPUS_DIR).join('').slice(0, 80)}`];
    }
    if (read) writeReading(doc.no, read);
    measured[doc.no] = { readAsPublished, rolesMatched, roles, handCellsFound, handCells, falseAlarms, missed };
    if (update) return;
    const was = baseline[doc.no];
    assert.ok(was, `${doc.no}: no baseline (run with UPDATE_BASELINE=1)`);
    if (was.readAsPublished) assert.ok(readAsPublished, `${doc.no}: no longer read as published`);
    assert.ok(rolesMatched >= (was.rolesMatched ?? 0), `${doc.no}: ${rolesMatched}/${roles} tables have the truth's role, was ${was.rolesMatched}`);
    assert.ok(handCellsFound >= was.handCellsFound, `${doc.no}: ${handCellsFound}/${handCells} hand-read cells found, was ${was.handCellsFound}`);
    const newFalse = falseAlarms.filter((f) => !was.falseAlarms.includes(f));
    assert.deepEqual(newFalse, [], `${doc.no}: findings the truth does not list`);
    const newMissed = missed.filter((m) => !was.missed.includes(m));
    assert.deepEqual(newMissed, [], `${doc.no}: true defects no longer reported`);
  });
}

/**
 * Golden reading (fixtures/real/readings/NN.json): per table its number, role, title, row count and
 * first and last rows, so any change in what is read shows in review. Compared, or rewritten with
 * UPDATE_BASELINE=1.
 */
function writeReading(no: string, d: Disclosure): void {
  const summary = {
    family: d.layoutFamily?.id ?? d.template,
    year: d.year,
    unit: d.unit.name,
    tables: d.tables.map((t) => ({ no: t.no, key: t.key, title: t.title, rows: t.rows.length, first: t.rows[0], last: t.rows[t.rows.length - 1] })),
  };
  const path = `${CORPUS_DIR}readings/${no}.json`;
  const text = JSON.stringify(summary, null, 1) + '\n';
  if (update) {
    mkdirSync(`${CORPUS_DIR}readings`, { recursive: true });
    writeFileSync(path, text);
  } else
    assert.equal(
      text,
      existsSync(path) ? readFileSync(path, 'utf8') : '',
      `${no}: the reading differs from fixtures/real/readings/${no}.json (UPDATE_BASELINE=1 rewrites it when the change is meant)`,
    );
}

test.after(() => {
  if (update) writeFileSync(BASELINE, JSON.stringify(measured, null, 1) + '\n');
});
