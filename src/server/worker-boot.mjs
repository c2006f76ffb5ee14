// Entry of the portal's job workers (job-pool.ts). Workers do not inherit the tsx loader the main
// thread may run under (Node 20), so for a TypeScript handler (running from src/) it is registered
// here first; a compiled handler (dist/) is imported directly. The handler exports `handle(job)`;
// each message is { id, job } and each reply { id, result } or { id, error: { name, message, status } }.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

// Below the thread that answers pages: on Linux a thread has its own nice value, and this thread's
// id is the last part of /proc/thread-self. Elsewhere the worker keeps the process's priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // not Linux, or not allowed
}

if (/\.[cm]?tsx?$/.test(new URL(workerData.entry).pathname)) (await import('tsx/esm/api')).register();
const mod = await import(workerData.entry);
parentPort.on('message', async ({ id, job }) => {
  try {
    parentPort.postMessage({ id, result: await mod.handle(job) });
  } catch (e) {
    const error = e instanceof Error ? { name: e.name, message: e.message, status: e.status } : { name: 'Error', message: String(e) };
    parentPort.postMessage({ id, error });
  }
});
parentPort.postMessage({ ready: true });
