import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { validateBudget, parseBudget, BudgetError } from './budget-validate.ts';
import { BudgetSchema, FUNDING_SOURCES } from './budget.ts';
import { loadCatalog } from './catalog.ts';
import { parsePath } from './budget-messages.ts';

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
  assert.ok(
    errors.some((e) => e.startsWith(`${path}: `) && pattern.test(e.slice(path.length + 2))),
    `expected ${path} ~ ${pattern}, got:\n${errors.join('\n')}`,
  );

test('the Yingkou fixture validates, with amounts in exact fen', () => {
  const r = validateBudget(yingkou());
  assert.deepEqual(r.errors, []);
  assert.equal(r.budget!.lines[0]!.amount, 358060000);
  assert.equal(r.budget!.income.general, 1861380000);
});

test('a malformed code names its field path', () => {
  hasError(
    errorsOf((b) => (b.lines[3].functionCode = '20103X5')),
    'lines[3].functionCode',
    /^第4条支出明细（lines\[3\]）功能分类科目编码应为7位数字，现为“20103X5”$/,
  );
  hasError(
    errorsOf((b) => (b.lines[4].econCode = '3011')),
    'lines[4].econCode',
    /应为5位数字/,
  );
  hasError(
    errorsOf((b) => (b.lines[4].econCode = '40101')),
    'lines[4].econCode',
    /40101 不是部门预算支出经济分类科目/,
  );
  hasError(
    errorsOf((b) => (b.lines[0].govEconCode = '30101')),
    'lines[0].govEconCode',
    /30101 不是政府预算支出经济分类的款编码/,
  );
});

test('a code under the wrong parent is an error', () => {
  // A 项 under no 类 of the catalog, and codes whose 款 or 项 part is 00 (not under their parent).
  hasError(
    errorsOf((b) => (b.lines[2].functionCode = '1990101')),
    'lines[2].functionCode',
    /1990101 不是支出功能分类科目（应以 2 开头，199 不是类编码）/,
  );
  hasError(
    errorsOf((b) => (b.lines[2].functionCode = '2010300')),
    'lines[2].functionCode',
    /2010300 不是 20103 下的项编码/,
  );
  hasError(
    errorsOf((b) => (b.lines[2].functionCode = '2010001')),
    'lines[2].functionCode',
    /不是 20100 下的项编码/,
  );
  hasError(
    errorsOf((b) => (b.lines[2].econCode = '30100')),
    'lines[2].econCode',
    /30100 不是 301 下的款编码/,
  );
});

test('a code the partial catalog lacks is a warning, not an error', () => {
  const b = yingkou();
  b.lines[0].functionCode = '2010351';
  const r = validateBudget(b);
  assert.deepEqual(r.errors, []);
  assert.ok(r.warnings.some((w) => w.path === 'lines[0].functionCode' && /^第1条支出明细（lines\[0\]）功能分类科目编码 2010351 不在已收录的2024年支出功能分类科目（不完整）中/.test(w.message)));
});

test('a negative amount names its field path', () => {
  hasError(
    errorsOf((b) => (b.lines[5].amount = '-100')),
    'lines[5].amount',
    /^第6条支出明细（lines\[5\]）金额不能为负数（现为 -100）$/,
  );
  hasError(
    errorsOf((b) => (b.income.general = -1)),
    'income.general',
    /不能为负数/,
  );
  hasError(
    errorsOf((b) => (b.lines[5].amount = '12.345')),
    'lines[5].amount',
    /最多只能有两位小数/,
  );
});

test('an unknown funding source or line kind names its field path', () => {
  hasError(
    errorsOf((b) => (b.lines[1].source = 'lottery')),
    'lines[1].source',
    /“lottery”不是可选的值.*general（一般公共预算拨款收入）/,
  );
  hasError(
    errorsOf((b) => (b.lines[1].kind = 'capital')),
    'lines[1].kind',
    /personnel（人员经费）/,
  );
});

test('a line pointing to a project that does not exist is an error', () => {
  hasError(
    errorsOf((b) => (b.lines[20].projectId = 'P99')),
    'lines[20].projectId',
    /“P99”在项目清单（projects）中不存在/,
  );
  hasError(
    errorsOf((b) => delete b.lines[20].projectId),
    'lines[20].projectId',
    /须填写项目编号/,
  );
  hasError(
    errorsOf((b) => (b.procurement = [{ name: '电脑', category: 'goods', amount: 100, projectId: 'NOPE' }])),
    'procurement[0].projectId',
    /不存在/,
  );
});

