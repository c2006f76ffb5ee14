/**
 * Warm PDF render time: `node --import tsx scripts/bench-pdf.ts [renders=20]`.
 * Prints the mean ms per render of the Yingkou package and of random budgets (seeds 1..n), one process.
 * Yingkou is the same document n times, so every glyph it needs is cached after the first render;
 * the random-budget figure is the batch-like one.
 */
import { renderPdf } from '../src/render/pdf.ts';
import { disclosureOfBudget, yingkouDisclosure } from '../src/roundtrip/yingkou.ts';
import { randomBudget } from '../src/synth/random-budget.ts';

const n = Number(process.argv[2] ?? 20);
const yingkou = yingkouDisclosure();
const randoms = Array.from({ length: n }, (_, i) => disclosureOfBudget(randomBudget(i + 1)));

let t = performance.now();
const first = await renderPdf(yingkou);
const cold = performance.now() - t;

/** Wall ms and CPU ms (user + system, this process) per render; CPU time is the fairer figure on a loaded machine. */
async function mean(list: Parameters<typeof renderPdf>[0][]): Promise<{ ms: number; cpu: number; kb: number }> {
  let bytes = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const d of list) bytes += (await renderPdf(d)).length;
  const c = process.cpuUsage(c0);
  return { ms: (performance.now() - t0) / list.length, cpu: (c.user + c.system) / 1000 / list.length, kb: bytes / list.length / 1024 };
}

const y = await mean(Array.from({ length: n }, () => yingkou));
const r = await mean(randoms);
console.log(`first render (cold): ${cold.toFixed(0)} ms, ${(first.length / 1024).toFixed(0)} KB`);
console.log(`Yingkou warm: ${y.ms.toFixed(1)} ms/render wall, ${y.cpu.toFixed(1)} ms CPU (${y.kb.toFixed(0)} KB), n=${n}`);
console.log(`random budgets warm: ${r.ms.toFixed(1)} ms/render wall, ${r.cpu.toFixed(1)} ms CPU (${r.kb.toFixed(0)} KB), n=${n}`);
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
