import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatIssue, locateIssues, parseJsonText, validateBudgetJson } from './budget-json.ts';
import { UserError } from '../core/user-error.ts';

const yingkouText = () => readFileSync('fixtures/yingkou-2024/budget.json', 'utf8');

/** Line and column (1-based) of the n-th occurrence of a string in a text. */
function positionOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} is in the text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

test('a negative amount is located on its line and column, with a Chinese message naming the item', () => {
  const b = JSON.parse(yingkouText());
  b.lines[3].amount = -1617000;
  const text = JSON.stringify(b, null, 2);
  const r = validateBudgetJson(parseJsonText(text, 'budget.json'));
  assert.equal(r.budget, undefined);
  const e = r.errors.find((x) => x.path === 'lines[3].amount')!;
  assert.equal(e.message, '第4条支出明细（lines[3]）金额不能为负数（现为 -1617000）');
  assert.deepEqual({ line: e.line, column: e.column }, positionOf(text, '"amount": -1617000'));
  assert.equal(formatIssue(e), `第${e.line}行第${e.column}列：第4条支出明细（lines[3]）金额不能为负数（现为 -1617000）`);
});

test('an unknown field is located at its name; a missing one at the object that should hold it', () => {
  const b = JSON.parse(yingkouText());
  b.lines[2].amout = b.lines[2].amount;
  delete b.lines[2].amount;
  const text = JSON.stringify(b, null, 2);
  const r = validateBudgetJson(parseJsonText(text, 'budget.json'));
  const unknown = r.errors.find((x) => x.path === 'lines[2].amout')!;
  assert.equal(unknown.message, '第3条支出明细（lines[2]）中的未知字段 amout，是否应为 amount？');
  assert.deepEqual({ line: unknown.line, column: unknown.column }, positionOf(text, '"amout"'));
  const missing = r.errors.find((x) => x.path === 'lines[2].amount')!;
  assert.equal(missing.message, '第3条支出明细（lines[2]）金额缺失（必填）');
  // lines[2] opens on the line after lines[1]'s closing brace.
  assert.ok(missing.line! < unknown.line!, 'placed at the start of lines[2]');
});

test('warnings of a valid budget are located too', () => {
  const b = JSON.parse(yingkouText());
  b.lines[0].econCode = '30909';
  const text = JSON.stringify(b, null, 2);
  const r = validateBudgetJson(parseJsonText(text, 'budget.json'));
  assert.ok(r.budget);
  const w = r.warnings.find((x) => x.path === 'lines[0].econCode')!;
  assert.deepEqual({ line: w.line, column: w.column }, positionOf(text, '"econCode": "30909"'));
});

test('a value not parsed from text is validated without positions', () => {
  const b = JSON.parse(yingkouText());
  b.lines[0].amount = '-1';
  const r = validateBudgetJson(structuredClone(b));
  assert.equal(r.errors[0]!.line, undefined);
  assert.equal(formatIssue(r.errors[0]!), '第1条支出明细（lines[0]）金额不能为负数（现为 -1）');
});

test('locateIssues places a path in any JSON text', () => {
  const text = '{\n  "a": [1, {"b": 2}]\n}';
  const [i] = locateIssues(text, [{ path: 'a[1].b', message: 'x' }]);
  assert.deepEqual({ line: i!.line, column: i!.column }, { line: 2, column: 13 });
});

test('text that is not JSON is a Chinese error with line and column', () => {
  assert.throws(
    () => parseJsonText('{\n  "year": 2024,\n}', 'b.json'),
    (e: unknown) => e instanceof UserError && /^b\.json：不是有效的 JSON（第3行第1列）$/.test(e.message),
  );
});
