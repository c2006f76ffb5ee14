import { test } from 'node:test';
import assert from 'node:assert/strict';
import { landingPath } from './landing.ts';

test('each role lands where its work is', () => {
  assert.equal(landingPath({ role: 'unit' }), '/prepare');
  assert.equal(landingPath({ role: 'department' }), '/oversight');
  assert.equal(landingPath({ role: 'admin' }), '/oversight');
  assert.equal(landingPath(undefined), '/');
});
