import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BudgetInput } from '../core/budget.ts';
import { departmentBudget, isOwnOrgan } from './department-budget.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8')) as BudgetInput;
const dept = { code: '041', name: '营口市营商环境建设局', regionCode: '210800' };
const organ: BudgetInput = { ...structuredClone(yingkou), unit: { ...yingkou.unit, code: '041001', name: '营口市营商环境建设局本级', duties: ['本级职责'], dutiesIntro: '本级简介' } };

describe('department roll-up', () => {
  it('never prints a unit’s duties, goals or reasons as the department’s own', () => {
    const d = departmentBudget(dept, [yingkou]);
    assert.deepEqual(d.unit.duties, []);
    assert.match(d.unit.dutiesIntro ?? '', /^【待填写：营口市营商环境建设局的主要职责/);
    assert.match(d.overallGoal?.goals ?? '', /待填写/);
    assert.ok(
      Object.values(d.reasons ?? {}).every((r) => r === ''),
      'no unit reason borrowed',
    );
    assert.ok(!JSON.stringify(d.unit).includes(yingkou.unit.duties![0]!));
  });

  it('takes the texts entered at department level', () => {
    const d = departmentBudget({ ...dept, duties: ['统筹全市营商环境建设'], dutiesIntro: '主要职责是：', reasons: { total: '新增单位' }, goals: '部门目标' }, [yingkou]);
    assert.deepEqual(d.unit.duties, ['统筹全市营商环境建设']);
    assert.equal(d.reasons?.total, '新增单位');
    assert.equal(d.overallGoal?.goals, '部门目标');
  });

  it('counts the 本级 as a unit of the department, listed first, and says when it is missing', () => {
    assert.ok(isOwnOrgan('041', { code: '041001', name: 'x' }));
    assert.ok(isOwnOrgan('041', { code: '041555', name: '某局本级' }));
    assert.ok(!isOwnOrgan('041', yingkou.unit));
    const d = departmentBudget(dept, [yingkou, organ]);
    assert.deepEqual(
      d.units?.map((u) => u.code),
      ['041001', yingkou.unit.code],
    );
    assert.match(d.unit.organisation ?? '', /共2个，包括：营口市营商环境建设局本级、/);
    assert.doesNotMatch(d.unit.organisation ?? '', /尚未编入/);
    assert.match(departmentBudget(dept, [yingkou]).unit.organisation ?? '', /部门本级（营口市营商环境建设局本级）的预算尚未编入/);
    // department = 本级 + Σ 所属单位: every line of both.
    assert.equal(d.lines.length, yingkou.lines.length * 2);
  });
});
