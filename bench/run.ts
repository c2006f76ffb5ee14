/**
 * `npm run bench` — measures in one run: build + check of synthetic units against the floor (read
 * + write the same JSON, no work), reading text disclosures, XLSX and PDF rendering, portal page
 * latency under 100 concurrent connections, and peak memory (RSS) of each, plus memory at
 * 1,000 / 10,000 / 100,000 units to show it is flat, and the command line on the real published
 * PDFs of fixtures/real/ (start-up, `check --batch`, a single `check`, each as a user runs it). Each measurement runs in its own child
 * process (bench/phase.ts), so peak RSS is that measurement's alone.
 *
 *   npm run bench                 full run; rewrites the generated section of BENCHMARKS.md
 *   npm run bench -- --json       also prints the figures as JSON on stdout
 *   npm run bench -- --quick      tiny sizes (for tests); does not touch BENCHMARKS.md unless --write
 *   npm run bench -- --no-100k    skip the 100,000-unit memory run
 *   npm run bench -- --floor-100k run the 100,000-unit memory run with the floor's task (read +
 *                                 write) instead of build + check (~3 min less)
 *   npm run bench -- --only cli   only the command line on the real PDFs (start-up, check
 *                                 --batch, single checks); a partial run leaves BENCHMARKS.md alone
 *   npm run bench -- --only build [--units N] [--inputs <synth folder>]
 *                                 only the floor and build + check (the throughput figure);
 *                                 --inputs reuses a folder written by `gongkai synth` instead of
 *                                 synthesising; a partial run leaves BENCHMARKS.md alone
 *   npm run bench -- --only portal  only the disclosure page under load (200 synthetic units built
 *                                 and published first)
 *   npm run bench -- --only export  only the oversight export (1,000 and 20,000 units)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { availableParallelism, cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMarkdown, renderTable, type BenchResults, type Measured } from './report.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const args = new Set(argv);
/** The value after a `--name value` option. */
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
};
const quick = args.has('--quick');
const json = args.has('--json');
const only = option('--only');
const PARTS = ['build', 'cli', 'check-upload', 'export', 'portal'];
if (only !== undefined && !PARTS.includes(only))
  throw new Error(
    `--only ${only}: the partial runs are "build" (floor and build + check), "cli" (the command line on the real PDFs), "check-upload" (the portal checking a real PDF under load), "export" (the oversight export at 1,000 and 20,000 units) and "portal" (the disclosure page under load, on 200 built units)`,
  );
const givenInputs = option('--inputs');
const unitsOption = option('--units');
const write = args.has('--write') || (!quick && !only);

const SIZES = quick
  ? { units: 40, export: [5, 15], memory: [20, 40], read: 10, xlsx: 4, pdf: 2, portalSeconds: 2, portalConnections: 20, realPdfs: 2 as number | 'all' }
  : {
      units: 10_000,
      export: [1_000, 20_000],
      memory: args.has('--no-100k') ? [1_000, 10_000] : [1_000, 10_000, 100_000],
      read: 2_000,
      xlsx: 300,
      pdf: 60,
      portalSeconds: 10,
      portalConnections: 100,
      realPdfs: 'all' as number | 'all',
    };
if (unitsOption !== undefined) {
  const n = Number(unitsOption);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--units ${unitsOption}: expected a positive whole number`);
  SIZES.units = n;
}

/** Runs one phase in a child process; its last stdout line is the JSON result. */
function phase(name: string, params: Record<string, unknown>): Promise<Measured<Record<string, unknown>>> {
  return new Promise((res) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/phase.ts'), name, JSON.stringify(params)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        res(JSON.parse(last) as Measured<Record<string, unknown>>);
      } catch {
        const why = (err.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`).slice(0, 200);
        res({ notMeasured: `phase ${name} failed: ${why}` });
      }
    });
  });
}

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
/** Ends a partial run (--only) after its phases; the table is still printed. */
class StopAfter extends Error {}
const work = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
const seed = 2024;
const results: BenchResults = {
  date: new Date().toISOString().slice(0, 10),
  mode: quick ? 'quick' : 'full',
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  },
  sizes: SIZES,
  synth: { notMeasured: 'not run' },
  floor: { notMeasured: 'not run' },
  build: { notMeasured: 'not run' },
  read: { notMeasured: 'not run' },
  xlsx: { notMeasured: 'not run' },
  pdf: { notMeasured: 'not run' },
  portal: { notMeasured: 'not run' },
  checkUpload: { notMeasured: 'not run' },
  cliCheck: { notMeasured: 'not run' },
  exports: [],
  memory: [],
};

