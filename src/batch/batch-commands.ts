/**
 * `gongkai build --batch` and `gongkai check --batch`: the folder-level jobs behind the two
 * commands. Each prints bad inputs and units with errors as it goes and a summary at the end,
 * and returns the exit status:
 *   0  every input was processed and no error findings
 *   1  every input was processed, some units have error findings
 *   3  some inputs could not be processed (reported with their file names and skipped)
 */
import { DEFAULT_TEMPLATE } from '../core/template.ts';
import { join } from 'node:path';
import { UserError } from '../core/user-error.ts';
import { moduleUrl } from '../util/module-url.ts';
import { formatSummary, type BatchSummary } from './progress.ts';
import { runBatch } from './run-batch.ts';
import type { BuildTask } from './build-task.ts';
import type { CheckTask } from './check-task.ts';

export const BATCH_EXIT = { ok: 0, findings: 1, skipped: 3 } as const;

export const BUILD_FORMATS = ['json', 'html', 'xlsx', 'pdf', 'data', 'all'] as const;

export interface BatchBuildOptions {
  inputs: string[];
  outDir: string;
  format?: string;
  template?: string;
  threads?: number;
  report?: string;
  progress?: boolean;
}

function exitStatus(s: BatchSummary): number {
  if (s.failed > 0) return BATCH_EXIT.skipped;
  return s.errors > 0 ? BATCH_EXIT.findings : BATCH_EXIT.ok;
}

/** Output folder of an input: its path relative to the input folder, without ".json". */
export const unitOutDir = (outDir: string, rel: string) => join(outDir, rel.replace(/\.json$/i, ''));

export async function batchBuild(o: BatchBuildOptions): Promise<{ summary: BatchSummary; exitCode: number }> {
  const format = o.format ?? 'json';
  for (const f of format.split(',')) if (!(BUILD_FORMATS as readonly string[]).includes(f)) throw new UserError(`--format：“${f}”不是可选的格式；可选 ${BUILD_FORMATS.join('、')}`);
  const summary = await runBatch<BuildTask>({
    inputs: o.inputs,
    accept: (name) => name.endsWith('.json'),
    handler: moduleUrl('./build-task.ts', import.meta.url),
    toTask: (f) => ({ file: f.path, outDir: unitOutDir(o.outDir, f.rel), format, template: o.template ?? DEFAULT_TEMPLATE, withFindings: o.report !== undefined }),
    label: '生成',
    threads: o.threads,
    report: o.report,
    progress: o.progress,
  }).catch(rethrowAsUserError);
  process.stderr.write(`${formatSummary(summary, '已生成')}\n`);
  return { summary, exitCode: exitStatus(summary) };
}

/** Extensions `check --batch` picks up from folders (files named explicitly are always taken). */
export const CHECK_EXTENSIONS = ['.txt', '.json', '.xlsx', '.pdf', '.html', '.htm'];

export interface BatchCheckOptions {
  inputs: string[];
  template?: string;
  threads?: number;
  report?: string;
  progress?: boolean;
}

export async function batchCheck(o: BatchCheckOptions): Promise<{ summary: BatchSummary; exitCode: number }> {
  const summary = await runBatch<CheckTask>({
    inputs: o.inputs,
    accept: (name) => CHECK_EXTENSIONS.some((e) => name.toLowerCase().endsWith(e)),
    handler: moduleUrl('./check-task.ts', import.meta.url),
    // A disclosure of several files is named by all of them in the log and the report.
    toTask: (f) => ({ file: f.parts ? f.parts.join(' + ') : f.path, ...(f.parts ? { parts: f.parts } : {}), template: o.template, withFindings: o.report !== undefined }),
    groupParts: true,
    label: '检查',
    threads: o.threads,
    report: o.report,
    progress: o.progress,
  }).catch(rethrowAsUserError);
  process.stderr.write(`${formatSummary(summary, '已检查')}\n`);
  return { summary, exitCode: exitStatus(summary) };
}

function rethrowAsUserError(e: unknown): never {
  // Only a missing input argument reaches here as a plain error; per-file problems are reported and skipped.
  if (e instanceof Error && /文件或文件夹不存在/.test(e.message)) throw new UserError(e.message);
  throw e;
}
