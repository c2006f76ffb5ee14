/**
 * CPU time of the text reader per corpus document, one thread:
 *   npx tsx scripts/bench-read-text.ts [reps=50]
 * First, cold: the process CPU of the first 1,000 reads in this fresh process (the five documents
 * cycled, as a batch worker reads them), JIT compilation threads and GC included: in the batch
 * pool each worker reads ~1,000 documents of the bench, so most of its time is this warm-up.
 * Then, warm: the median per document with nothing remembered between documents (the NFKC memo
 * is cleared before each read), and the mix mean. Profile with
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
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const COLD = 1000;
const cold = cpu();
for (let i = 0; i < COLD; i++) readTextDisclosure(texts[i % texts.length]![1], { file: texts[i % texts.length]![0] });
console.log(`cold: first ${COLD} reads ${((cpu() - cold) / COLD).toFixed(2)} ms CPU/doc (process, JIT and GC threads included)`);

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
