// Handler for worker-pool tests: doubles numbers, throws on negatives, kills its thread on 999.
import { threadId } from 'node:worker_threads';

export function handle(n: number): { doubled: number; thread: number } {
  if (n === 999) process.exit(3);
  if (n < 0) throw new Error(`negative input ${n}`);
  return { doubled: n * 2, thread: threadId };
}
