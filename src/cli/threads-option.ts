import { InvalidArgumentError } from 'commander';

/** `--threads <n>` of the batch commands: a whole number ≥ 1. */
export function parseThreads(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('应为不小于 1 的整数');
  return n;
}
