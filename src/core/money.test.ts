import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { apportion, asFen, fenToWanCents, fenToWanText, formatCents, parsePrintedCents, parseScaled, yuanToFen, MoneyError } from './money.ts';

test('parses yuan exactly, without binary floats', () => {
  assert.equal(yuanToFen('0.29'), 29);
  assert.equal(yuanToFen(0.29), 29);
  assert.equal(yuanToFen('3,580,600.00'), 358060000);
  assert.equal(yuanToFen(1234.5), 123450);
  assert.equal(yuanToFen('-12.30'), -1230);
  assert.throws(() => yuanToFen('1.234'), MoneyError);
  assert.throws(() => yuanToFen('abc'), /not an amount/);
  assert.throws(() => yuanToFen('99999999999999999'), MoneyError);
});

test('prints 万元 with two decimals and thousands separators', () => {
  assert.equal(fenToWanText(asFen(1861380000)), '1,861.38');
  assert.equal(formatCents(5), '0.05');
  assert.equal(formatCents(-123456), '-1,234.56');
  assert.equal(fenToWanText(asFen(4999)), '0.00');
  assert.equal(fenToWanText(asFen(5000)), '0.01');
  assert.equal(fenToWanCents(asFen(-5000)), -1);
});

test('plain yuan strings read the same as through the general decimal parser', () => {
  // yuanToFen reads "4118430.45"-style strings without regexes; everything must match parseScaled.
  const plain = fc.tuple(fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{0,3}$/))).map(([i, f]) => (f === null ? i : `${i}.${f}`));
  fc.assert(
    fc.property(fc.oneof(plain, fc.string()), (s) => {
      const expected = parseScaled(s, 2);
      if (expected === null || !Number.isSafeInteger(expected)) assert.throws(() => yuanToFen(s), MoneyError);
      else assert.equal(yuanToFen(s), expected);
    }),
    { numRuns: 5000 },
  );
  assert.equal(yuanToFen('000.10'), 10);
  assert.equal(yuanToFen('7.'), 700);
  assert.equal(yuanToFen('9999999999999.99'), 999999999999999);
  assert.throws(() => yuanToFen('99999999999999.99'), MoneyError);
});

test('thousands separators fall every three digits, at any size', () => {
  const regexGrouping = (n: number) => {
    const a = Math.abs(n);
    const int = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${n < 0 ? '-' : ''}${int}.${String(a % 100).padStart(2, '0')}`;
  };
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ min: 1e19, max: 1e24, noNaN: true })), (n) => formatCents(n) === regexGrouping(n)),
    { numRuns: 5000 },
  );
  assert.equal(formatCents(123456789), '1,234,567.89');
  assert.equal(formatCents(12345678, false), '123456.78');
});

test('reads printed amounts back', () => {
  assert.equal(parsePrintedCents('1,861.38'), 186138);
  assert.equal(parsePrintedCents(''), 0);
  assert.equal(parsePrintedCents('—'), 0);
  assert.equal(parsePrintedCents('1.4'), 140);
  assert.equal(parsePrintedCents('2,087,959'), 208795900);
  assert.equal(parsePrintedCents('x1'), null);
  assert.equal(parseScaled('201 50', 2), null);
});

test('format and parse are inverse for every integer', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => parsePrintedCents(formatCents(n)) === n),
    { numRuns: 2000 },
  );
});

test('apportion keeps the total and stays within one unit of each exact share', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 40 }), (exact) => {
      const scale = 10_000;
      const sum = exact.reduce((a, b) => a + b, 0);
      const total = fenToWanCents(asFen(sum));
      const parts = apportion(total, exact, scale);
      assert.equal(
        parts.reduce((a, b) => a + b, 0),
        total,
      );
      parts.forEach((p, i) => assert.ok(Math.abs(p * scale - exact[i]!) < 2 * scale));
    }),
    { numRuns: 1000 },
  );
  assert.deepEqual(apportion(3, [15000, 15000, 0], 10000), [2, 1, 0]);
});