test('a missing required field names its field path', () => {
  hasError(
    errorsOf((b) => delete b.unit.name),
    'unit.name',
    /^单位（unit）名称缺失（必填）$/,
  );
  hasError(
    errorsOf((b) => delete b.lines[7].amount),
    'lines[7].amount',
    /^第8条支出明细（lines\[7\]）金额缺失（必填）$/,
  );
  hasError(
    errorsOf((b) => delete b.year),
    'year',
    /^预算年度（year）缺失（必填）$/,
  );
  hasError(
    errorsOf((b) => (b.lines = [])),
    'lines',
    /至少要有一条支出明细/,
  );
});

test('parseBudget throws a BudgetError listing every problem', () => {
  const b = yingkou();
  b.lines[0].amount = -1;
  b.lines[1].projectId = 'P77';
  assert.throws(
    () => parseBudget(b),
    (e: unknown) => e instanceof BudgetError && e.issues.length >= 2 && /lines\[0\]）金额不能为负数/.test(e.message),
  );
});

test('an unknown field is an error with the closest known name suggested', () => {
  hasError(
    errorsOf((b) => (b.lines[3].amout = '1')),
    'lines[3].amout',
    /^第4条支出明细（lines\[3\]）中的未知字段 amout，是否应为 amount？$/,
  );
  hasError(
    errorsOf((b) => (b.incme = {})),
    'incme',
    /^未知字段 incme，是否应为 income？$/,
  );
  hasError(
    errorsOf((b) => (b.income.generl = '1')),
    'income.generl',
    /是否应为 general？/,
  );
  // Nothing close: the known fields are listed instead of a guess.
  hasError(
    errorsOf((b) => (b.unit.zzzzzzzz = 1)),
    'unit.zzzzzzzz',
    /未知字段 zzzzzzzz；可用的字段：code、name/,
  );
});

test('a wrong type or a value outside a list says what was given and what is expected', () => {
  hasError(
    errorsOf((b) => (b.lines[2].amount = null)),
    'lines[2].amount',
    /应为以元为单位的金额.*现为 null/,
  );
  hasError(
    errorsOf((b) => (b.lines[2].amount = 'abc')),
    'lines[2].amount',
    /不是金额/,
  );
  hasError(
    errorsOf((b) => (b.year = '2024')),
    'year',
    /^预算年度（year）应为数字，现为“2024”$/,
  );
  hasError(
    errorsOf((b) => (b.lines[1].kind = 'persnnel')),
    'lines[1].kind',
    /是否应为 personnel？/,
  );
  hasError(
    errorsOf((b) => (b.approvalDate = '2024年2月1日')),
    'approvalDate',
    /批复日期（approvalDate）应为“年-月-日”格式/,
  );
});

test('no message of the gate is in English', () => {
  const all = [
    ...errorsOf((b) => ((b.lines[3].amout = 1), (b.lines[2].kind = 'x'), (b.unit.regionCode = 7), delete b.year, (b.lines[4].functionCode = '1'))),
    ...errorsOf((b) => ((b.lines[3].amount = -1), (b.lines[5].functionCode = '1990101'), (b.lines[6].econCode = '40101'), (b.lines[20].projectId = 'P99'))),
  ];
  for (const e of all) assert.doesNotMatch(e.slice(e.indexOf(': ') + 2), /\b(is|not|must|expected|invalid|input|the)\b/i, e);
});

