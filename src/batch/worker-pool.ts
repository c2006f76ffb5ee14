/**
 * A pool of worker threads fed from a (possibly async) stream of tasks, with a bounded number of
 * tasks in flight: memory stays flat however many tasks the stream yields. Each worker runs a
 * handler module (exporting `handle(task)`) through worker-boot.mjs, which registers tsx first
 * when the handler is TypeScript.
 * Results arrive in completion order. A task whose handler throws is reported through `onResult`
 * with its error message; a worker that dies is replaced and its tasks are reported as failed.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export type TaskOutcome<R> = { ok: true; result: R } | { ok: false; error: string };

export interface PoolOptions<T, R> {
  /** URL of the handler module (a .ts source, or its compiled .js in dist/; see util/module-url.ts) exporting `handle(task: T): R | Promise<R>`. */
  handler: URL;
  tasks: Iterable<T> | AsyncIterable<T>;
  onResult: (task: T, outcome: TaskOutcome<R>) => void;
  /** Worker threads; default os.availableParallelism(). */
  threads?: number;
  /** Tasks queued per worker beyond the one it is running (keeps workers busy between messages). */
  depth?: number;
  /** Hold tasks back until every worker has loaded its handler, then call this (benchmarks time from here). */
  onAllReady?: () => void;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export async function runPool<T, R>(opts: PoolOptions<T, R>): Promise<{ tasks: number; failed: number }> {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const perWorker = 1 + Math.max(0, opts.depth ?? 1);
  const iterator = (Symbol.asyncIterator in opts.tasks ? (opts.tasks as AsyncIterable<T>)[Symbol.asyncIterator]() : (opts.tasks as Iterable<T>)[Symbol.iterator]()) as AsyncIterator<T> | Iterator<T>;

  let nextId = 0;
  let count = 0;
  let failed = 0;
  let exhausted = false;
  let pulling = false;
  let allReady = false;

  interface Slot {
    worker: Worker;
    ready: boolean;
    inFlight: Map<number, T>;
  }
  const slots: Slot[] = [];

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      for (const s of slots) void s.worker.terminate();
      reject(e);
    };
    const report = (task: T, outcome: TaskOutcome<R>) => {
      count++;
      if (!outcome.ok) failed++;
      try {
        opts.onResult(task, outcome);
      } catch (e) {
        fail(e);
      }
    };
    const finishIfDone = () => {
      if (settled || !exhausted || pulling) return;
      if (slots.some((s) => s.inFlight.size > 0)) return;
      settled = true;
      Promise.all(slots.map((s) => s.worker.terminate())).then(() => resolve({ tasks: count, failed }), reject);
    };

    // Hands out tasks to ready workers with spare capacity; one pull at a time keeps order.
    const pump = async () => {
      if (pulling || settled) return;
      pulling = true;
      try {
        for (;;) {
          if (exhausted || settled) break;
          const slot = slots.filter((s) => s.ready && s.inFlight.size < perWorker).sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
          if (!slot) break;
          if (opts.onAllReady && !allReady) {
            if (!slots.every((s) => s.ready)) break;
            allReady = true;
            opts.onAllReady();
          }
          const step = await iterator.next();
          if (step.done) {
            exhausted = true;
            break;
          }
          const id = nextId++;
          slot.inFlight.set(id, step.value);
          slot.worker.postMessage({ id, task: step.value });
        }
      } catch (e) {
        fail(e);
      } finally {
        pulling = false;
      }
      finishIfDone();
    };

    const spawn = (index: number) => {
      const worker = new Worker(BOOT, { workerData: { entry: opts.handler.href } });
      const slot: Slot = { worker, ready: false, inFlight: new Map() };
      slots[index] = slot;
      worker.on('message', (m: { ready?: true; id?: number; result?: R; error?: string }) => {
        if (m.ready) {
          slot.ready = true;
          void pump();
          return;
        }
        const task = slot.inFlight.get(m.id!);
        slot.inFlight.delete(m.id!);
        if (task !== undefined) report(task, m.error !== undefined ? { ok: false, error: m.error } : { ok: true, result: m.result as R });
        void pump();
      });
      let crash = '';
      worker.on('error', (e) => {
        crash = e.message;
        if (!slot.ready) fail(new Error(`批量处理的工作线程未能启动：${e.message}`));
      });
      worker.on('exit', (code) => {
        if (settled || slots[index] !== slot) return;
        if (!slot.ready) return fail(new Error(`批量处理的工作线程在启动前退出（${crash || `退出码 ${code}`}）`));
        const lost = [...slot.inFlight.values()];
        slot.inFlight.clear();
        for (const t of lost) report(t, { ok: false, error: `工作线程中止（${crash || `退出码 ${code}`}）` });
        spawn(index);
      });
    };
    for (let i = 0; i < threads; i++) spawn(i);
  });
}
