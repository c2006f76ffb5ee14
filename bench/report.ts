/** The benchmark's figures, its targets, and how they are printed (terminal table, BENCHMARKS.md). */

export type Measured<T> = T | { notMeasured: string };

export interface BenchResults {
  date: string;
  mode: 'full' | 'quick';
  machine: { cores: number; cpu: string; memoryGiB: number; node: string; platform: string };
  sizes: Record<string, unknown>;
  synth: Measured<Record<string, unknown>>;
  floor: Measured<Record<string, unknown>>;
  build: Measured<Record<string, unknown>>;
  read: Measured<Record<string, unknown>>;
  xlsx: Measured<Record<string, unknown>>;
  pdf: Measured<Record<string, unknown>>;
  portal: Measured<Record<string, unknown>>;
  /** The portal checking a real PDF under load (bench/check-upload.ts); absent in older results. */
  checkUpload?: Measured<Record<string, unknown>>;
  /** The command line on the real PDFs of fixtures/real/ (bench/cli-check.ts). */
  cliCheck: Measured<Record<string, unknown>>;
  memory: ({ units: number } & Measured<{ peakRssMiB: number; unitsPerSecond: number; inputs: string }>)[];
  /** The oversight export of N published units (bench/export.ts); absent in older results. */
  exports?: ({ units: number } & Measured<{ peakRssMiB: number; unitsPerSecond: number; megabytes: number; healthMaxMs: number; healthP50Ms: number; healthChecks: number }>)[];
}

interface Row {
  what: string;
  figure: string;
  target: string;
  met: '' | 'yes' | 'no';
  peak: string;
}

const num = (v: unknown, digits = 0) => (typeof v === 'number' && Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '—');
const isMeasured = (m: Measured<Record<string, unknown>>): m is Record<string, unknown> => !('notMeasured' in m);
const peakOf = (m: Record<string, unknown>) => `${num(m.peakRssMiB)} MiB`;
const met = (ok: boolean): 'yes' | 'no' => (ok ? 'yes' : 'no');