/**
 * The real published PDFs (fixtures/real/*.pdf) but the image-only 22_*narrative.pdf (no text
 * layer; the CLI refuses it with exit 2). --quick takes the two smallest.
 */
function realPdfs(): string[] {
  const dir = join(ROOT, 'fixtures/real');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.pdf') && !/^22_.*narrative\.pdf$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (SIZES.realPdfs === 'all' || SIZES.realPdfs >= all.length) return all;
  return [...all]
    .sort((a, b) => statSync(a).size - statSync(b).size)
    .slice(0, SIZES.realPdfs)
    .sort();
}
const SINGLE_PDF = join(ROOT, 'fixtures/real/05_shanghai-city-tongjiyanjiuyuan-2026-unit-budget.pdf');

async function measureCli() {
  const pdfs = realPdfs();
  log(`command line on ${pdfs.length} real PDFs: start-up, check --batch on 2 threads, single checks`);
  results.cliCheck = await phase('cli-check', {
    files: pdfs,
    single: quick ? pdfs[0] : SINGLE_PDF,
    singleRuns: quick ? 1 : 5,
    helpRuns: quick ? 1 : 5,
    threads: 2,
    everySingle: !quick,
  });
}

/** The portal checking a real published PDF (04_*, 182 KB) at 10 and 100 connections, the page read meanwhile. */
async function measureCheckUpload() {
  const connections = quick ? [2] : [10, 100];
  log(`portal check uploads: ${connections.join(' and ')} connections, ${SIZES.portalSeconds} s each`);
  results.checkUpload = await phase('check-upload', {
    pdf: join(ROOT, 'fixtures/real/04_shanghai-city-shenjiju-2026-unit-budget.pdf'),
    connections,
    seconds: SIZES.portalSeconds,
    pageConnections: quick ? 2 : 10,
  });
}

/** Units published into the portal before its page is loaded. */
const PORTAL_UNITS = 200;

/** The disclosure page under load (bench/portal.ts), with units built into `buildOut` published first. */
async function measurePortal(buildOut: string) {
  log(`portal: ${SIZES.portalConnections} connections for ${SIZES.portalSeconds} s after a warm-up`);
  results.portal = await phase('portal', {
    from: buildOut,
    units: Math.min(SIZES.units, PORTAL_UNITS),
    connections: SIZES.portalConnections,
    seconds: SIZES.portalSeconds,
    dataDir: join(work, 'portal'),
  });
}

/**
 * The oversight export of N published synthetic units (bench/export.ts, `--only export`): the units
 * are published in one process, the export measured in another (its peak RSS, /health meanwhile).
 */
