import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { validateBudget, parseBudget, BudgetError } from './budget-validate.ts';

const yingkou = () => JSON.parse(readFileSync('fixtures/yingkou-2024/budget.json', 'utf8')) as Record<string, any>;

/** Validates a mutated copy of the Yingkou fixture and returns its error messages as "path: message". */
function errorsOf(mutate: (b: Record<string, any>) => void): string[] {
  const b = yingkou();
  mutate(b);
  const r = validateBudget(b);
  assert.equal(r.budget, undefined, 'a malformed budget yields no budget');
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}

const hasError = (errors: string[], path: string, pattern: RegExp) =>
  assert.ok(errors.some((e) => e.startsWith(`${path}: `) && pattern.test(e)), `expected ${path} ~ ${pattern}, got:\n${errors.join('\n')}`);

test('the Yingkou fixture validates, with amounts in exact fen', () => {
  const r = validateBudget(yingkou());
  assert.deepEqual(r.errors, []);
  assert.equal(r.budget!.lines[0]!.amount, 358060000);
  assert.equal(r.budget!.income.general, 1861380000);
});

test('a malformed code names its field path', () => {
  hasError(errorsOf((b) => (b.lines[3].functionCode = '20103X5')), 'lines[3].functionCode', /7 digits/);
  hasError(errorsOf((b) => (b.lines[4].econCode = '3011')), 'lines[4].econCode', /5 digits/);
  hasError(errorsOf((b) => (b.lines[4].econCode = '40101')), 'lines[4].econCode', /not a department economic code/);
  hasError(errorsOf((b) => (b.lines[0].govEconCode = '30101')), 'lines[0].govEconCode', /not a government economic 款 code/);
});

test('a code under the wrong parent is an error', () => {
  // A 项 under no 类 of the catalog, and codes whose 款 or 项 part is 00 (not under their parent).
  hasError(errorsOf((b) => (b.lines[2].functionCode = '2990101')), 'lines[2].functionCode', /299 is not a 类 code/);
  hasError(errorsOf((b) => (b.lines[2].functionCode = '2010300')), 'lines[2].functionCode', /not a 项 code under 20103/);
  hasError(errorsOf((b) => (b.lines[2].functionCode = '2010001')), 'lines[2].functionCode', /not a 项 code under 20100/);
  hasError(errorsOf((b) => (b.lines[2].econCode = '30100')), 'lines[2].econCode', /not a 款 code under 301/);
});

test('a code the partial catalog lacks is a warning, not an error', () => {
  const b = yingkou();
  b.lines[0].functionCode = '2010351';
  const r = validateBudget(b);
  assert.deepEqual(r.errors, []);
  assert.ok(r.warnings.some((w) => w.path === 'lines[0].functionCode' && /2010351 is not in the 2024 catalog/.test(w.message)));
});

test('a negative amount names its field path', () => {
  hasError(errorsOf((b) => (b.lines[5].amount = '-100')), 'lines[5].amount', /negative/);
  hasError(errorsOf((b) => (b.income.general = -1)), 'income.general', /negative/);
  hasError(errorsOf((b) => (b.lines[5].amount = '12.345')), 'lines[5].amount', /at most two decimals/);
});

test('an unknown funding source or line kind names its field path', () => {
  hasError(errorsOf((b) => (b.lines[1].source = 'lottery')), 'lines[1].source', /general/);
  hasError(errorsOf((b) => (b.lines[1].kind = 'capital')), 'lines[1].kind', /personnel/);
});

test('a line pointing to a project that does not exist is an error', () => {
  hasError(errorsOf((b) => (b.lines[20].projectId = 'P99')), 'lines[20].projectId', /project "P99" does not exist/);
  hasError(errorsOf((b) => delete b.lines[20].projectId), 'lines[20].projectId', /needs projectId/);
  hasError(errorsOf((b) => (b.procurement = [{ name: '电脑', category: 'goods', amount: 100, projectId: 'NOPE' }])), 'procurement[0].projectId', /does not exist/);
});

test('a missing required field names its field path', () => {
  hasError(errorsOf((b) => delete b.unit.name), 'unit.name', /./);
  hasError(errorsOf((b) => delete b.lines[7].amount), 'lines[7].amount', /./);
  hasError(errorsOf((b) => delete b.year), 'year', /./);
  hasError(errorsOf((b) => (b.lines = [])), 'lines', /at least one/);
});

test('parseBudget throws a BudgetError listing every problem', () => {
  const b = yingkou();
  b.lines[0].amount = -1;
  b.lines[1].projectId = 'P77';
  assert.throws(() => parseBudget(b), (e: unknown) => e instanceof BudgetError && e.issues.length >= 2 && /lines\[0\]\.amount/.test(e.message));
});
