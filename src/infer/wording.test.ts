import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chineseNumber, generalise, headerLabel, tableTitle } from './wording.ts';

test('tableTitle cuts numbering, year and unit, keeps quotes and full-width brackets', () => {
  assert.equal(tableTitle('预算 01表       收支总表', '北京市审计局'), '收支总表');
  assert.equal(tableTitle('表2：2026年市级部门收入预算总表', '杭州市气象局'), '市级部门收入预算总表');
  assert.equal(tableTitle('2026年财政拨款“三公”经费支出情况表', 'x'), '财政拨款“三公”经费支出情况表');
  assert.equal(tableTitle('（五）一般公共预算支出表（按功能分类）', 'x'), '一般公共预算支出表（按功能分类）');
  assert.equal(tableTitle('国家信访局2026年部门收支总表', '国家信访局'), '部门收支总表');
});

test('generalise turns the year and unit into placeholders', () => {
  assert.equal(generalise('第三部分 国家信访局2026 年部门预算情况说明', 2026, '国家信访局'), '第三部分 {unit}{year}年部门预算情况说明');
  assert.equal(generalise('2025年执行数', 2026, 'x'), '{priorYear}年执行数');
});

test('header labels carry no year', () => {
  assert.equal(headerLabel('2026年预算数'), '本年预算数');
  assert.equal(headerLabel('一般公共 预算拨款'), '一般公共预算拨款');
});

test('chineseNumber', () => {
  assert.deepEqual([1, 9, 10, 11, 20, 23].map(chineseNumber), ['一', '九', '十', '十一', '二十', '二十三']);
});
