/**
 * The projections the template contract names (src/core/template-layouts.ts), on the Yingkou
 * budget in the shipped layouts: every contract entry has a projection, 元 tables print the
 * package's rounded amounts in 元, the 三公 table takes its columns from the template's measures,
 * Jiangsu's tables (three-sided ledger, income by kind of money, one-row totals) and narrative.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { PROJECTION_NAMES } from '../core/template-layouts.ts';
import { generateOrThrow } from '../pipeline/generate.ts';
import { yingkouBudgetJson } from '../roundtrip/yingkou.ts';
import { PROJECTIONS } from './tables.ts';

const build = (template: string): Disclosure => generateOrThrow(yingkouBudgetJson(), 'yingkou', { template }).disclosure;
const table = (d: Disclosure, no: number): DisclosureTable => d.tables.find((t) => t.no === no)!;

test('every projection of the contract is registered, and no other', () => {
  assert.deepEqual(Object.keys(PROJECTIONS).sort(), [...PROJECTION_NAMES].sort());
});

test('shanghai-2026: tables 1–8 in 元 (the same rounded amounts), table 9 and the narrative in 万元', () => {
  const d = build(loadTemplate('shanghai-2026').id);
  const t1 = table(d, 1);
  assert.equal(t1.unitLabel, '单位：元');
  assert.deepEqual(t1.rows[0]!.slice(0, 2), ['一、一般公共预算拨款收入', '18,613,800.00']);
  // 表4 prints one column per measure on its expenditure side: 合计, 一般公共预算, 政府性基金, 国有资本经营.
  assert.deepEqual(table(d, 4).rows[0], ['一、本年收入', '18,613,800.00', '一、本年支出', '18,613,800.00', '18,613,800.00', '', '']);
  const t9 = table(d, 9);
  assert.equal(t9.unitLabel, '单位：万元');
  // 合计, 出国, 接待, 车辆小计, 购置, 运行, 机关运行经费 (the template's measures).
  assert.deepEqual(t9.rows, [['2.25', '', '', '2.25', '', '2.25', '51.18']]);
  const overview = d.narrative[0]!.text;
  assert.match(overview, /收入预算1,861\.38万元/);
  assert.doesNotMatch(overview, /\d元/);
});

test('jiangsu-2019: three-sided 表1, income by kind of money, one-row 表3, 三公 with 会议费 and 培训费', () => {
  const d = build('jiangsu-2019');
  const t1 = table(d, 1);
  assert.deepEqual(t1.rows[0], ['一、一般公共预算拨款收入', '1,861.38', '一、一般公共服务支出', '1,684.78', '一、基本支出', '969.09']);
  assert.deepEqual(t1.rows[t1.rows.length - 1], ['收 入 总 计', '1,861.38', '支 出 总 计', '1,861.38', '支 出 总 计', '1,861.38']);
  const t2 = table(d, 2);
  assert.deepEqual(t2.rows.slice(0, 3), [
    ['收入总计', '', '1,861.38'],
    ['一般公共预算资金', '小计', '1,861.38'],
    ['', '公共财政拨款（补助）资金', '1,861.38'],
  ]);
  // 合计, 基本支出, 项目支出, 单位预留机动经费 and 结转下年资金 (no such lines in the budget model: blank).
  assert.deepEqual(table(d, 3).rows, [['1,861.38', '969.09', '892.29', '', '']]);
  assert.deepEqual(table(d, 4).rows[1], ['（一）一般公共预算拨款收入', '1,861.38', '（一）基本支出', '969.09']);
  assert.deepEqual(table(d, 9).rows, [['2.25', '2.25', '', '2.25', '', '2.25', '', '', '']]);
  assert.equal(table(d, 12).header[0]!.length, table(d, 12).rows[0]!.length);
  const headings = d.narrative.map((s) => s.heading);
  assert.deepEqual(
    headings,
    loadTemplate('jiangsu-2019').narrativeSections.map((s) => s.heading),
    'every section written',
  );
  assert.match(d.narrative.find((s) => s.heading.startsWith('七、'))!.text, /一般公共预算支出1,861\.38万元，其中用于基本支出的969\.09万元/);
});

test('a layout without project goal tables states goal coverage by count', () => {
  const text = build('shanghai-2026').narrative.find((s) => /绩效/.test(s.heading))!.text;
  assert.match(text, /应编制绩效目标的项目9个，实际编制绩效目标的项目9个，.*覆盖率100%/);
});
