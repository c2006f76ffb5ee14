import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBudget } from '../core/budget-validate.ts';
import { parsePrintedCents } from '../core/money.ts';
import { loadTemplate, type Template } from '../core/template.ts';
import { randomBudget } from '../synth/random-budget.ts';
import { buildDisclosure } from './build-disclosure.ts';

test('template levels: a code-matrix table lists only the code levels named (only 项), still adding up to 合计', () => {
  const base = loadTemplate('liaoning-2024');
  const template: Template = { ...base, id: 'items-only', tables: base.tables.map((t) => (t.no === 5 ? { ...t, levels: [3] as (1 | 2 | 3)[] } : t)) };
  const r = validateBudget(randomBudget(7));
  assert.deepEqual(r.errors, []);
  const t5 = buildDisclosure(r.budget!, { template }).disclosure.tables.find((t) => t.no === 5)!;
  const body = t5.rows.slice(1);
  assert.ok(body.length > 0 && body.every((row) => /^\d{7}$/.test(row[0]!)), 'only 7-digit 项 rows');
  for (let c = 2; c < t5.rows[0]!.length; c++)
    assert.equal(
      body.reduce((a, row) => a + (parsePrintedCents(row[c]!) ?? 0), 0),
      parsePrintedCents(t5.rows[0]![c]!) ?? 0,
      `column ${c}`,
    );
});
