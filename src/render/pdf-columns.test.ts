import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CELL_EXTRA, CELL_SIZES, planTable, selectColumns, type TextWidth } from './pdf-columns.ts';
import { contentWidthOf, wrap } from './pdf-layout.ts';
import { cjkFont, sharedFace, textWidth } from './pdf-font.ts';
import { cellBold } from './pdf-table.ts';
import { renderPdf } from './pdf.ts';
import { buildTableModel, buildTableModels, expandRows, type TableModel } from './table-model.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';
import type { DisclosureTable } from '../core/disclosure.ts';

const font = cjkFont();
const faces = { normal: sharedFace(...font.normal), bold: sharedFace(...font.bold) };
const measure: TextWidth = (text, bold, size) => textWidth(bold ? faces.bold : faces.normal, text, size);
const plan = (m: TableModel) => planTable(m, contentWidthOf, measure, cellBold);
const d = yingkouDisclosure();

function model(header: string[][], rows: string[][]): TableModel {
  const t: DisclosureTable = { no: 2, title: '收入预算总表', unitLabel: '单位：万元', header, rows };
  return buildTableModel(d, t, '2');
}

test('numbers and codes keep their whole width; text wraps; an empty column shrinks to its wrapped header', () => {
  const m = buildTableModels(d).find((x) => x.no === 2)!;
  const p = plan(m);
  assert.equal(p.parts.length, 1);
  const widths = p.parts[0]!.widths;
  for (const row of m.body)
    row.cells.forEach((cell, c) => {
      if (!cell || cell.colSpan > 1 || !/^[\d,.]+$/.test(cell.text)) return;
      const w = measure(cell.text, cellBold(m, m.header.length + m.body.indexOf(row), c), p.size);
      assert.ok(w <= widths[c]! + 1e-6, `"${cell.text}" (${w.toFixed(1)}) fits column ${c} (${widths[c]!.toFixed(1)})`);
    });
  // 政府性基金预算拨款收入 (column 4) is empty in Yingkou's table 2: narrower than 合计 (column 2).
  assert.ok(widths[4]! < widths[2]! / 1.5, `empty column ${widths[4]} < 合计 ${widths[2]}`);
  const total = widths.reduce((a, b) => a + b, 0) + m.columns * CELL_EXTRA;
  assert.ok(Math.abs(total - contentWidthOf(p.orientation)) < 0.5, 'the table spans the page');
});

test('a narrow table stays portrait at the full size; a wider one steps the size down, then goes landscape', () => {
  const narrow = model([['项目', '预算数']], [['一、一般公共预算拨款收入', '1,861.38']]);
  assert.deepEqual([plan(narrow).orientation, plan(narrow).size], ['portrait', CELL_SIZES[0]]);
  const amount = '12,345,678.90';
  const wide = (n: number) => model([['科目编码', '科目名称', ...Array.from({ length: n }, (_, i) => `收入${i}`)]], [['2010350', '事业运行', ...Array<string>(n).fill(amount)]]);
  const sizes: string[] = [];
  for (let n = 4; n <= 20; n++) {
    const p = plan(wide(n));
    const key = `${p.orientation} ${p.size}${p.parts.length > 1 ? ' split' : ''}`;
    if (sizes[sizes.length - 1] !== key) sizes.push(key);
  }
  // Each wider table takes the same or a later step of: portrait 8, 7.5, 7, landscape 8, 7.5, 7, split.
  const order = ['portrait', 'landscape'].flatMap((o) => CELL_SIZES.map((s) => `${o} ${s}`)).concat(`landscape ${CELL_SIZES.at(-1)} split`);
  const ranks = sizes.map((k) => order.indexOf(k));
  assert.ok(
    ranks.every((r, i) => r >= 0 && (i === 0 || r > ranks[i - 1]!)),
    sizes.join(', '),
  );
  assert.equal(sizes[0], 'portrait 8');
  assert.ok(sizes.includes('landscape 8') && sizes.at(-1)!.endsWith('split'), sizes.join(', '));
});

test('a table too wide for a landscape page is split into column groups, each repeating the key columns', () => {
  const n = 30;
  const m = model(
    [
      ['科目编码', '科目名称', '合计', ...Array.from({ length: n - 1 }, () => '')],
      ['', '', ...Array.from({ length: n }, (_, i) => `来源${i}`)],
    ],
    [['201', '一般公共服务支出', ...Array.from({ length: n }, (_, i) => `${1000 + i}.00`)]],
  );
  const p = plan(m);
  assert.equal(p.orientation, 'landscape');
  assert.ok(p.parts.length >= 2);
  const seen: string[] = [];
  for (const part of p.parts) {
    const grid = expandRows([...part.model.header, ...part.model.body], part.model.columns);
    assert.deepEqual(grid[2]!.slice(0, 2), ['201', '一般公共服务支出'], 'key columns repeated');
    assert.equal(grid[0]![2], '合计', 'a header spanning the split is printed over each part');
    seen.push(...grid[2]!.slice(2));
    const total = part.widths.reduce((a, b) => a + b, 0) + part.model.columns * CELL_EXTRA;
    assert.ok(total <= contentWidthOf('landscape') + 0.5);
  }
  assert.deepEqual(
    seen,
    Array.from({ length: n }, (_, i) => `${1000 + i}.00`),
    'every amount once, in order',
  );
});

test('selectColumns keeps spans inside the selection and the printed grid', () => {
  const m = model(
    [
      ['a', 'b', '', 'c'],
      ['', 'x', 'y', ''],
    ],
    [['1', '2.00', '3.00', '4.00']],
  );
  const s = selectColumns(m, [0, 2, 3]);
  assert.deepEqual(expandRows([...s.header, ...s.body], 3), [
    ['a', 'b', 'c'],
    ['', 'y', ''],
    ['1', '3.00', '4.00'],
  ]);
});

test('a 200,000-character unbroken word: line breaking is linear, and the PDF renders with every character', async () => {
  const face = faces.normal;
  const lengths = [25_000, 200_000];
  const work = lengths.map((n) => {
    const word = 'x'.repeat(n);
    const t = process.hrtime.bigint();
    const lines = wrap(word, face, 8, 100);
    assert.equal(lines.join(''), word);
    return Number(process.hrtime.bigint() - t);
  });
  // 8× the text: a linear algorithm does ~8× the work, a quadratic one (the old one) 64×. Generous bound.
  assert.ok(work[1]! < 24 * work[0]! + 50e6, `wrap: ${work.map((w) => (w / 1e6).toFixed(1))} ms`);

  const h = structuredClone(d);
  const word = 'W'.repeat(200_000);
  h.narrative[0]!.text = word;
  h.tables.find((t) => t.no === 9)!.rows[1]![2] = word;
  const started = Date.now();
  const buf = await renderPdf(h);
  const ms = Date.now() - started;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  writeFileSync(join(dir, 'long.pdf'), buf);
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'long.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  assert.equal(text.match(/W/g)?.length, 2 * word.length, 'every character of both copies printed (the table row continues over pages)');
  assert.ok(ms < 60_000, `rendered in ${ms} ms`);
});
