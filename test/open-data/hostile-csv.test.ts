/**
 * Hostile text in the open data: a project named `=HYPERLINK(...)`, a unit name, narrative and
 * glossary texts that a spreadsheet would run as formulas are written defused in data/*.csv (no
 * cell opens as a formula in a spreadsheet reader), amounts stay numbers, and the package still
 * reads back exactly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { generateOrThrow } from '../../src/pipeline/generate.ts';
import { dataPackageFiles } from '../../src/render/data-package.ts';
import { readDataPackageFiles } from '../../src/roundtrip/read-data-package.ts';
import { compareDisclosures } from '../../src/roundtrip/compare.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
const HOSTILE = ['=HYPERLINK("http://x","点击")', "+cmd|' /C calc'!A0", '@SUM(A1:A2)', '-2+3', '\t=1+1', '\r=1+1', "'=already quoted"];

test('data/*.csv: formula-like text is defused, amounts stay numbers, and the package reads back exactly', () => {
  const d = structuredClone(generateOrThrow(yingkou, 'yingkou').disclosure);
  const t9 = d.tables.find((t) => t.no === 9)!;
  HOSTILE.forEach((h, i) => (t9.rows[1 + (i % (t9.rows.length - 1))]![2] = h));
  d.narrative[0]!.text = HOSTILE[0]!;
  d.glossary[0]!.term = HOSTILE[3]!;
  d.glossary[1]!.text = HOSTILE[4]!;
  const files = dataPackageFiles(d);
  for (const f of files.filter((x) => x.path.endsWith('.csv'))) {
    const wb = XLSX.read(f.data.toString('utf8'), { type: 'string', raw: true, cellFormula: true });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    for (const [addr, cell] of Object.entries(ws)) {
      if (addr.startsWith('!')) continue;
      const c = cell as XLSX.CellObject;
      assert.equal(c.f, undefined, `${f.path}!${addr} opens as a formula`);
      if (typeof c.v === 'string') assert.doesNotMatch(c.v, /^[=+@\t\r]|^-(?![\d.])/, `${f.path}!${addr} starts like a formula: ${JSON.stringify(c.v)}`);
    }
  }
  const csv9 = files.find((f) => f.path === 'table-9.csv')!.data.toString('utf8');
  assert.match(csv9, /'=HYPERLINK/);
  assert.match(csv9, /,892\.29,892\.29,/, 'amounts are plain numbers, not defused or quoted');
  const back = readDataPackageFiles(new Map(files.map((f) => [f.path, f.data])));
  assert.deepEqual(compareDisclosures(d, back), []);
});