export function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  const add = (what: string, m: Measured<Record<string, unknown>>, f: (m: Record<string, unknown>) => Omit<Row, 'what' | 'peak'>) => {
    if (!isMeasured(m)) out.push({ what, figure: `not measured: ${(m as { notMeasured: string }).notMeasured}`, target: '', met: '', peak: '' });
    else out.push({ what, ...f(m), peak: peakOf(m) });
  };
  add(`synth ${num(r.sizes.units)} units (input generation)`, r.synth, (m) => ({ figure: `${num(m.unitsPerSecond)} units/s (+${num(m.departments)} department budgets)`, target: '', met: '' }));
  const cpuNote = (m: Record<string, unknown>) => (typeof m.cpuMsPerUnit === 'number' ? `, ${num(m.cpuMsPerUnit, 1)} ms CPU/unit` : '');
  add('floor: read + parse + serialise + write the same JSON', r.floor, (m) => ({ figure: `${num(m.unitsPerSecond)} units/s${cpuNote(m)}`, target: '', met: '' }));
  add(`build + check ${num(r.sizes.units)} units (--format json)`, r.build, (m) => ({
    figure: `${num(m.unitsPerSecond)} units/s, ${num(m.ratioToFloor, 2)}× the floor${cpuNote(m)}; ${num(m.errors)} errors, ${num(m.warnings)} warnings, ${num(m.failed)} skipped`,
    target: '≥ 2,000 units/s and ≤ 3× floor',
    met: met((m.unitsPerSecond as number) >= 2000 && (m.ratioToFloor as number) <= 3),
  }));
  add('read text disclosures (corpus, repeated)', r.read, (m) => ({
    figure: `${num(m.documentsPerSecond)} documents/s, ${num(m.mbPerSecond, 1)} MB/s${typeof m.cpuMsPerDocument === 'number' ? `, ${num(m.cpuMsPerDocument, 2)} ms CPU/document` : ''} (${num(m.documents)} documents)`,
    target: '≥ 500 documents/s',
    met: met((m.documentsPerSecond as number) >= 500),
  }));
  add('XLSX rendering in batch', r.xlsx, (m) => ({ figure: `${num(m.msPerUnit, 1)} ms/unit (${num(m.units)} units)`, target: '≤ 30 ms/unit', met: met((m.msPerUnit as number) <= 30) }));
  add('PDF rendering in batch', r.pdf, (m) => ({ figure: `${num(m.msPerUnit, 1)} ms/unit (${num(m.units)} units)`, target: '≤ 200 ms/unit', met: met((m.msPerUnit as number) <= 200) }));
  add(`portal disclosure page, ${num(r.sizes.portalConnections)} connections`, r.portal, (m) => ({
    figure: `p50 ${num(m.p50Ms, 1)} ms, p99 ${num(m.p99Ms, 1)} ms, ${num(m.requestsPerSecond)} requests/s${typeof m.serverCpuMsPerRequest === 'number' ? `, ${num(m.serverCpuMsPerRequest, 3)} ms server CPU/request` : ''}${m.non2xx ? `, ${num(m.non2xx)} non-2xx` : ''}${m.errors ? `, ${num(m.errors)} errors` : ''} (${m.tool ?? 'autocannon'})${typeof m.coldP99Ms === 'number' ? `; after ${num(m.warmupSeconds as number)} s of warm-up, whose p99 was ${num(m.coldP99Ms, 1)} ms` : ''}`,
    target: 'p99 ≤ 50 ms',
    met: met((m.p99Ms as number) <= 50 && !m.non2xx && !m.errors),
  }));
  if (r.checkUpload && isMeasured(r.checkUpload))
    for (const run of (r.checkUpload as { runs: Record<string, unknown>[] }).runs) {
      const page = run.page as Record<string, number>;
      out.push({
        what: `portal check uploads (${String((r.checkUpload as Record<string, unknown>).pdf)}), ${num(run.connections)} connections; page read meanwhile at ${num(page.connections)}`,
        figure: `${num(run.checksPerSecond, 1)} checks/s, p99 ${num(run.p99Ms)} ms${run.non2xx ? `, ${num(run.non2xx)} refused (503 queue full / non-2xx)` : ''}${run.errors ? `, ${num(run.errors)} errors` : ''}; page p99 ${num(page.p99Ms, 1)} ms`,
        target: 'page p99 ≤ 50 ms',
        met: met(page.p99Ms! <= 50),
        peak: typeof (r.checkUpload as Record<string, unknown>).peakRssMiB === 'number' ? `${num((r.checkUpload as Record<string, number>).peakRssMiB)} MiB` : '',
      });
    }
  else if (r.checkUpload) out.push({ what: 'portal check uploads', figure: `not measured: ${(r.checkUpload as { notMeasured: string }).notMeasured}`, target: '', met: '', peak: '' });
  const entry = (m: Record<string, unknown>) => (m.entry === 'dist' ? 'compiled dist/' : 'sources through tsx: dist/ missing or stale');
  if (!isMeasured(r.cliCheck)) out.push({ what: 'command line on the real PDFs', figure: `not measured: ${(r.cliCheck as { notMeasured: string }).notMeasured}`, target: '', met: '', peak: '' });
  else {
    const m = r.cliCheck as Record<string, unknown>;
    out.push({
      what: 'command line start-up (`gongkai --help`)',
      figure: `${num(m.helpSeconds, 2)} s, ${num(m.helpCpuSeconds, 2)} s CPU (${entry(m)})`,
      target: '≤ 0.3 s',
      met: met((m.helpSeconds as number) <= 0.3),
      peak: `${num(m.helpRssMiB)} MiB`,
    });
    out.push({
      what: `check real PDFs in batch (\`check --batch\`, ${num(m.documents)} documents, ${num(m.threads)} threads)`,
      figure: `${num(m.batchSecondsPerDocument, 3)} s/document, ${num(m.batchCpuSecondsPerDocument, 3)} s CPU/document (${num(m.batchSeconds, 1)} s wall with start-up; ${num(m.batchErrors)} errors, ${num(m.batchWarnings)} warnings, ${num(m.batchSkipped)} skipped)`,
      target: '≤ 0.2 s/document',
      met: met((m.batchSecondsPerDocument as number) <= 0.2 && m.batchSkipped === 0),
      peak: `${num(m.batchPeakRssMiB)} MiB`,
    });
    const every = (m.eachDocuments as number) > 0;
    out.push({
      what: 'check one real PDF (`gongkai check <pdf>`, wall with start-up)',
      figure: `${num(m.singleSeconds, 2)} s, ${num(m.singleCpuSeconds, 2)} s CPU (${m.singleFile}, median of ${num(m.singleRuns)})${every ? `; each of the ${num(m.eachDocuments)} alone: median ${num(m.eachMedianSeconds, 2)} s, slowest ${num(m.eachSlowestSeconds, 2)} s, ${num(m.eachSlowestCpuSeconds, 2)} s CPU (${m.eachSlowestFile}), ${num((m.eachOverOneSecond as string[]).length)} over 1 s` : ''}`,
      target: every ? '≤ 1 s (every document)' : '≤ 1 s',
      met: met((m.singleSeconds as number) <= 1 && (m.eachSlowestSeconds as number) <= 1),
      peak: `${num(m.singleRssMiB)} MiB`,
    });
    out.push({
      what: 'memory: check one real PDF (peak RSS of the CLI process)',
      figure: `${num(m.peakRssMiB)} MiB, the largest of ${every ? `the ${num(m.eachDocuments)} single checks (${m.eachLargestRssFile})` : `${num(m.singleRuns)} run(s)`}`,
      target: '≤ 150 MiB',
      met: met((m.peakRssMiB as number) <= 150),
      peak: `${num(m.peakRssMiB)} MiB`,
    });
  }
  const exports = (r.exports ?? []).filter(
    (x): x is { units: number; peakRssMiB: number; unitsPerSecond: number; megabytes: number; healthMaxMs: number; healthP50Ms: number; healthChecks: number } => !('notMeasured' in x),
  );
  for (const x of r.exports ?? []) {
    if ('notMeasured' in x) out.push({ what: `oversight export, ${num(x.units)} units`, figure: `not measured: ${x.notMeasured}`, target: '', met: '', peak: '' });
    else
      out.push({
        what: `oversight export, ${num(x.units)} published units (streamed zip)`,
        figure: `${num(x.unitsPerSecond, 1)} units/s, ${num(x.megabytes)} MB; /health meanwhile p50 ${num(x.healthP50Ms, 1)} ms, slowest ${num(x.healthMaxMs)} ms (${num(x.healthChecks)} checks)`,
        target: '/health < 100 ms',
        met: met(x.healthMaxMs < 100),
        peak: `${num(x.peakRssMiB)} MiB`,
      });
  }
  if (exports.length >= 2) {
    const lo = exports[0]!;
    const hi = exports[exports.length - 1]!;
    const g = hi.peakRssMiB / lo.peakRssMiB;
    out.push({
      what: `memory growth, oversight export, ${num(lo.units)} → ${num(hi.units)} units`,
      figure: `${num(g, 2)}× peak RSS for ${num(hi.units / lo.units)}× the units`,
      target: '≤ 1.5×',
      met: met(g <= 1.5),
      peak: '',
    });
  }
  const mem = r.memory.filter((x): x is { units: number; peakRssMiB: number; unitsPerSecond: number; inputs: string } => !('notMeasured' in x));
  for (const x of r.memory) {
    if ('notMeasured' in x) out.push({ what: `memory: build + check ${num(x.units)} units`, figure: `not measured: ${x.notMeasured}`, target: '', met: '', peak: '' });
    else
      out.push({
        what: `memory: ${/floor task/.test(x.inputs) ? 'batch pool (floor task)' : 'build + check'} ${num(x.units)} units`,
        figure: `${num(x.unitsPerSecond)} units/s (${x.inputs})`,
        target: '',
        met: '',
        peak: `${num(x.peakRssMiB)} MiB`,
      });
  }
  const growth = (what: string, lo: { units: number; peakRssMiB: number }, hi: { units: number; peakRssMiB: number }) => {
    const g = hi.peakRssMiB / lo.peakRssMiB;
    out.push({
      what: `memory growth, ${what}, ${num(lo.units)} → ${num(hi.units)} units`,
      figure: `${num(g, 2)}× peak RSS for ${num(hi.units / lo.units)}× the units`,
      target: 'flat (≤ 1.5×)',
      met: met(g <= 1.5),
      peak: '',
    });
  };
  const build = mem.filter((x) => !/floor task/.test(x.inputs));
  if (build.length >= 2) growth('build + check', build[0]!, build[build.length - 1]!);
  const pool = mem.filter((x) => /floor task/.test(x.inputs));
  const floor = r.floor as Record<string, unknown>;
  if (pool.length && typeof floor.units === 'number') growth('batch pool (floor task)', { units: floor.units, peakRssMiB: floor.peakRssMiB as number }, pool[pool.length - 1]!);
  return out;
}

export function renderTable(r: BenchResults): string {
  const rs = rows(r);
  const head = ['measurement', 'figure', 'target', 'met', 'peak RSS'];
  const cells = [head, ...rs.map((x) => [x.what, x.figure, x.target, x.met, x.peak])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => [...c[i]!].length)));
  const line = (c: string[]) => c.map((v, i) => v + ' '.repeat(widths[i]! - [...v].length)).join(' | ');
  return [`gongkai bench (${r.mode}) ${r.date} — ${machineLine(r)}`, line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

const machineLine = (r: BenchResults) => `${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, ${r.machine.platform}`;

export function renderMarkdown(r: BenchResults): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `Measured ${r.date} (${r.mode} run) on ${machineLine(r)}.`,
    '',
    '| measurement | figure | target | met | peak RSS |',
    '|---|---|---|---|---|',
    ...rows(r).map((x) => `| ${esc(x.what)} | ${esc(x.figure)} | ${esc(x.target)} | ${x.met} | ${x.peak} |`),
  ].join('\n');
}
