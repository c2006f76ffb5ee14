import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPool, type TaskOutcome } from './worker-pool.ts';

const handler = new URL('./testdata/pool-handler.ts', import.meta.url);

test('runs every task on worker threads (TypeScript handler) and reports each outcome once', async () => {
  const seen = new Map<number, TaskOutcome<{ doubled: number; thread: number }>>();
  async function* tasks() {
    for (let i = 0; i < 50; i++) yield i === 7 ? -7 : i;
  }
  let ready = 0;
  const r = await runPool<number, { doubled: number; thread: number }>({ handler, tasks: tasks(), threads: 2, onResult: (t, o) => seen.set(t, o), onAllReady: () => ready++ });
  assert.equal(ready, 1, 'onAllReady fires once, before the first task');
  assert.equal(r.tasks, 50);
  assert.equal(r.failed, 1);
  assert.equal(seen.size, 50);
  const bad = seen.get(-7)!;
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : '', /negative input -7/);
  const ok = seen.get(21)!;
  assert.ok(ok.ok && ok.result.doubled === 42);
  const threads = new Set([...seen.values()].flatMap((o) => (o.ok ? [o.result.thread] : [])));
  assert.ok(threads.size >= 2, 'work is spread over both threads');
});

test('a worker that dies is replaced; its task fails, the rest complete', async () => {
  const outcomes: [number, boolean][] = [];
  const r = await runPool<number, unknown>({ handler, tasks: [1, 2, 999, 3, 4, 5, 6], threads: 2, depth: 0, onResult: (t, o) => outcomes.push([t, o.ok]) });
  assert.equal(r.tasks, 7);
  assert.equal(r.failed, 1);
  assert.deepEqual(
    outcomes.filter(([, ok]) => !ok).map(([t]) => t),
    [999],
  );
});

test('keeps the number of tasks in flight bounded (pulls lazily from the stream)', async () => {
  let pulled = 0;
  let done = 0;
  let maxAhead = 0;
  function* tasks() {
    for (let i = 0; i < 200; i++) {
      pulled++;
      maxAhead = Math.max(maxAhead, pulled - done);
      yield i;
    }
  }
  await runPool({ handler, tasks: tasks(), threads: 2, depth: 1, onResult: () => done++ });
  assert.equal(done, 200);
  assert.ok(maxAhead <= 2 * 2 + 1, `at most threads × (1 + depth) in flight, saw ${maxAhead}`);
});
