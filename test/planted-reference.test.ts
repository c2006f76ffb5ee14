/**
 * Planted single-cell changes in the Yingkou reference, read as published (text): every change to an
 * amount of its consistent tables must still be reported at warning or error on that table — the
 * reading-trust caps (src/rules/reading-trust.ts) must not hide a real wrong figure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { readTextDisclosure } from '../src/read/text/read-text.ts';
import { checkDisclosure } from '../src/rules/index.ts';

const file = new URL('../fixtures/corpus/yingkou-business-env-center-2024-budget.txt', import.meta.url).pathname;
const text = readFileSync(file, 'utf8');
const AMOUNT = /^-?\d{1,3}(?:,\d{3})*\.\d{2}$/;

test('planted single-cell changes in the reference (tables 1, 3–7) are caught at warning or error', () => {
  const base = readTextDisclosure(text, { file }).disclosure;
  const serious = (d: typeof base, no: number) => checkDisclosure(d).filter((f) => f.severity !== 'info' && f.location.table === no);
  const before = new Map([1, 3, 4, 5, 6, 7].map((no) => [no, serious(base, no).length]));
  let planted = 0;
  const missed: string[] = [];
  for (const no of [1, 3, 4, 5, 6, 7]) {
    const t = base.tables.find((x) => x.no === no)!;
    t.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (!AMOUNT.test(cell) || cell === '0.00') return;
        const d = structuredClone(base);
        const target = d.tables.find((x) => x.no === no)!;
        // One more 万元 than printed: what a slip of the keyboard does.
        const value = Number(cell.replace(/,/g, '')) + 1;
        target.rows[r]![c] = value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        planted++;
        if (serious(d, no).length <= before.get(no)!) missed.push(`表${no} 行${r + 1} 列${c + 1} ${cell}`);
      });
    });
  }
  const rate = (planted - missed.length) / planted;
  console.log(`planted in the reference: ${planted - missed.length}/${planted} caught (${(rate * 100).toFixed(1)} %)`);
  assert.ok(planted > 50, `only ${planted} cells planted`);
  assert.ok(rate >= 0.99, `${planted - missed.length}/${planted} caught; missed: ${missed.slice(0, 10).join('; ')}`);
});
