/**
 * One benchmark measurement, run by bench/run.ts in its own process so that its peak RSS
 * (process.resourceUsage().maxRSS, worker threads included) is its own. Prints one JSON line.
 *   node --import tsx bench/phase.ts <synth|floor|build|read|render|portal|check-upload|cli-check|export-setup|export> '<json params>'
 */
import { DEFAULT_TEMPLATE } from '../src/core/template.ts';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listInputs } from '../src/batch/list-inputs.ts';
import { runPool } from '../src/batch/worker-pool.ts';
import { unitOutDir } from '../src/batch/batch-commands.ts';
import { portalPhase } from './portal.ts';
import { checkUploadPhase } from './check-upload.ts';
import { cliCheckPhase, type CliCheckParams } from './cli-check.ts';
import { exportPhase, exportSetupPhase } from './export.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [name, raw] = process.argv.slice(2);
const p = JSON.parse(raw ?? '{}') as Record<string, any>;
const peakRssMiB = () => process.resourceUsage().maxRSS / 1024;

/** Which modules a phase needs; a missing one makes the phase "not measured", not a failure. */
function missing(...paths: string[]): string | undefined {
  const gone = paths.filter((x) => !existsSync(join(ROOT, x)));
  return gone.length ? `${gone.join(', ')} not in the repository yet` : undefined;
}

/** Inputs repeated (cycled) up to `n` tasks: for memory runs larger than the synthesised set. */
async function* cycle<T>(make: () => AsyncIterable<T>, n: number | undefined): AsyncGenerator<T & { round: number }> {
  let k = 0;
  for (let round = 0; n === undefined ? round < 1 : k < n; round++) {
    let any = false;
    for await (const x of make()) {
      if (n !== undefined && k >= n) return;
      any = true;
      k++;
      yield { ...x, round };
    }
    if (!any) return;
  }
}

