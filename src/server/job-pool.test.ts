import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputRejected } from '../read/guards.ts';
import { JobFailed, JobPool, PoolBusy } from './job-pool.ts';
import { RateLimiter } from './rate-limit.ts';

/** A handler module given inline: jobs are { op, … }. */
const HANDLER = new URL(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function handle(job) {
  if (job.op === 'echo') return job.value;
  if (job.op === 'sleep') return new Promise((r) => setTimeout(() => r('slept'), job.ms));
  if (job.op === 'hog') { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  if (job.op === 'reject') { const e = new Error('文件过大'); e.name = 'InputRejected'; e.status = 413; throw e; }
  throw new Error('unknown op');
}`),
);

test('jobs run in workers; a handler error comes back as InputRejected with its status', async () => {
  const pool = new JobPool({ handler: HANDLER, threads: 2 });
  try {
    assert.deepEqual(await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ op: 'echo', value }))), [1, 2, 3, 4, 5]);
    await assert.rejects(pool.run({ op: 'reject' }), (e: unknown) => e instanceof InputRejected && e.status === 413 && e.message === '文件过大');
  } finally {
    await pool.close();
  }
});

test('a job over its memory limit fails alone with a Chinese message; the pool carries on', async () => {
  const pool = new JobPool({ handler: HANDLER, threads: 1, memoryMb: 64 });
  try {
    await assert.rejects(pool.run({ op: 'hog' }), (e: unknown) => e instanceof JobFailed && /内存超过 64 MB/.test(e.message));
    assert.equal(await pool.run({ op: 'echo', value: 'after' }), 'after');
  } finally {
    await pool.close();
  }
});

test('a job past its time is ended; the queue bound refuses at once with a Retry-After', async () => {
  const pool = new JobPool({ handler: HANDLER, threads: 1, perWorker: 1, queue: 1, timeoutMs: 300 });
  try {
    const slow = pool.run({ op: 'sleep', ms: 5_000 });
    const queued = pool.run({ op: 'echo', value: 'queued' });
    await assert.rejects(pool.run({ op: 'echo', value: 'x' }), (e: unknown) => e instanceof PoolBusy && e.retryAfterSeconds >= 1 && /服务器正忙/.test(e.message));
    await assert.rejects(slow, (e: unknown) => e instanceof JobFailed && /处理时间超过/.test(e.message));
    assert.equal(await queued, 'queued');
  } finally {
    await pool.close();
  }
});

test('rate limiter: a fixed window per client, the wait until it ends', () => {
  const r = new RateLimiter(2, 60_000);
  const t0 = Date.now();
  assert.equal(r.take('a', t0), 0);
  assert.equal(r.take('a', t0), 0);
  assert.equal(r.take('a', t0 + 30_000), 30);
  assert.equal(r.take('b', t0 + 30_000), 0);
  assert.equal(r.take('a', t0 + 60_000), 0, 'a new window');
});