test('a code unknown to an official list in full is an error at the line; to a partial list a warning', () => {
  const partial = loadCatalog(2024);
  assert.equal(partial.complete.deptEcon, false, 'the shipped lists are partial (data/catalogs/SOURCES.md)');
  const b = yingkou();
  b.lines[5].econCode = '39999';
  const warned = validateBudget(b, { catalog: partial });
  assert.deepEqual(warned.errors, []);
  assert.ok(warned.warnings.some((w) => w.path === 'lines[5].econCode' && /39999 不在已收录的2024年部门预算支出经济分类科目（不完整）中.*codeNames/.test(w.message)));
  const official = { ...partial, complete: { function: true, deptEcon: true, govEcon: true } };
  const r = validateBudget(b, { catalog: official });
  assert.ok(
    r.errors.some((e) => e.path === 'lines[5].econCode' && /^第6条支出明细（lines\[5\]）部门经济分类科目编码 39999 不属于2024年部门预算支出经济分类的任何类/.test(e.message)),
    JSON.stringify(r.errors),
  );
  b.lines[5].econCode = '30298';
  assert.ok(validateBudget(b, { catalog: official }).errors.some((e) => e.path === 'lines[5].econCode' && /30298 不在2024年部门预算支出经济分类科目中/.test(e.message)));
  // A 类 the partial list lacks (it lacks real ones): a warning; against an official list an error.
  const d = yingkou();
  d.lines[2].functionCode = '2990101';
  const partialClass = validateBudget(d, { catalog: partial });
  assert.deepEqual(partialClass.errors, []);
  assert.ok(partialClass.warnings.some((w) => w.path === 'lines[2].functionCode' && /所属的类 299 不在已收录的2024年支出功能分类科目（不完整）中，请核对编码/.test(w.message)));
  assert.ok(validateBudget(d, { catalog: official }).errors.some((e) => e.path === 'lines[2].functionCode' && /2990101 不属于2024年支出功能分类的任何类（299 不是类编码）/.test(e.message)));
  const c = yingkou();
  c.lines[0].functionCode = '2010351';
  assert.ok(validateBudget(c, { catalog: official }).errors.some((e) => e.path === 'lines[0].functionCode' && /2010351 不在2024年支出功能分类科目中/.test(e.message)));
});

/** A value for every optional field the Yingkou fixture leaves out, by path ([0] for array items). */
const SAMPLES: Record<string, unknown> = {
  units: [{ code: '001', name: '本级', kind: '行政' }],
  'units[0].code': '001',
  'lines[0].unit': '001',
  'lines[0].govEconCode': '50101',
  'lines[0].projectId': 'P01',
  'lines[0].note': '备注',
  'projects[0].unit': '001',
  'projects[0].needsGoals': true,
  'projects[0].indicators[0].unit': '%',
  'projects[0].indicators[0].deadline': '2024年12月',
  'projects[0].indicators[0].operator': '≥',
  threePublic: { abroad: 1, vehiclePurchase: 2, vehicleRunning: 3, reception: 4 },
  procurement: [{ name: '电脑', category: 'goods', amount: 1, source: 'general', projectId: 'P01', unit: '001' }],
  purchasedServices: [{ name: '物业', category: '服务', amount: 1, projectId: 'P01', unit: '001' }],
  debt: [{ name: '债务', functionCode: '2010350', amount: 1, unit: '001' }],
  'prior.basic': 1,
  'prior.project': 1,
  'prior.operatingCost': 1,
  'prior.procurement': 1,
  codeNames: { '2010350': '事业运行' },
  ...Object.fromEntries(FUNDING_SOURCES.filter((f) => f !== 'general').map((f) => [`income.${f}`, '0'])),
};

/** Every field path of a schema: objects by key, arrays by their first item ("lines[0].amount"). */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType };
  if (def.innerType) return schemaPaths(def.innerType, prefix);
  if (def.type === 'array') return schemaPaths(def.element!, `${prefix}[0]`);
  if (def.type !== 'object') return [];
  return Object.entries(def.shape!).flatMap(([k, s]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return [p, ...schemaPaths(s, p)];
  });
}

const get = (v: unknown, path: string) => parsePath(path).reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], v);

test('every field of the schema reaches the validated budget (no field is silently dropped)', () => {
  const b = yingkou();
  b.scope = 'department';
  for (const [path, value] of Object.entries(SAMPLES)) {
    const parts = parsePath(path);
    const last = parts.pop()!;
    const parent = get(
      b,
      parts
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, ''),
    ) as Record<string | number, unknown>;
    parent[last] = value;
  }
  for (const l of b.lines) if (!l.unit) l.unit = '001';
  b.lines[0].kind = 'project';
  const r = validateBudget(b);
  assert.deepEqual(r.errors, []);
  const missing: string[] = [];
  for (const path of schemaPaths(BudgetSchema)) {
    if (get(b, path) === undefined) {
      missing.push(`${path}: give it a value in SAMPLES`);
      continue;
    }
    if (get(r.budget, path) === undefined) missing.push(`${path}: given in the input but missing from the validated budget`);
  }
  assert.deepEqual(missing, []);
});
