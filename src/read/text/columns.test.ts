import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignAmounts, headerLayout } from './columns.ts';
import { spaceCells } from './lines.ts';

test('alignAmounts: overlap decides, order is kept, more amounts than columns is null', () => {
  const cols = [
    { start: 10, end: 16 },
    { start: 20, end: 26 },
    { start: 30, end: 36 },
  ];
  const at = (spans: [number, number][]) => alignAmounts(spans.map(([start, end]) => ({ text: '1.00', start, end })), cols)?.at;
  assert.deepEqual(at([[31, 36]]), [2]);
  assert.deepEqual(at([[11, 16], [31, 36]]), [0, 2]);
  // Shifted left: both amounts nearer the first column still go to distinct columns in order.
  assert.deepEqual(at([[5, 9], [12, 16]]), [0, 1]);
  assert.equal(at([[1, 2], [3, 4], [5, 6], [7, 8]]), undefined);
});

test('headerLayout: stacked words form one column, a word over two side-by-side words is a group', () => {
  const lines = ['      公务用车购置及运行费', '  本年收入合  公务用车购    公务用车运', '      计      置费     行费'].map(spaceCells);
  const l = headerLayout(lines, new Map());
  assert.deepEqual(l.groups.map((g) => g.text), ['公务用车购置及运行费']);
  assert.deepEqual(l.columns.map((c) => c.words.map((w) => w.text).join('')), ['本年收入合计', '公务用车购置费', '公务用车运行费']);
});
