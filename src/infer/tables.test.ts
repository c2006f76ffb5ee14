import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DisclosureTable } from '../core/disclosure.ts';
import { inferTable } from './tables.ts';

const ctx = { year: 2019, unitName: '江苏省人民检察院', amountUnit: '万元' as const };
const table = (key: string, title: string, header: string[][], rows: string[][], extra: Partial<DisclosureTable> = {}): DisclosureTable => ({
  no: 1,
  key,
  title,
  unitLabel: '单位：万元',
  header,
  rows,
  ...extra,
});

test('a ledger with expenditure by function and by use (Jiangsu 收支预算总表)', () => {
  const r = inferTable(
    table(
      'summary',
      '公开01表 收支预算总表',
      [
        ['收入', '', '', '', '', ''],
        ['项目名称', '金额', '功能分类功能科目名称', '支出金额', '支出用途项目名称', '金额'],
      ],
      [],
    ),
    1,
    ctx,
  );
  assert.equal(r.table?.title, '收支预算总表');
  assert.deepEqual(r.table?.expenditureSides, ['function', 'use']);
  assert.deepEqual(r.table?.header, [
    ['收 入', '', '支出（功能分类）', '', '支出（支出用途）', ''],
    ['项目名称', '金额', '项目名称', '金额', '项目名称', '金额'],
  ]);
});

test('income listed by source and expenditure as one row of totals (no classification rows)', () => {
  const income = inferTable(
    table(
      'income',
      '收入预算总表',
      [['项目名称', '', '金额']],
      [
        ['收入总计', '', '24169.74'],
        ['一般公共预算资金', '公共财政拨款（补助）资金', '24169.74'],
        ['政府性基金预算资金', '', ''],
      ],
    ),
    2,
    ctx,
  );
  assert.equal(income.table?.projection, 'income-sources');
  assert.equal(income.table?.rows, undefined);
  const spending = inferTable(table('expenditure', '支出预算总表', [['合计', '基本支出', '项目支出', '单位预留机动经费', '结转下年资金']], [['24169.74', '20000.00', '4169.74', '', '']]), 3, ctx);
  assert.equal(spending.table?.projection, 'totals');
  assert.deepEqual(spending.table?.measures, ['total', 'basic', 'project', 'reserve', 'carryOut']);
});

test('income by unit (预算单位 rows), the 机关运行经费 table under its template key, an empty-table note made general', () => {
  const byUnit = inferTable(table('income', '收入总表', [['预算单位', '', '收入总计', '一般公共预算拨款', '上年结余、结转']], [['', '深圳市统计局（本级）', '5,417.80', '5,417.80', '0.00']]), 2, ctx);
  assert.equal(byUnit.table?.rows, 'unit');
  assert.deepEqual(byUnit.table?.header[0]?.slice(0, 3), ['单位编码', '预算单位', '总计']);
  const op = inferTable(table('operating-costs', '一般公共预算机关运行经费支出预算表', [['科目编码', '科目名称', '机关运行经费支出']], [['302', '商品和服务支出', '10.00']]), 11, ctx);
  assert.equal(op.table?.key, 'operating-cost');
  assert.deepEqual(op.table?.header, [['科目编码', '科目名称', '机关运行经费支出']]);
  const fund = inferTable(
    table(
      'fund-expenditure',
      '政府性基金预算支出表',
      [['科目编码', '科目名称', '合计', '基本支出', '项目支出']],
      [['', '合 计（注：2019 年江苏省人民检察院部门预算中没有使用政府性基金预算拨款安排的支出。）', '', '', '']],
    ),
    7,
    ctx,
  );
  assert.equal(fund.table?.emptyNote, '注：本年度本单位部门预算中没有使用政府性基金预算拨款安排的支出。');
});

test('a table no layout prints is left out with a Chinese note', () => {
  const r = inferTable(table('other', '部门预算基本支出预算表', [['a']], []), 11, ctx);
  assert.equal(r.table, undefined);
  assert.match(r.notes[0]!, /版式没有与之对应的生成方式/);
});

test('the code levels a function table lists, where it lists fewer than 类/款/项 (Beijing: only 项)', () => {
  const only = inferTable(
    table(
      'general-expenditure',
      '一般公共预算支出表',
      [['科目编码', '科目名称', '合计']],
      [
        ['2010801', '行政运行', '1.00'],
        ['2010805', '审计管理', '2.00'],
        ['2080505', '养老', '3.00'],
      ],
    ),
    5,
    ctx,
  );
  assert.deepEqual(only.table?.levels, [3]);
  const all = inferTable(
    table(
      'general-expenditure',
      '一般公共预算支出表',
      [['科目编码', '科目名称', '合计']],
      [
        ['201', '一般公共服务支出', '1.00'],
        ['20108', '审计事务', '1.00'],
        ['2010801', '行政运行', '1.00'],
      ],
    ),
    5,
    ctx,
  );
  assert.equal(all.table?.levels, undefined);
});