async function measureExport() {
  for (const n of SIZES.export) {
    const dataDir = join(work, `export-${n}`);
    log(`oversight export: publish ${n} synthetic units`);
    const setup = await phase('export-setup', { units: n, dataDir });
    if ('notMeasured' in setup) {
      results.exports!.push({ units: n, notMeasured: setup.notMeasured as string });
      continue;
    }
    log(`oversight export: export ${n} units, /health polled meanwhile`);
    const r = await phase('export', { dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    results.exports!.push({ ...r, units: n } as NonNullable<BenchResults['exports']>[number]);
  }
}

try {
  if (only === 'export') {
    await measureExport();
    throw new StopAfter();
  }
  if (only === 'cli') {
    await measureCli();
    throw new StopAfter();
  }
  if (only === 'check-upload') {
    await measureCheckUpload();
    throw new StopAfter();
  }
  if (only === 'portal') {
    const synthDir = join(work, 'synth');
    log(`synth and build ${PORTAL_UNITS} units`);
    await phase('synth', { units: PORTAL_UNITS, seed, out: synthDir });
    await phase('build', { inputs: [join(synthDir, 'units')], out: join(work, 'build') });
    await measurePortal(join(work, 'build'));
    throw new StopAfter();
  }
  const synthDir = givenInputs ? resolve(givenInputs) : join(work, 'synth');
  if (givenInputs) {
    if (!existsSync(join(synthDir, 'units'))) throw new Error(`--inputs ${givenInputs}: no units/ folder (write one with gongkai synth)`);
    results.synth = { notMeasured: `inputs taken from ${givenInputs}` };
  } else {
    log(`synth ${SIZES.units} units`);
    results.synth = await phase('synth', { units: SIZES.units, seed, out: synthDir });
  }
  const unitsDir = join(synthDir, 'units');
  // With --inputs and --units, both runs take the first N units of the folder (cycled if it holds fewer).
  const limit = givenInputs && unitsOption !== undefined ? SIZES.units : undefined;
  log('floor (read + write the same JSON)');
  results.floor = await phase('floor', { inputs: [unitsDir], out: join(work, 'floor'), repeatTo: limit });
  rmSync(join(work, 'floor'), { recursive: true, force: true });
  log(`build + check ${SIZES.units} units`);
  const buildOut = join(work, 'build');
  results.build = await phase('build', { inputs: [unitsDir], out: buildOut, repeatTo: limit });
  if ('notMeasured' in results.build === false && 'unitsPerSecond' in results.floor) {
    const b = results.build as Record<string, number>;
    b.ratioToFloor = (results.floor as Record<string, number>).unitsPerSecond! / b.unitsPerSecond!;
  }
  if (only === 'build') throw new StopAfter();
  log(`read ${SIZES.read} text documents`);
  results.read = await phase('read', { documents: SIZES.read });
  await measureCli();
  log(`render xlsx × ${SIZES.xlsx}, pdf × ${SIZES.pdf}`);
  results.xlsx = await phase('render', { format: 'xlsx', units: SIZES.xlsx, from: buildOut, out: join(work, 'xlsx') });
  results.pdf = await phase('render', { format: 'pdf', units: SIZES.pdf, from: buildOut, out: join(work, 'pdf') });
  await measurePortal(buildOut);
  await measureCheckUpload();
  rmSync(buildOut, { recursive: true, force: true });
  await measureExport();
  for (const n of SIZES.memory) {
    if (n === SIZES.units && 'peakRssMiB' in results.build) {
      results.memory.push({
        units: n,
        peakRssMiB: (results.build as Record<string, number>).peakRssMiB!,
        unitsPerSecond: (results.build as Record<string, number>).unitsPerSecond!,
        inputs: 'distinct synthetic units',
      });
      continue;
    }
    // Above the synthesised size the same files are fed repeatedly (disk, not memory, is the limit).
    // --floor-100k runs the 100,000 figure with the floor's task (the same pool and streaming,
    // read + write only), for a shorter run.
    const pipeline = n > SIZES.units * 5 && args.has('--floor-100k') ? 'floor' : 'build';
    log(`memory: ${pipeline === 'build' ? 'build + check' : 'floor pipeline'} ${n} units`);
    const r = await phase(pipeline, { inputs: [unitsDir], repeatTo: n, out: join(work, `mem-${n}`) });
    rmSync(join(work, `mem-${n}`), { recursive: true, force: true });
    const inputs = `${n > SIZES.units ? `${SIZES.units} synthetic units fed ${Math.ceil(n / SIZES.units)} times` : 'distinct synthetic units'}${pipeline === 'floor' ? '; floor task (read + write) through the batch pool' : ''}`;
    results.memory.push('notMeasured' in r ? { units: n, notMeasured: r.notMeasured as string } : { units: n, peakRssMiB: r.peakRssMiB as number, unitsPerSecond: r.unitsPerSecond as number, inputs });
  }
} catch (e) {
  if (!(e instanceof StopAfter)) throw e;
} finally {
  rmSync(work, { recursive: true, force: true });
}

process.stderr.write(renderTable(results) + '\n');
if (json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
if (write) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const BEGIN = '<!-- bench:begin (generated by npm run bench; do not edit by hand) -->';
  const END = '<!-- bench:end -->';
  const generated = `${BEGIN}\n${renderMarkdown(results)}\n${END}`;
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const i = old.indexOf(BEGIN);
  const j = old.indexOf(END);
  const next = i >= 0 && j > i ? old.slice(0, i) + generated + old.slice(j + END.length) : `# Benchmarks\n\n${generated}\n${old ? `\n${old}` : ''}`;
  writeFileSync(file, next);
  log('wrote BENCHMARKS.md');
}
