import assert from 'node:assert/strict';
import test from 'node:test';
import { safeNext } from './safe-next.ts';

test('safeNext: only a path on this site; tab, newline, backslash and scheme tricks go to the default', () => {
  assert.equal(safeNext('/units/041002?year=2024'), '/units/041002?year=2024');
  for (const bad of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', ' /x', '/ /evil', undefined, ''])
    assert.equal(safeNext(bad), '/prepare', JSON.stringify(bad));
});
