/**
 * A reading doubt never becomes an 错误: on a document read from its print, a classification
 * table vouches for its own sums only when they hold on all but one or two rows.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { checkDisclosure } from './index.ts';

function expenditure(rows: string[][]): DisclosureTable {
  return { no: 3, key: 'expenditure', title: '支出总表', unitLabel: '单位：万元', header: [['科目编码', '科目名称', '合计', '基本支出', '项目支出']], rows };
}

function published(t: DisclosureTable, template = 'unknown'): Disclosure {
  return { unit: { code: '', name: '某局' }, year: 2026, template, kind: 'budget', toc: [], tables: [t], narrative: [], glossary: [], source: { file: 'x.pdf', format: 'pdf' } };
}

const good = [
  ['', '合计', '300.00', '200.00', '100.00'],
  ['201', '一般公共服务支出', '300.00', '200.00', '100.00'],
  ['20101', '人大事务', '300.00', '200.00', '100.00'],
  ['2010101', '行政运行', '200.00', '200.00', ''],
  ['2010102', '一般行政管理事务', '60.00', '', '60.00'],
  ['2010199', '其他人大事务支出', '40.00', '', '40.00'],
];

const levels = (d: Disclosure) => checkDisclosure(d, { only: ['arith.function-levels', 'arith.total-basic-project'] });

test('one wrong row in a table whose other sums hold is an 错误', () => {
  const rows = good.map((r) => [...r]);
  rows[3] = ['2010101', '行政运行', '210.00', '200.00', '']; // 合计 ≠ 基本 + 项目, and 款 ≠ Σ项
  const f = levels(published(expenditure(rows)));
  assert.ok(f.some((x) => x.severity === 'error' && x.location.row === '2010101'));
});

test('a table whose sums fail on many rows was misread: its findings are 提示, with the reason', () => {
  // Amounts doubled into the wrong column on two rows, and their 款 no longer adds up: three rows off.
  const rows = good.map((r) => [...r]);
  rows[4] = ['2010102', '一般行政管理事务', '60.00', '60.00', '60.00'];
  rows[5] = ['2010199', '其他人大事务支出', '40.00', '40.00', '40.00'];
  const f = levels(published(expenditure(rows)));
  assert.ok(f.length > 0);
  assert.ok(f.every((x) => x.severity !== 'error'));
  assert.ok(f.some((x) => /仅作提示/.test(x.message)));
});

test('a generated disclosure (no print behind it) keeps every arithmetic error', () => {
  const rows = good.map((r) => [...r]);
  rows[3] = ['2010101', '行政运行', '200.00', '', ''];
  rows[4] = ['2010102', '一般行政管理事务', '60.00', '60.00', ''];
  rows[5] = ['2010199', '其他人大事务支出', '40.00', '40.00', ''];
  const d = published(expenditure(rows));
  delete d.source;
  assert.ok(levels(d).some((x) => x.severity === 'error'));
});

test('a table by combination owes its 合计 the sum of its rows (Beijing 支出总表)', () => {
  const rows = [
    ['2010301', '行政运行 50101 工资奖金津补贴 30101 基本工资', '100.00', '100.00', ''],
    ['2010301', '行政运行 50101 工资奖金津补贴 30102 津贴补贴', '50.00', '50.00', ''],
    ['2010302', '一般行政管理事务 50502 商品和服务支出 30213 维修（护）费', '30.00', '', '30.00'],
    ['2010302', '一般行政管理事务 50502 商品和服务支出 30227 委托业务费', '20.00', '', '20.00'],
    ['2010350', '事业运行 50501 工资福利支出 30101 基本工资', '0.00', '0.00', ''],
    ['2010350', '事业运行 50501 工资福利支出 30102 津贴补贴', '0.00', '0.00', ''],
    ['', '合计', '250.00', '180.00', '70.00'],
  ];
  const f = checkDisclosure(published(expenditure(rows)), { only: ['arith.function-levels'] });
  const errors = f.filter((x) => x.severity === 'error');
  assert.deepEqual(
    errors.map((x) => x.expected),
    ['200.00万元', '150.00万元', '50.00万元'],
  );
  assert.ok(errors.every((x) => /各明细行之和/.test(x.message)));
});

test('a table the reader placed amounts in without being sure of (readingDoubts) does not vouch for its sums', () => {
  const rows = good.map((r) => [...r]);
  rows[3] = ['2010101', '行政运行', '210.00', '200.00', ''];
  const t = expenditure(rows);
  t.readingDoubts = 1;
  const f = levels(published(t));
  assert.ok(f.length > 0);
  assert.ok(f.every((x) => x.severity !== 'error'));
});

/** Changchun's 支出总表: 合计, then 当年预算 and 上年结转结余 groups, each with its own 小计. */
function grouped(rows: string[][]): DisclosureTable {
  return {
    no: 3,
    key: 'expenditure',
    title: '支出总表',
    unitLabel: '单位：万元',
    header: [
      ['', '', '', '当年预算', '当年预算', '当年预算', '上年结转结余', '上年结转结余', '上年结转结余'],
      ['科目编码', '科目名称', '合计', '小计', '基本支出', '项目支出', '小计', '基本支出', '项目支出'],
    ],
    rows,
  };
}

test('a group’s 小计 is the sum of its 基本支出 and 项目支出; a 款 off only by its 项 is one misprint, not two (Changchun 表3)', () => {
  const rows = [
    ['', '合计', '1378.41', '1378.41', '903.85', '474.56', '0.00', '0.00', '0.00'],
    ['201', '一般公共服务支出', '1378.41', '1378.41', '903.85', '474.56', '0.00', '0.00', '0.00'],
    ['20140', '信访事务', '1378.41', '1378.41', '903.85', '474.56', '0.00', '0.00', '0.00'],
    ['2014001', '行政运行', '903.85', '903.85', '903.85', '0.00', '0.00', '0.00', '0.00'],
    ['2014002', '一般行政管理事务', '458.00', '0.00', '0.00', '458.00', '0.00', '0.00', '0.00'],
    ['2014099', '其他信访事务支出', '16.56', '0.00', '0.00', '16.56', '0.00', '0.00', '0.00'],
  ];
  const errors = levels(published(grouped(rows))).filter((x) => x.severity === 'error');
  assert.deepEqual(errors.map((x) => `${x.rule} ${x.location.row} ${x.location.column} ${x.expected}`).sort(), [
    'arith.function-levels 20140 当年预算/小计 903.85万元',
    'arith.total-basic-project 2014002 当年预算/小计 458.00万元',
    'arith.total-basic-project 2014099 当年预算/小计 16.56万元',
  ]);
});

test('a 基本支出 小计 over 人员经费 and 公用经费 is not taken for a group 小计 over 项目支出', () => {
  const t: DisclosureTable = {
    no: 3,
    key: 'expenditure',
    title: '支出总表',
    unitLabel: '单位：万元',
    header: [
      ['科目编码', '科目名称', '合计', '基本支出', '基本支出', '基本支出', '项目支出'],
      ['', '', '', '小计', '人员经费', '公用经费', ''],
    ],
    rows: [
      ['', '合计', '300.00', '200.00', '150.00', '50.00', '100.00'],
      ['201', '一般公共服务支出', '300.00', '200.00', '150.00', '50.00', '100.00'],
      ['20101', '人大事务', '300.00', '200.00', '150.00', '50.00', '100.00'],
      ['2010101', '行政运行', '200.00', '200.00', '150.00', '50.00', ''],
      ['2010102', '一般行政管理事务', '100.00', '', '', '', '100.00'],
    ],
  };
  assert.deepEqual(levels(published(t)), []);
});
