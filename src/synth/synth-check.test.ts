// A sample of synthetic units and department budgets builds and passes the rule catalogue with no
// errors: the synthetic data are consistent, and generator and checker agree on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBudget } from '../core/budget-validate.ts';
import { buildDisclosure } from '../generate/build-disclosure.ts';
import { checkDisclosure } from '../rules/index.ts';
import { departmentBudget } from '../generate/department-budget.ts';
import { planDepartments } from './plan.ts';
import { synthUnitBudget } from './synth-unit.ts';

test('synthetic units and department budgets build with zero checker errors', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const dept of planDepartments(24, 2024)) {
    const units = dept.units.map(synthUnitBudget);
    for (const input of [...units, departmentBudget({ code: dept.code, name: dept.name, regionCode: dept.regionCode }, units)]) {
      const v = validateBudget(input);
      assert.deepEqual(v.errors, [], `${input.unit.code}: invalid`);
      const { disclosure } = buildDisclosure(v.budget!);
      for (const f of checkDisclosure(disclosure, { budget: v.budget })) if (f.severity === 'error') problems.push(`${input.unit.code} ${f.rule}: ${f.message}`);
      checked++;
    }
  }
  assert.ok(checked > 24, 'units and their departments were checked');
  assert.deepEqual(problems, []);
});
