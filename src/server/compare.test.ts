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
    assert.ok(
      rows.every((x) => x.diff === 1000),
      'only the 10.00 change and the totals above it differ',
    );
    assert.equal(compareDisclosures(a, a).filter((x) => x.diff !== 0).length, 0);
    assert.equal(percentChange(191558, 186138), '-2.8%');
    assert.equal(percentChange(100, 100), '0.0%');
  });

  it('lists changed sentences between versions', () => {
    const t = changedTexts(a, b);
    assert.ok(t.some((c) => c.added.some((s) => s.includes('新增人员'))));
  });

  it('matches two-sided rows by class code and income role, whatever their numbering', () => {
    // B has a 207 文化旅游体育与传媒支出 line: 社会保障和就业支出 is "三、" in B's table 1, "二、" in A's.
    const other = structuredClone(yingkou);
    other.unit.code = '041003';
    other.lines.push({ ...other.lines.find((l: { kind: string }) => l.kind === 'public'), functionCode: '2070101', amount: '10000' });
    delete other.income.general;
    const c = generate(other).disclosure!;
    const t1 = c.tables.find((t) => t.no === 1)!;
    assert.ok(
      t1.rows.some((r) => r[2] === '三、社会保障和就业支出'),
      JSON.stringify(t1.rows),
    );
    const rows = compareDisclosures(a, c).filter((r) => r.table === 1);
    const social = rows.find((r) => r.rowKey === '208')!;
    assert.deepEqual([social.a, social.b, social.diff, social.rowLabel], [10091, 10091, 0, '社会保障和就业支出']);
    const culture = rows.find((r) => r.rowKey === '207')!;
    assert.deepEqual([culture.a, culture.b], [null, 100]);
    const general = rows.find((r) => r.rowKey === '收入:一般公共预算拨款收入')!;
    assert.deepEqual([general.a, general.b], [186138, 186238]);
    // No income label on an expenditure amount, and no blank label compared.
    const cells = amountCells(a).filter((x) => x.table === 1 || x.table === 4);
    assert.ok(cells.every((x) => x.rowKey !== ''));
    assert.ok(!cells.some((x) => /支出/.test(x.column) && x.rowKey.includes('收入:')), JSON.stringify(cells.filter((x) => /支出/.test(x.column))));
    // Table 4 keeps 本年收入 and 上年结转 apart.
    const t4 = amountCells(a)
      .filter((x) => x.table === 4)
      .map((x) => x.rowKey);
    assert.ok(t4.includes('本年收入/收入:一般公共预算拨款收入') && t4.includes('上年结转/收入:一般公共预算拨款收入'), t4.join(' | '));
  });

  it('reports text changes where amounts are equal', () => {
    const texts = structuredClone(yingkou);
    texts.unit.duties[0] = '新的职责表述。';
    const t = generate(texts).disclosure!;
    assert.equal(compareDisclosures(a, t).filter((x) => x.diff !== 0).length, 0);
    assert.ok(changedTexts(a, t).some((x) => x.added.some((s) => s.includes('新的职责表述'))));
  });
});
