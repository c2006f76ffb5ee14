/**
 * Words with their boxes → printed lines: positions in half-ems, wrapped amounts joined, cells
 * split where the page leaves a gap. The TSV is what `pdftotext -tsv` prints.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { readFileSync } from 'node:fs';
import { wordLines } from './word-layout.ts';
import { readPublishedPdf } from './published-pdf.ts';

const HEAD = 'level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const page = (n: number) => `1\t${n}\t0\t0\t0\t0\t0\t0\t595\t842\t-1\t###PAGE###`;
/** A word: its left, top and width in points, 10 pt high. */
const w = (p: number, left: number, top: number, width: number, text: string) => `5\t${p}\t0\t0\t0\t0\t${left}\t${top}\t${width}\t10\t100\t${text}`;

test('words become lines with cells at their positions in half-ems (a CJK character is two columns)', () => {
  const tsv = [HEAD, page(1), w(1, 20, 100, 40, '科目名称'), w(1, 100, 100, 30, '合计'), w(1, 20, 120, 40, '行政运行'), w(1, 95, 120, 35, '903.85')].join('\n');
  const lines = wordLines(tsv).filter((l) => l.text);
  assert.equal(lines.length, 2);
  // 科目名称: four CJK characters 10 pt wide each → half an em is 5 pt.
  assert.deepEqual(lines[0]!.cells, [
    { text: '科目名称', start: 4, end: 12 },
    { text: '合计', start: 20, end: 26 },
  ]);
  assert.deepEqual(
    lines[1]!.cells?.map((c) => c.text),
    ['行政运行', '903.85'],
  );
  assert.ok(lines[1]!.y! > lines[0]!.y!);
});

test('an amount wrapped in its cell is joined ("1682.7" over "6"), and so is "单位：万" over "元"', () => {
  const tsv = [HEAD, page(1), w(1, 20, 100, 40, '总计：'), w(1, 100, 95, 30, '1682.7'), w(1, 100, 110, 6, '6'), w(1, 300, 60, 40, '单位：万'), w(1, 310, 72, 10, '元')].join('\n');
  const texts = wordLines(tsv)
    .flatMap((l) => l.cells ?? [])
    .map((c) => c.text);
  assert.ok(texts.includes('1682.76'));
  assert.ok(!texts.includes('6'));
  assert.ok(texts.includes('单位：万元'));
});

test('pages are kept apart and a page without words still counts', () => {
  const tsv = [HEAD, page(1), w(1, 20, 100, 40, '第一页'), page(2), page(3), w(3, 20, 100, 40, '第三页')].join('\n');
  const lines = wordLines(tsv);
  assert.deepEqual(
    lines.filter((l) => l.text).map((l) => [l.page, l.text.trim()]),
    [
      [1, '第一页'],
      [3, '第三页'],
    ],
  );
  assert.ok(lines.some((l) => l.page === 2 && l.pageStart));
});

test('a real published PDF: Chongqing prints its 合计 row first, under the header; amounts land in their columns', async () => {
  const file = new URL('../../../fixtures/real/27_chongqing-city-xuanchuanbu-2026-dept-budget.pdf', import.meta.url).pathname;
  const { disclosure: d } = await readPublishedPdf(new Uint8Array(readFileSync(file)), file);
  assert.equal(d.layoutFamily?.id, 'chongqing-9');
  const summary = d.tables[0]!;
  assert.equal(summary.key, 'summary');
  assert.ok(JSON.stringify(summary.rows).includes('45,369.18'));
  const expenditure = d.tables.find((t) => t.key === 'expenditure')!;
  const total = expenditure.rows.find((r) => r[1] === '合计')!;
  assert.deepEqual(total.slice(2, 5), ['45,369.18', '13,236.18', '32,133.00']);
});