async function main(): Promise<Record<string, unknown>> {
  switch (name) {
    case 'export-setup':
      return exportSetupPhase(p as { units: number; dataDir: string });
    case 'export':
      return exportPhase(p as { dataDir: string });
    case 'synth': {
      const { writeSynth } = await import('../src/synth/write-synth.ts');
      const t = performance.now();
      const r = await writeSynth({ units: p.units, seed: p.seed, outDir: p.out });
      const s = (performance.now() - t) / 1000;
      return { units: r.units, departments: r.departments, megabytes: r.bytes / 1e6, seconds: s, unitsPerSecond: r.units / s, peakRssMiB: peakRssMiB() };
    }
    case 'floor':
    case 'build': {
      const why = name === 'build' ? missing('src/generate/build-disclosure.ts', 'src/rules/index.ts') : undefined;
      if (why) return { notMeasured: why };
      const handler = new URL(name === 'floor' ? '../src/batch/copy-task.ts' : '../src/batch/build-task.ts', import.meta.url);
      const t0 = performance.now();
      let t = t0;
      let cpu0 = process.cpuUsage();
      let done = 0;
      let failed = 0;
      let errors = 0;
      let warnings = 0;
      const tasks = async function* () {
        for await (const f of cycle(() => listInputs(p.inputs, (n) => n.endsWith('.json')), p.repeatTo)) {
          const out = unitOutDir(p.out, f.rel);
          yield name === 'floor' ? { file: f.path, outFile: join(out, 'disclosure.json') } : { file: f.path, outDir: out, format: 'json', template: DEFAULT_TEMPLATE };
        }
      };
      await runPool<Record<string, unknown>, { errors: number; warnings: number }>({
        handler,
        tasks: tasks(),
        onAllReady: () => {
          t = performance.now();
          cpu0 = process.cpuUsage();
        },
        onResult: (_t, o) => {
          if (!o.ok) return void failed++;
          done++;
          errors += o.result.errors;
          warnings += o.result.warnings;
        },
      });
      const s = (performance.now() - t) / 1000;
      // CPU time of the process (worker threads included) per unit: what the work costs, whatever
      // else the machine is running; wall-clock units/s also depends on the load.
      const cpu = process.cpuUsage(cpu0);
      const cpuMsPerUnit = (cpu.user + cpu.system) / 1000 / done;
      return { units: done, failed, errors, warnings, seconds: s, startupSeconds: (t - t0) / 1000, unitsPerSecond: done / s, cpuMsPerUnit, peakRssMiB: peakRssMiB() };
    }
    case 'read': {
      const why = missing('src/read/index.ts');
      if (why) return { notMeasured: why };
      const corpus = join(ROOT, 'fixtures/corpus');
      const docs = readdirSync(corpus)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .map((f) => join(corpus, f));
      const sizes = docs.map((f) => statSync(f).size);
      let bytes = 0;
      let done = 0;
      let failed = 0;
      let firstError = '';
      let t = performance.now();
      let cpu0 = process.cpuUsage();
      await runPool<{ file: string; i: number }, { tables: number }>({
        handler: new URL('./tasks/read-task.ts', import.meta.url),
        onAllReady: () => {
          t = performance.now();
          cpu0 = process.cpuUsage();
        },
        tasks: Array.from({ length: p.documents }, (_, i) => ({ file: docs[i % docs.length]!, i })),
        onResult: (task, o) => {
          if (!o.ok) {
            failed++;
            firstError ||= o.error;
            return;
          }
          done++;
          bytes += sizes[task.i % docs.length]!;
        },
      });
      const s = (performance.now() - t) / 1000;
      if (done === 0) return { notMeasured: `every document failed to read (${firstError})` };
      // CPU of the process (worker threads, their JIT compilation and GC included) per document.
      const cpu = process.cpuUsage(cpu0);
      const cpuMsPerDocument = (cpu.user + cpu.system) / 1000 / done;
      return {
        documents: done,
        failed,
        corpusDocuments: docs.length,
        megabytes: bytes / 1e6,
        seconds: s,
        documentsPerSecond: done / s,
        mbPerSecond: bytes / 1e6 / s,
        cpuMsPerDocument,
        peakRssMiB: peakRssMiB(),
      };
    }
    case 'render': {
      const why = missing(p.format === 'pdf' ? 'src/render/pdf.ts' : 'src/render/xlsx.ts');
      if (why) return { notMeasured: why };
      if (!existsSync(p.from)) return { notMeasured: 'no built disclosures to render (the build phase did not run)' };
      mkdirSync(p.out, { recursive: true });
      const files: string[] = [];
      for await (const f of listInputs([p.from], (n) => n === 'disclosure.json')) {
        files.push(f.path);
        if (files.length >= p.units) break;
      }
      let done = 0;
      let failed = 0;
      let firstError = '';
      let t = performance.now();
      await runPool<{ file: string; format: string; outFile: string }, { bytes: number }>({
        handler: new URL('./tasks/render-task.ts', import.meta.url),
        onAllReady: () => (t = performance.now()),
        tasks: files.map((file, i) => ({ file, format: p.format, outFile: join(p.out, `${i}.${p.format}`) })),
        onResult: (_t, o) => {
          if (o.ok) done++;
          else {
            failed++;
            firstError ||= o.error;
          }
        },
      });
      const ms = performance.now() - t;
      if (done === 0) return { notMeasured: `rendering failed (${firstError})` };
      return { units: done, failed, seconds: ms / 1000, msPerUnit: ms / done, peakRssMiB: peakRssMiB() };
    }
    case 'portal': {
      const r = await portalPhase(p, ROOT);
      return 'notMeasured' in r ? r : { ...r, peakRssMiB: peakRssMiB() };
    }
    case 'check-upload': {
      const r = await checkUploadPhase(p);
      return 'notMeasured' in r ? r : { ...r, peakRssMiB: peakRssMiB() };
    }
    case 'cli-check':
      // The work runs in CLI processes this phase spawns; their peak RSS, not this process's, is reported.
      return cliCheckPhase(p as CliCheckParams, ROOT);
  }
  throw new Error(`unknown phase ${name}`);
}

const result = await main().catch((e: unknown) => ({ notMeasured: `${name} failed: ${e instanceof Error ? e.message : String(e)}` }));
process.stdout.write(JSON.stringify(result) + '\n');
