/**
 * Department = Σ units: corpus 01 (Putuo justice bureau, department) against 02 (its bureau unit)
 * reports the subordinate unit's share as "department larger than the units given", and generated
 * departments (src/synth: the department budget is the sum of its units) give no error or warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBudget } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { buildDisclosure } from '../generate/build-disclosure.ts';
import { readDisclosureFile } from '../read/index.ts';
import { departmentBudget } from '../generate/department-budget.ts';
import { planDepartments } from '../synth/plan.ts';
import { synthUnitBudget } from '../synth/synth-unit.ts';
import { checkRollup } from './index.ts';

const corpus = (name: string) => new URL(`../../fixtures/corpus/${name}`, import.meta.url).pathname;
const template = loadTemplate('liaoning-2024');

function build(json: unknown, what: string): Disclosure {
  const r = validateBudget(json);
  assert.ok(r.budget, `${what}: ${JSON.stringify(r.errors.slice(0, 2))}`);
  return buildDisclosure(r.budget, { template }).disclosure;
}

test('01 vs 02: the department exceeds its bureau unit by the subordinate unit (9,322,805.10 元), reported as a possibly missing unit', async () => {
  const { disclosure: dept } = await readDisclosureFile(corpus('01_shanghai-putuo-sifaju-2026-dept-budget.txt'));
  const { disclosure: unit } = await readDisclosureFile(corpus('02_shanghai-putuo-sifaju-2026-unit-budget.txt'));
  const fs = checkRollup(dept, [unit]);
  const total = fs.find((f) => f.rule === 'rollup.function' && f.location.table === 3 && f.location.row === '合计');
  assert.ok(total, fs.map((f) => f.message).join('\n'));
  assert.equal(total.severity, 'warning');
  assert.match(total.message, /部门数比所列单位（上海市普陀区司法局）合计多出：合计9,322,805\.10元（部门96,282,213\.44元，单位合计86,959,408\.34元）/);
  assert.match(total.message, /可能缺少下属单位/);
  assert.equal(total.found, '96,282,213.44元');
  assert.equal(total.expected, '86,959,408.34元');
  // 02 books the whole class's project money on 行政运行, where the department has none: the department is smaller there.
  const op = fs.find((f) => f.location.table === 3 && f.location.row === '2040601');
  assert.ok(op);
  assert.equal(op.severity, 'error');
  assert.match(op.message, /合计少：项目支出64,840,547\.00元/);
  // Economic table (Shanghai 表8) and 三公 are compared too.
  assert.ok(fs.some((f) => f.rule === 'rollup.economic' && f.location.table === 8 && f.location.row === '合计' && /人员经费3,290,361\.00元/.test(f.message)));
  assert.ok(fs.some((f) => f.rule === 'rollup.three-public' && f.location.column === '公务接待费'));
  // Every gap is the subordinate unit's: the department is never smaller except on 2040601.
  assert.deepEqual(
    fs.filter((f) => f.severity === 'error').map((f) => f.location.row),
    ['2040601'],
  );
});

test('a department checked against itself as its only unit has no findings', async () => {
  const { disclosure: dept } = await readDisclosureFile(corpus('01_shanghai-putuo-sifaju-2026-dept-budget.txt'));
  assert.deepEqual(checkRollup(dept, [dept]), []);
});

test('generated departments (synth) equal the sum of their units: no error or warning; a unit left out is reported', () => {
  let departments = 0;
  for (const plan of planDepartments(40, 7)) {
    if (plan.units.length < 2) continue;
    const budgets = plan.units.map(synthUnitBudget);
    const dept = build(departmentBudget({ code: plan.code, name: plan.name, regionCode: plan.regionCode }, budgets), plan.name);
    const units = budgets.map((b, i) => build(b, plan.units[i]!.name));
    const fs = checkRollup(dept, units);
    assert.deepEqual(
      fs.filter((f) => f.severity !== 'info').map((f) => f.message),
      [],
      plan.name,
    );
    assert.ok(fs.every((f) => /尾差/.test(f.message)));
    const partial = checkRollup(dept, units.slice(1));
    const gap = partial.find((f) => f.rule === 'rollup.function' && f.location.row === '合计');
    assert.ok(gap && gap.severity === 'warning' && /可能缺少下属单位/.test(gap.message), `${plan.name}: leaving out ${plan.units[0]!.name}`);
    departments++;
  }
  assert.ok(departments >= 5, `only ${departments} departments with 2+ units`);
});
