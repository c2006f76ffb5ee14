/**
 * PDF read time: `node --import tsx scripts/bench-read-pdf.ts [reads=5]`.
 * Renders the Yingkou package once (renderPdf), writes it to a temp file, then reads it `reads`
 * times with the PDF reader in one process (after one untimed read that loads pdfjs) and prints the
 * mean wall and CPU ms per read; CPU time is the fairer figure on a loaded machine.
 * Add `--out <file>` to keep the PDF; profile with `node --cpu-prof --import tsx …`.
 */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBudget } from '../src/core/budget-validate.ts';
import { DEFAULT_TEMPLATE, loadTemplate } from '../src/core/template.ts';
import { buildDisclosure } from '../src/generate/build-disclosure.ts';
import { readPdf } from '../src/read/pdf/read-pdf.ts';
import { renderPdf } from '../src/render/pdf.ts';
import { YINGKOU_BUDGET } from '../src/roundtrip/yingkou.ts';

const args = process.argv.slice(2);
const oi = args.indexOf('--out');
const out = oi >= 0 ? args[oi + 1]! : join(mkdtempSync(join(tmpdir(), 'gongkai-bench-read-')), 'yingkou.pdf');
const n = Number(args.filter((_, i) => oi < 0 || (i !== oi && i !== oi + 1))[0] ?? 5);

const { budget } = parseBudget(JSON.parse(readFileSync(YINGKOU_BUDGET, 'utf8')));
const { disclosure } = buildDisclosure(budget, { template: loadTemplate(DEFAULT_TEMPLATE) });
writeFileSync(out, await renderPdf(disclosure));
const bytes = new Uint8Array(readFileSync(out));

let tables = (await readPdf(bytes, out)).disclosure.tables.length;
const t0 = performance.now();
const c0 = process.cpuUsage();
const times: number[] = [];
for (let i = 0; i < n; i++) {
  const t = performance.now();
  tables = (await readPdf(bytes, out)).disclosure.tables.length;
  times.push(performance.now() - t);
}
const c = process.cpuUsage(c0);
console.log(`${out}: ${(bytes.length / 1024).toFixed(0)} KB, ${tables} tables`);
console.log(`read: ${((performance.now() - t0) / n).toFixed(0)} ms/read wall, ${((c.user + c.system) / 1000 / n).toFixed(0)} ms CPU, n=${n} (each: ${times.map((x) => x.toFixed(0)).join(' ')})`);
