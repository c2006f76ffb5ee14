import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleUrl } from './module-url.ts';

test('moduleUrl: the .ts source beside a source module, the .js beside a compiled one', () => {
  assert.equal(moduleUrl('./build-task.ts', 'file:///r/src/batch/batch-commands.ts').href, 'file:///r/src/batch/build-task.ts');
  assert.equal(moduleUrl('./build-task.ts', 'file:///r/dist/batch/batch-commands.js').href, 'file:///r/dist/batch/build-task.js');
  assert.equal(moduleUrl('../tasks/x.ts', 'file:///r/dist/batch/a.js').href, 'file:///r/dist/tasks/x.js');
  assert.equal(moduleUrl('./worker-boot.mjs', 'file:///r/dist/batch/a.js').href, 'file:///r/dist/batch/worker-boot.mjs');
});
