import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changePhrase, compare, percentText, share } from './year-on-year.ts';

test('year-on-year change of the Yingkou total: 减少 54.20 万元, 下降 2.83%', () => {
  assert.deepEqual(compare(186138, 191558), { diff: -5420, percent: 283 });
  assert.equal(changePhrase(186138, 191558, '2023年预算'), '比2023年预算减少54.20万元，下降2.83%');
});

test('words follow the sign; equal figures say 持平; a zero base has no percentage', () => {
  assert.equal(changePhrase(225, 225, '上年'), '与上年持平');
  assert.equal(changePhrase(300, 200, '上年'), '比上年增加1.00万元，增长50%');
  assert.equal(changePhrase(100, 0, '上年'), '比上年增加1.00万元');
  assert.equal(changePhrase(0, 100, '上年'), '比上年减少1.00万元，下降100%');
});

test('percentages round half away from zero with integer arithmetic', () => {
  assert.equal(compare(10_005, 10_000).percent, 5); // 0.05%
  assert.equal(compare(1, 3).percent, 6667); // 66.666…% → 66.67%
  assert.equal(compare(100_000_000_000_01, 3).percent! > 0, true); // no overflow on large amounts
  assert.equal(percentText(283), '2.83%');
  assert.equal(percentText(10_000), '100%');
  assert.equal(percentText(5), '0.05%');
  assert.equal(share(89229, 89229), 10_000);
  assert.equal(share(1, 8), 1250);
});
