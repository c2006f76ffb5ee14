/**
 * CPU time of the text reader per corpus document, one thread, nothing remembered between
 * documents (the NFKC memo is cleared before each read):
 *   npx tsx scripts/bench-read-text.ts [reps=50]
 * Prints the median per document and the mix mean. Profile with
 *   node --cpu-prof --import tsx scripts/bench-read-text.ts 20
 */
import { readFileSync } from 'node:fs';
import { clearNormCaches } from '../src/read/text/normalize.ts';
import { readTextDisclosure } from '../src/read/text/read-text.ts';

const FILES = [
  '01_shanghai-putuo-sifaju-2026-dept-budget.txt',
  '02_shanghai-putuo-sifaju-2026-unit-budget.txt',
  '03_shanghai-putuo-caizhengju-2024-final-account.txt',
  '06_jiangsu-jianchayuan-2019-dept-budget.txt',
  'yingkou-business-env-center-2024-budget.txt',
];
const texts = FILES.map((f) => [f, readFileSync(new URL(`../fixtures/corpus/${f}`, import.meta.url), 'utf8')] as const);
const reps = Number(process.argv[2] ?? 50);
const read = (t: string, f: string) => {
  clearNormCaches();
  readTextDisclosure(t, { file: f });
};
for (let i = 0; i < 5; i++) for (const [f, t] of texts) read(t, f);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const times = new Map<string, number[]>();
for (let i = 0; i < reps; i++) {
  for (const [f, t] of texts) {
    const c = cpu();
    read(t, f);
    times.set(f, [...(times.get(f) ?? []), cpu() - c]);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let sum = 0;
for (const [f] of texts) {
  const m = median(times.get(f)!);
  sum += m;
  console.log(`${f.padEnd(54)} ${m.toFixed(2).padStart(6)} ms CPU (median of ${reps})`);
}
const mean = sum / texts.length;
console.log(`mix: ${mean.toFixed(2)} ms/doc → ${(1000 / mean).toFixed(0)} documents/s per thread`);
