import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTableModels, expandRows, printedAmountCents, spanHeader } from './table-model.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';

const d = yingkouDisclosure();

test('header spans: empty right of a filled cell continues its column span, empty below continues its row span', () => {
  const t5 = d.tables.find((t) => t.no === 5)!;
  const cells = spanHeader(t5.header);
  assert.deepEqual(
    cells[0]!.map((c) => c && [c.text, c.rowSpan, c.colSpan]),
    [['科目编码', 3, 1], ['科目名称', 3, 1], ['本年一般公共预算支出', 1, 5], null, null, null, null],
  );
  assert.deepEqual(
    cells[1]!.map((c) => c && [c.text, c.rowSpan, c.colSpan]),
    [null, null, ['合计', 2, 1], ['基本支出', 1, 3], null, null, ['项目支出', 2, 1]],
  );
  assert.deepEqual(
    cells[2]!.map((c) => c && c.text),
    [null, null, null, '小计', '人员经费', '公用经费', null],
  );
  const t1 = spanHeader(d.tables.find((t) => t.no === 1)!.header);
  assert.deepEqual(
    t1[0]!.map((c) => c && c.colSpan),
    [2, null, 2, null],
  );
});

test('every table of the Yingkou package expands back to its printed grid', () => {
  buildTableModels(d).forEach((m, i) => {
    const t = d.tables[i]!;
    assert.deepEqual(expandRows(m.header, m.columns), t.header, `表${m.label} header`);
    assert.deepEqual(expandRows(m.body, m.columns), t.rows, `表${m.label} body`);
  });
});

test('row styles and number cells', () => {
  const m = buildTableModels(d).find((x) => x.no === 3)!;
  assert.equal(m.body[0]!.style, 'total');
  assert.equal(m.body[1]!.style, 'subtotal'); // 201
  assert.equal(m.body[3]!.style, 'body'); // 2010350
  const total = m.body[0]!.cells[2]!;
  assert.equal(total.kind, 'number');
  assert.equal(total.cents, 186138);
  assert.equal(total.text, '1,861.38');
  assert.equal(m.body[1]!.cells[0]!.kind, 'label', 'codes are not numbers');
  const labels = buildTableModels(d)
    .filter((x) => x.no === 17)
    .map((x) => x.label);
  assert.deepEqual(labels.slice(0, 3), ['17-1', '17-2', '17-3']);
});

test('only canonical printed amounts are numbers', () => {
  assert.equal(printedAmountCents('1,861.38'), 186138);
  assert.equal(printedAmountCents('-3.20'), -320);
  assert.equal(printedAmountCents('1861.38'), null);
  assert.equal(printedAmountCents('201'), null);
  assert.equal(printedAmountCents('100'), null);
  assert.equal(printedAmountCents('01.00'), null);
});
