// Entry of every batch worker thread. Workers do not inherit the tsx loader that the main thread
// may have been started with (`--import tsx` in execArgv is not applied to workers on Node 20),
// so for a TypeScript handler (running from src/) the loader is registered here before the
// handler module is imported; a compiled handler (running from dist/, see scripts/build.mjs) is
// imported directly, without loading tsx.
// The handler module exports `handle(task)`; each message is { id, task } and each reply
// { id, result } or { id, error }.
import { parentPort, workerData } from 'node:worker_threads';

if (/\.[cm]?tsx?$/.test(new URL(workerData.entry).pathname)) (await import('tsx/esm/api')).register();
const mod = await import(workerData.entry);
parentPort.on('message', async ({ id, task }) => {
  try {
    parentPort.postMessage({ id, result: await mod.handle(task) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
