import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePrintedCents } from '../core/money.ts';
import { cellFen } from './amounts.ts';

test('cellFen reads the usual printed forms exactly, in 万元 and 元 tables', () => {
  assert.equal(cellFen('1,861.38', '万元'), 1_861_380_000);
  assert.equal(cellFen('96,282,213.44', '元'), 9_628_221_344);
  assert.equal(cellFen('-1,000.00', '元'), -100_000);
  assert.equal(cellFen('0.00', '万元'), 0);
  assert.equal(cellFen('', '万元'), 0);
  assert.equal(cellFen('－', '万元'), 0);
  assert.equal(cellFen(' 1 861.38 ', '元'), 186_138);
  assert.equal(cellFen('9999999999999.99', '元'), 999_999_999_999_999);
});

test('cellFen: malformed thousands groups are read by the general parser, not as the usual form', () => {
  for (const s of ['1,23.45', '1234,567.00', ',123.00', '123,.00', '1,0000.00', '--1.00']) {
    const c = parsePrintedCents(s);
    assert.equal(cellFen(s, '元'), c === null ? null : c, s);
  }
  assert.equal(cellFen('abc', '元'), null);
});

test('cellFen agrees with the usual-form pattern on random digit strings', () => {
  const USUAL = /^(-?)(\d{1,3}(?:,\d{3})+|\d{1,13})\.(\d\d)$/;
  let seed = 7;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  for (let k = 0; k < 20_000; k++) {
    let s = rnd() < 0.2 ? '-' : '';
    const len = 1 + Math.floor(rnd() * 14);
    for (let i = 0; i < len; i++) s += '0123456789,'[Math.floor(rnd() * 11)];
    s += `.${Math.floor(rnd() * 100)
      .toString()
      .padStart(2, '0')}`;
    const m = USUAL.exec(s);
    if (!m) continue;
    assert.equal(cellFen(s, '元'), Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3]}`), s);
  }
});
