// Entry of the portal's job workers (job-pool.ts). Workers do not inherit the tsx loader the main
// thread may run under (Node 20), so for a TypeScript handler (running from src/) it is registered
// here first; a compiled handler (dist/) is imported directly. The handler exports `handle(job)`;
// each message is { id, job } and each reply { id, result } or { id, error: { name, message, status } }.
import { parentPort, workerData } from 'node:worker_threads';

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
