/**
 * Batch progress and summary. The bar is drawn only when stderr is a terminal (never in CI logs);
 * messages about single inputs go through `log` so they do not tear the bar.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  log(line: string): void;
  tick(): void;
  stop(): void;
}

export function createProgress(total: number | undefined, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === undefined) {
    return { log: (line) => stream.write(`${line}\n`), tick: () => {}, stop: () => {} };
  }
  const multi = new cliProgress.MultiBar(
    { stream, format: `${label} [{bar}] {value}/{total} {percentage}% | 剩余 {eta_formatted}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0);
  return {
    log: (line) => multi.log(`${line}\n`),
    tick: () => bar.increment(),
    stop: () => multi.stop(),
  };
}

export interface BatchSummary {
  /** Inputs found. */
  inputs: number;
  /** Inputs processed (built or checked). */
  done: number;
  /** Inputs reported and skipped (unreadable, invalid). */
  failed: number;
  /** Error and warning findings over all processed inputs. */
  errors: number;
  warnings: number;
  /** Processed inputs with at least one error finding. */
  unitsWithErrors: number;
  seconds: number;
  unitsPerSecond: number;
}

/** "已生成 6 个（共 8 个输入），用时 1.2 秒（每秒 5 个）；3 个单位有 12 个错误，警告 4 个；跳过 2 个输入". */
export function formatSummary(s: BatchSummary, verb: string): string {
  return (
    `${verb} ${s.done} 个（共 ${s.inputs} 个输入），用时 ${s.seconds.toFixed(1)} 秒（每秒 ${Math.round(s.unitsPerSecond)} 个）；` +
    `${s.unitsWithErrors} 个单位有 ${s.errors} 个错误，警告 ${s.warnings} 个；跳过 ${s.failed} 个输入`
  );
}
