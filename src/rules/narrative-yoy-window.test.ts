// Regression: a long item list between a sentence's amount and its "比上年" clause once pushed the
// amount out of the look-back window, which then began inside "92.60" and read it as 60.00
// (found by `npm run bench` on synthetic unit 01423001, seed 2024).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseBudget } from '../core/budget-validate.ts';
import { buildDisclosure } from '../generate/build-disclosure.ts';
import { checkDisclosure } from './index.ts';

const ITEMS = '咨询费、手续费、水费、邮电费、因公出国（境）费用、租赁费、被装购置费、委托业务费、工会经费、公务用车运行维护费、其他交通费用、其他商品和服务支出';

function withSentence(pct: string) {
  const { budget } = parseBudget(JSON.parse(readFileSync('fixtures/yingkou-2024/budget.json', 'utf8')));
  const { disclosure } = buildDisclosure(budget);
  const s = disclosure.narrative.find((x) => x.heading.includes('运行经费'))!;
  s.text = `2024年葫芦岛市第6区生态环境局机关运行经费预算92.60万元，包括${ITEMS}，比上年减少41.02万元，下降${pct}%，主要原因是：新增重点工作任务。`;
  return checkDisclosure(disclosure, { budget, only: ['narrative.year-on-year'] });
}

test('a year-on-year sentence with a long list reads its own amount (92.60, not 60.00)', () => {
  assert.deepEqual(withSentence('30.70'), []);
  const wrong = withSentence('35.00');
  assert.equal(wrong.length, 1);
  assert.match(wrong[0]!.message, /上年133\.62万元、本年92\.60万元计算应为30\.70%/);
});
