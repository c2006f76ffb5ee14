/** A disclosure published as several files is one input of a batch; every other file is its own. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { groupParts, listInputs } from './list-inputs.ts';

test('groupParts: 情况说明 + 报表 (or -narrative + -tables) of one unit in one folder become one input', async () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-parts-'));
  mkdirSync(join(root, 'beijing'));
  const names = [
    'beijing/附件1：北京市审计局2026年度部门预算情况说明.pdf',
    'beijing/附件2：北京市审计局2026年度部门预算报表.pdf',
    '20_beijing-city-shenjiju-2026-dept-budget-narrative.pdf',
    '20_beijing-city-shenjiju-2026-dept-budget-tables.pdf',
    '05_shanghai-city-tongjiyanjiuyuan-2026-unit-budget.pdf',
    'a-unit-budget.pdf',
    'b-unit-budget.pdf',
  ];
  for (const n of names) writeFileSync(join(root, n), '');
  const inputs = [];
  for await (const f of groupParts(listInputs([root], (n) => n.endsWith('.pdf')))) inputs.push((f.parts ?? [f.path]).map((p) => p.slice(root.length + 1)));
  assert.deepEqual(inputs, [
    ['05_shanghai-city-tongjiyanjiuyuan-2026-unit-budget.pdf'],
    ['20_beijing-city-shenjiju-2026-dept-budget-narrative.pdf', '20_beijing-city-shenjiju-2026-dept-budget-tables.pdf'],
    ['a-unit-budget.pdf'],
    ['b-unit-budget.pdf'],
    ['beijing/附件1：北京市审计局2026年度部门预算情况说明.pdf', 'beijing/附件2：北京市审计局2026年度部门预算报表.pdf'],
  ]);
});
