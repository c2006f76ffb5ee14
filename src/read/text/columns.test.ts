import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignAmounts, groupAt, headerLayout, labelCuts } from './columns.ts';
import { spaceCells } from './lines.ts';

test('alignAmounts: overlap decides, order is kept, more amounts than columns is null', () => {
  const cols = [
    { start: 10, end: 16 },
    { start: 20, end: 26 },
    { start: 30, end: 36 },
  ];
  const at = (spans: [number, number][]) =>
    alignAmounts(
      spans.map(([start, end]) => ({ text: '1.00', start, end })),
      cols,
    )?.at;
  assert.deepEqual(at([[31, 36]]), [2]);
  assert.deepEqual(
    at([
      [11, 16],
      [31, 36],
    ]),
    [0, 2],
  );
  // Shifted left: both amounts nearer the first column still go to distinct columns in order.
  assert.deepEqual(
    at([
      [5, 9],
      [12, 16],
    ]),
    [0, 1],
  );
  assert.equal(
    at([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]),
    undefined,
  );
});

test('headerLayout: stacked words form one column, a word over two side-by-side words is a group', () => {
  const lines = ['      公务用车购置及运行费', '  本年收入合  公务用车购    公务用车运', '      计      置费     行费'].map(spaceCells);
  const l = headerLayout(lines, new Map());
  assert.deepEqual(
    l.groups.map((g) => g.text),
    ['公务用车购置及运行费'],
  );
  assert.deepEqual(
    l.columns.map((c) => c.words.map((w) => w.text).join('')),
    ['本年收入合计', '公务用车购置费', '公务用车运行费'],
  );
});

test('labelCuts: the widest gaps between distinct label starts, amounts and tab-separated rows ignored', () => {
  const line = { text: '', page: 1, line: 1, pageStart: false };
  const row = (cells: [string, number][], tabbed = false) => ({ cells: cells.map(([text, start]) => ({ text, start, end: start + text.length })), tabbed, line });
  const rows = [
    row([
      ['收入', 2],
      ['1.00', 20],
      ['支出', 40],
    ]),
    row([
      ['一、工资', 4],
      ['支出', 40],
      ['2.00', 60],
    ]),
    row([['远处', 90]], true),
  ];
  // Starts 2, 4, 40: the widest gap is before 40.
  assert.deepEqual(labelCuts(rows, 1), [40]);
  assert.deepEqual(labelCuts(rows, 2), [4, 40]);
  assert.deepEqual(labelCuts(rows, 0), []);
  assert.deepEqual(
    [1, 38, 40, 41].map((p) => groupAt([40], p, 2)),
    [0, 1, 1, 1],
  );
  assert.deepEqual(
    [38, 39, 40].map((p) => groupAt([40], p, 0)),
    [0, 0, 1],
  );
});
