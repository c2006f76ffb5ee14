import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMeasures, headerText, measureHeader } from './columns.ts';

test('spending columns in printed order, parts of 基本支出 under it in a two-row header', () => {
  const text = headerText([
    ['科目编码', '科目名称 合', '计', '基本支出', '', '', '项目支出'],
    ['', '', '', '小计', '人员经费', '公用经费', ''],
  ]);
  const found = findMeasures(text, 'spending');
  assert.deepEqual(found.measures, ['total', 'basic', 'personnel', 'public', 'project']);
  assert.deepEqual(measureHeader(['科目编码', '科目名称'], found), [
    ['科目编码', '科目名称', '合计', '基本支出', '', '', '项目支出'],
    ['', '', '', '小计', '人员经费', '公用经费', ''],
  ]);
});

test('income sources: wrapped labels found, 单位资金 over its parts, canonical label for a cut one', () => {
  const found = findMeasures(
    headerText([
      ['总计', '一般公共', '单位资金', '上年结余、结转'],
      ['', '预算拨款', '事业收入', ''],
    ]),
    'sources',
  );
  assert.deepEqual(found.measures, ['total', 'source:general', 'unitOwn', 'source:operating', 'source:carryOver']);
  const h = measureHeader(['科目编码', '科目名称'], found);
  assert.deepEqual(h[0], ['科目编码', '科目名称', '总计', '一般公共预算拨款', '单位资金', '', '上年结余、结转']);
  assert.deepEqual(h[1], ['', '', '', '', '小计', '事业收入', '']);
});

test('columns a role does not print are left out (general-basic: no 基本支出 column)', () => {
  const found = findMeasures('科目编码科目名称2026年基本支出合计人员经费公用经费', 'spending', ['personnel', 'public']);
  assert.deepEqual(found.measures, ['total', 'personnel', 'public']);
  assert.deepEqual(measureHeader(['科目编码', '科目名称'], found), [['科目编码', '科目名称', '合计', '人员经费', '公用经费']]);
});
