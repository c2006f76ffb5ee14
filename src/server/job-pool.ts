/**
 * The portal's heavy work — reading and checking uploads, rendering PDF and XLSX downloads — runs
 * here, in a small pool of worker threads, never on the thread that answers pages and /health.
 * Each worker runs one job at a time under a memory limit (`resourceLimits`) and a time limit: a
 * job past its time is ended by terminating its worker, a worker out of memory dies alone; either
 * way the job fails with a Chinese message and a fresh worker takes the place. Jobs wait in a
 * bounded queue; when it is full `run` throws PoolBusy at once (the routes answer 503 +
 * Retry-After) instead of letting uploads pile up in memory.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../core/user-error.ts';
import { InputRejected, type RejectStatus } from '../read/guards.ts';

export interface JobPoolOptions {
  /** Module exporting `handle(job)` (see util/module-url.ts for its URL under dist/). */
  handler: URL;
  /** Worker threads (default: the cores, at most 4). */
  threads?: number;
  /** Jobs waiting beyond those running (default 4 per thread). */
  queue?: number;
  /** Longest a job may run, ms (default 60 s). */
  timeoutMs?: number;
  /** Old-generation heap of one worker, MB (default 768). */
  memoryMb?: number;
}

/** The queue is full: try again later. */
export class PoolBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`服务器正忙（排队的检查任务已满），请 ${retryAfterSeconds} 秒后重试`);
    this.name = 'PoolBusy';
  }
}

/** A job that ran out of time or memory, or whose worker failed. */
export class JobFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailed';
  }
}

interface Pending {
  job: unknown;
  transfer: ArrayBuffer[];
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running?: Pending & { id: number; timer: NodeJS.Timeout };
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export class JobPool {
  readonly threads: number;
  readonly queueLimit: number;
  readonly timeoutMs: number;
  private readonly memoryMb: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 0;
  private closed = false;
  /** Jobs refused because the queue was full. */
  refused = 0;

  constructor(private readonly o: JobPoolOptions) {
    this.threads = Math.max(1, o.threads ?? Math.min(4, availableParallelism()));
    this.queueLimit = Math.max(0, o.queue ?? this.threads * 4);
    this.timeoutMs = o.timeoutMs ?? 60_000;
    this.memoryMb = o.memoryMb ?? 768;
    for (let i = 0; i < this.threads; i++) this.spawn(i);
  }

  /** Jobs running and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.running).length, waiting: this.waiting.length };
  }

  /**
   * Runs one job in a worker. `transfer` moves buffers instead of copying them (the caller must
   * not use them afterwards). Errors thrown by the handler come back as InputRejected (with its
   * status) or UserError when they were one, else as a plain Error with the handler's message.
   */
  run<R>(job: unknown, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new JobFailed('服务器正在关闭'));
    // Room for one job per worker (running, or about to when its worker is ready) plus the queue.
    const running = this.slots.filter((s) => s.running).length;
    if (running + this.waiting.length >= this.threads + this.queueLimit) {
      this.refused++;
      return Promise.reject(new PoolBusy(this.retryAfter()));
    }
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ job, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new JobFailed('服务器正在关闭'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  /** Seconds a client should wait: roughly the queue ahead of it at a few seconds per job. */
  private retryAfter(): number {
    return Math.min(120, Math.max(5, Math.ceil(((this.waiting.length + this.threads) * 3) / this.threads)));
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!this.waiting.length) return;
      if (!slot.ready || slot.running) continue;
      const p = this.waiting.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(slot, new JobFailed(`处理时间超过 ${Math.round(this.timeoutMs / 1000)} 秒，已中止（文件过于复杂）`)), this.timeoutMs);
      slot.running = { ...p, id, timer };
      slot.worker.postMessage({ id, job: p.job }, p.transfer);
    }
  }

  /** Ends the slot's job with `e` and replaces its worker. */
  private fail(slot: Slot, e: Error): void {
    const r = slot.running;
    if (r) {
      clearTimeout(r.timer);
      slot.running = undefined;
      r.reject(e);
    }
    const index = this.slots.indexOf(slot);
    this.slots[index] = { worker: slot.worker, ready: false }; // out of service until replaced
    void slot.worker.terminate();
    if (!this.closed) this.spawn(index);
  }

  private spawn(index: number): void {
    const worker = new Worker(BOOT, {
      workerData: { entry: this.o.handler.href },
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 64 },
      // The worker's output is ours to log, not the client's.
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false };
    this.slots[index] = slot;
    worker.on('message', (m: { ready?: true; id?: number; result?: unknown; error?: { name: string; message: string; status?: number } }) => {
      if (m.ready) {
        slot.ready = true;
        this.pump();
        return;
      }
      const r = slot.running;
      if (!r || r.id !== m.id) return;
      clearTimeout(r.timer);
      slot.running = undefined;
      if (m.error) r.reject(rebuild(m.error));
      else r.resolve(m.result);
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (this.slots[index] !== slot) return;
      this.fail(slot, new JobFailed(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `处理所需内存超过 ${this.memoryMb} MB，已中止（文件过大或过于复杂）` : '处理时出错，已中止'));
    });
    worker.on('exit', () => {
      if (this.slots[index] === slot && !this.closed) this.fail(slot, new JobFailed('处理时出错，已中止'));
    });
  }
}

function rebuild(e: { name: string; message: string; status?: number }): Error {
  if (e.name === 'InputRejected') return new InputRejected(e.message, (e.status ?? 400) as RejectStatus);
  if (e.name === 'UserError') return new UserError(e.message);
  const out = new Error(e.message);
  out.name = e.name;
  return out;
}
