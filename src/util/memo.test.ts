import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { memoize, memoizeByObject } from './memo.ts';

test('memoize computes once per key and drops the least recently used when full', () => {
  const calls: string[] = [];
  const upper = memoize((s: string) => (calls.push(s), s.toUpperCase()), { maxEntries: 2 });
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.equal(upper('a'), 'A'); // a hit: a is now the most recent
  assert.equal(upper('c'), 'C'); // full: b goes
  assert.equal(upper('a'), 'A');
  assert.equal(upper('b'), 'B');
  assert.deepEqual(calls, ['a', 'b', 'c', 'b']);
});

test('memoize by a key made of several arguments', () => {
  let calls = 0;
  const join = memoize((a: string[], sep: string) => (calls++, a.join(sep)), { keyOf: (a, sep) => `${sep}\u0000${a.join('\u0001')}` });
  assert.equal(join(['x', 'y'], '-'), 'x-y');
  assert.equal(join(['x', 'y'], '-'), 'x-y');
  assert.equal(join(['x', 'y'], '+'), 'x+y');
  assert.equal(calls, 2);
});

test('memoizeByObject keeps one value per object, undefined included', () => {
  let calls = 0;
  const f = memoizeByObject((o: { n: number }) => (calls++, o.n > 0 ? o.n : undefined));
  const a = { n: 1 };
  const b = { n: 0 };
  assert.equal(f(a), 1);
  assert.equal(f(a), 1);
  assert.equal(f(b), undefined);
  assert.equal(f(b), undefined);
  assert.equal(calls, 2);
});
