/**
 * Runs one task per input file on all cores and streams the outcomes: a bad input is reported
 * with its file name and skipped, units with error findings are listed, and a summary ends the
 * run. Nothing per unit is kept in memory; an optional JSON Lines report is written as results
 * arrive.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { countInputs, groupParts, listInputs, type InputFile } from './list-inputs.ts';
import { createProgress, type BatchSummary } from './progress.ts';
import { runPool } from './worker-pool.ts';

export interface UnitOutcome {
  /** Unit code and name as found in the input. */
  unit?: string;
  errors: number;
  warnings: number;
  /** The first error messages, for the log line. */
  firstErrors?: string[];
  /** Full findings, when a report was asked for. */
  findings?: unknown[];
}

export interface BatchOptions<T> {
  inputs: string[];
  accept: (name: string) => boolean;
  /** Handler module run in the workers (see tasks.ts). */
  handler: URL;
  toTask: (f: InputFile) => T;
  /** Label of the progress bar ("生成", "检查"). */
  label: string;
  threads?: number;
  /** Draw a progress bar (default: when stderr is a terminal). */
  progress?: boolean;
  /** JSON Lines file receiving one record per input. */
  report?: string;
  /** Where per-input lines go (default stderr, or through the progress bar). */
  log?: (line: string) => void;
  /** List units with error findings (default true). */
  listErrors?: boolean;
  /** Take a disclosure published as several files as one input (groupParts). */
  groupParts?: boolean;
}

export async function runBatch<T extends { file: string }>(opts: BatchOptions<T>): Promise<BatchSummary> {
  const started = performance.now();
  const showBar = opts.progress ?? process.stderr.isTTY === true;
  const total = showBar ? await countInputs(opts.inputs, opts.accept, opts.groupParts) : undefined;
  const progress = createProgress(total, opts.label);
  const log = opts.log ?? progress.log;
  const report: WriteStream | undefined = opts.report ? createWriteStream(opts.report) : undefined;
  const s: BatchSummary = { inputs: 0, done: 0, failed: 0, errors: 0, warnings: 0, unitsWithErrors: 0, seconds: 0, unitsPerSecond: 0 };

  async function* tasks() {
    const files = listInputs(opts.inputs, opts.accept);
    for await (const f of opts.groupParts ? groupParts(files) : files) {
      s.inputs++;
      yield opts.toTask(f);
    }
  }
  try {
    await runPool<T, UnitOutcome>({
      handler: opts.handler,
      threads: opts.threads,
      tasks: tasks(),
      onResult: (task, o) => {
        progress.tick();
        if (!o.ok) {
          s.failed++;
          log(`${task.file}：已跳过：${o.error}`);
          report?.write(JSON.stringify({ file: task.file, skipped: o.error }) + '\n');
          return;
        }
        const r = o.result;
        s.done++;
        s.errors += r.errors;
        s.warnings += r.warnings;
        if (r.errors > 0) {
          s.unitsWithErrors++;
          if (opts.listErrors !== false) log(`${task.file}：错误 ${r.errors} 个，警告 ${r.warnings} 个${r.firstErrors?.length ? ` — ${r.firstErrors.join('；')}` : ''}`);
        }
        report?.write(JSON.stringify({ file: task.file, unit: r.unit, errors: r.errors, warnings: r.warnings, findings: r.findings }) + '\n');
      },
    });
  } finally {
    progress.stop();
    if (report) await new Promise<void>((res) => report.end(res));
  }
  s.seconds = (performance.now() - started) / 1000;
  s.unitsPerSecond = s.seconds > 0 ? s.done / s.seconds : 0;
  return s;
}
