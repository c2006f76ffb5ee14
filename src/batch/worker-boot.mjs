// Entry of every batch worker thread. Workers do not inherit the tsx loader that the main thread
// may have been started with (`--import tsx` in execArgv is not applied to workers on Node 20),
// so the loader is registered here before the TypeScript handler module is imported.
// The handler module exports `handle(task)`; each message is { id, task } and each reply
// { id, result } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const mod = await import(workerData.entry);
parentPort.on('message', async ({ id, task }) => {
  try {
    parentPort.postMessage({ id, result: await mod.handle(task) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
