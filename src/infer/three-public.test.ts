import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerText } from './columns.ts';
import { threePublicColumns } from './three-public.ts';

test('Beijing order: total, abroad, reception, then 公务用车 over 小计 / 购置费 / 运行维护费', () => {
  const text = headerText([
    ['', '', '', '公务用车购置及运行维护费', '', ''],
    ['“三公” 经费财政拨款预算总额', '因公出国（境 ）费用', '公务接待费', '小计', '公务用车购置费', '公务用车运行维护费'],
  ]);
  const c = threePublicColumns(text, 6);
  assert.deepEqual(c.measures, ['total', 'abroad', 'reception', 'vehicle', 'vehiclePurchase', 'vehicleRunning']);
  assert.deepEqual(c.header, [
    ['“三公”经费财政拨款预算总额', '因公出国（境）费用', '公务接待费', '公务用车购置及运行维护费', '', ''],
    ['', '', '', '小计', '公务用车购置费', '公务用车运行维护费'],
  ]);
});

test('a total the reader lost from the header is put back when the row prints one amount more', () => {
  const c = threePublicColumns(headerText([['因公出国（境）费', '小计', '购置费', '公务用车运行费', '公务接待费']]), 6);
  assert.deepEqual(c.measures, ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception']);
});

test('Jiangsu: 合计 over 三公, 会议费 and 培训费 in three header rows', () => {
  const text = headerText([
    ['', '“三公”经费', '', '', '', '', '', '', ''],
    ['', '', '', '公务用车购置及运行维护费', '', '', '', '', ''],
    ['合计', '小计', '因公出国（境）费', '小计', '公务用车购置费', '公务用车运行维护费', '公务接待费', '会议费', '培训费'],
  ]);
  const c = threePublicColumns(text, 9);
  assert.deepEqual(c.measures, ['grand', 'total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception', 'meeting', 'training']);
  assert.equal(c.header.length, 3);
  assert.deepEqual(c.header[0], ['合计', '“三公”经费', '', '', '', '', '', '会议费', '培训费']);
  assert.deepEqual(c.header[2], ['', '', '', '小计', '公务用车购置费', '公务用车运行维护费', '', '', '']);
});

test('a header naming no 三公 part (a table listing them as rows) gets the usual columns', () => {
  assert.deepEqual(threePublicColumns('项目合计一般公共预算政府性基金预算', 5).measures, ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleRunning', 'reception']);
});
