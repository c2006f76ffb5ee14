// Worker of scripts/fuzz.ts: runs one campaign and reports every case before running it, so the
// parent can name the input when the worker hangs or runs out of memory.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { loadTargets } = await import('./targets.ts');
const { runCampaign } = await import('./campaign.ts');
const target = (await loadTargets()).find((t) => t.name === workerData.target);
const stats = await runCampaign(target, {
  seed: workerData.seed,
  timeMs: workerData.timeMs,
  onCase: (seedIndex, mutation) => parentPort.postMessage({ case: { seedIndex, mutation } }),
});
if (stats.failure) stats.failure.bytes = Buffer.from(stats.failure.bytes).toString('base64');
parentPort.postMessage({ stats });
