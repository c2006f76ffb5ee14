import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { amountCells, changedTexts, compareDisclosures, percentChange } from './compare.ts';
import { generate } from '../pipeline/generate.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

describe('compare', () => {
  const a = generate(yingkou).disclosure!;
  const changed = structuredClone(yingkou);
  changed.lines[0].amount = '3680600'; // +10.00 万元 on 2010350 / 30101
  changed.income.general = '18713800';
  changed.reasons.total = '新增人员';
  const b = generate(changed).disclosure!;

  it('reads every amount cell keyed by code; both sides of table 1 keep their own labels', () => {
    const cells = amountCells(a);
    const t3 = cells.filter((c) => c.table === 3 && c.rowKey === '2010350');
    assert.equal(t3.find((c) => c.column === '合计')?.cents, 79249);
    assert.equal(t3[0]?.rowLabel, '事业运行');
    const t1 = cells.filter((c) => c.table === 1);
    assert.ok(t1.some((c) => /一般公共预算拨款/.test(c.rowKey) && c.cents === 186138));
    assert.ok(!t1.some((c) => /政府性基金/.test(c.rowKey) && c.cents === 10091), 'a right-hand amount is not filed under the left-hand label');
  });

  it('matches codes and reports differences with exact percentages', () => {
    const rows = compareDisclosures(a, b).filter((r) => r.diff !== 0);
    const r = rows.find((x) => x.table === 3 && x.rowKey === '2010350' && x.column === '合计')!;
    assert.deepEqual([r.a, r.b, r.diff, r.pct], [79249, 80249, 1000, '+1.3%']);
    assert.ok(rows.every((x) => x.diff === 1000), 'only the 10.00 change and the totals above it differ');
    assert.equal(compareDisclosures(a, a).filter((x) => x.diff !== 0).length, 0);
    assert.equal(percentChange(191558, 186138), '-2.8%');
    assert.equal(percentChange(100, 100), '0.0%');
  });

  it('lists changed sentences between versions', () => {
    const t = changedTexts(a, b);
    assert.ok(t.some((c) => c.added.some((s) => s.includes('新增人员'))));
  });
});
