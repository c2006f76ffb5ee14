/**
 * The portal's heavy work — reading and checking uploads, rendering PDF and XLSX downloads — runs
 * here, in a small pool of worker threads, never on the thread that answers pages and /health.
 * Each worker runs a job or two at a time (a check spends much of its time waiting for pdftotext,
 * in a child process) under a memory limit (`resourceLimits`) and a time limit per job: a job past
 * its time is ended by terminating its worker, a worker out of memory dies alone; either way its
 * jobs fail with a Chinese message and a fresh worker takes the place. Jobs wait in a
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
  /** Jobs one worker runs at once (default 2). */
  perWorker?: number;
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
  running: Map<number, Pending & { timer: NodeJS.Timeout }>;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

export class JobPool {
  readonly threads: number;
  readonly perWorker: number;
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
    this.perWorker = Math.max(1, o.perWorker ?? 2);
    this.queueLimit = Math.max(0, o.queue ?? this.threads * 4);
    this.timeoutMs = o.timeoutMs ?? 60_000;
    this.memoryMb = o.memoryMb ?? 768;
    for (let i = 0; i < this.threads; i++) this.spawn(i);
  }

  /** Jobs running and waiting. */
  get load(): { running: number; waiting: number } {
    return { running: this.slots.reduce((n, s) => n + s.running.size, 0), waiting: this.waiting.length };
  }

  /**
   * Runs one job in a worker. `transfer` moves buffers instead of copying them (the caller must
   * not use them afterwards). Errors thrown by the handler come back as InputRejected (with its
   * status) or UserError when they were one, else as a plain Error with the handler's message.
   */
  run<R>(job: unknown, transfer: ArrayBuffer[] = []): Promise<R> {
    if (this.closed) return Promise.reject(new JobFailed('服务器正在关闭'));
    // Room for the jobs the workers run (running, or about to when a worker is ready) plus the queue.
    if (this.load.running + this.waiting.length >= this.threads * this.perWorker + this.queueLimit) {
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
    // The least busy ready worker first.
    for (;;) {
      if (!this.waiting.length) return;
      const slot = this.slots.filter((s) => s.ready && s.running.size < this.perWorker).sort((a, b) => a.running.size - b.running.size)[0];
      if (!slot) return;
      const p = this.waiting.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(() => this.fail(slot, new JobFailed(`处理时间超过 ${Math.round(this.timeoutMs / 1000)} 秒，已中止（文件过于复杂）`), id), this.timeoutMs);
      slot.running.set(id, { ...p, timer });
      slot.worker.postMessage({ id, job: p.job }, p.transfer);
    }
  }

  /**
   * Ends the slot's jobs and replaces its worker: job `culprit` (past its time) with `e`, the others
   * it ran beside with a message that says they may be tried again; without a culprit (the worker
   * died) all with `e`.
   */
  private fail(slot: Slot, e: Error, culprit?: number): void {
    for (const [id, r] of slot.running) {
      clearTimeout(r.timer);
      r.reject(culprit === undefined || id === culprit ? e : new JobFailed('与之同时处理的另一个文件超时，本次检查已中止，请重试'));
    }
    slot.running.clear();
    const index = this.slots.indexOf(slot);
    this.slots[index] = { worker: slot.worker, ready: false, running: new Map() }; // out of service until replaced
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
    const slot: Slot = { worker, ready: false, running: new Map() };
    this.slots[index] = slot;
    worker.on('message', (m: { ready?: true; id?: number; result?: unknown; error?: { name: string; message: string; status?: number } }) => {
      if (m.ready) {
        slot.ready = true;
        this.pump();
        return;
      }
      const r = slot.running.get(m.id!);
      if (!r) return;
      clearTimeout(r.timer);
      slot.running.delete(m.id!);
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
