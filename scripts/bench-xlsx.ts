/**
 * Warm XLSX render time: `node --import tsx scripts/bench-xlsx.ts [units=50]`.
 * Random budgets (seeds 1..n) → parseBudget → buildDisclosure → renderXlsx, one process; the
 * disclosures are built before timing, so only rendering is measured. Prints wall and CPU ms per
 * unit (CPU time is the fairer figure on a loaded machine) and the mean workbook size.
 */
import { parseBudget } from '../src/core/budget-validate.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../src/core/template.ts';
import { buildDisclosure } from '../src/generate/build-disclosure.ts';
import { renderXlsx } from '../src/render/xlsx.ts';
import { randomBudget } from '../src/synth/random-budget.ts';

const n = Number(process.argv[2] ?? 50);
const template = loadTemplate(DEFAULT_TEMPLATE);
const units = Array.from({ length: n }, (_, i) => buildDisclosure(parseBudget(randomBudget(i + 1)).budget, { template }).disclosure);
const sheets = units.reduce((a, d) => a + d.tables.length, 0) / n;

for (const d of units.slice(0, 5)) await renderXlsx(d); // warm-up

let bytes = 0;
const t0 = performance.now();
const c0 = process.cpuUsage();
for (const d of units) bytes += (await renderXlsx(d)).length;
const c = process.cpuUsage(c0);
const wall = (performance.now() - t0) / n;
const cpu = (c.user + c.system) / 1000 / n;
console.log(`xlsx warm: ${wall.toFixed(1)} ms/unit wall, ${cpu.toFixed(1)} ms/unit CPU, ${(bytes / n / 1024).toFixed(0)} KB, ${sheets.toFixed(1)} tables/unit, n=${n}`);
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
