import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

const whole = (name: string, min: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UserError(`${name} must be a whole number ≥ ${min} (got "${v}")`);
  return Number(v);
};

export function register(program: Command) {
  program
    .command('synth')
    .description('write synthetic unit and department budgets (合成预算数据) for tests and benchmarks')
    .requiredOption('--units <n>', 'number of unit budgets', whole('--units', 1))
    .option('--seed <s>', 'random seed (same seed, same files)', whole('--seed', 0), 1)
    .requiredOption('-o, --output <dir>', 'output folder (units/<department>/<unit>.json, departments/<department>.json)')
    .action(async (opts: { units: number; seed: number; output: string }) => {
      const { writeSynth } = await import('../../synth/write-synth.ts');
      const { createProgress } = await import('../../batch/progress.ts');
      const progress = createProgress(process.stderr.isTTY ? opts.units : undefined, 'synth');
      let last = 0;
      const started = performance.now();
      const r = await writeSynth({
        units: opts.units,
        seed: opts.seed,
        outDir: opts.output,
        onDepartment: (n) => {
          for (; last < n; last++) progress.tick();
        },
      }).finally(() => progress.stop());
      const s = (performance.now() - started) / 1000;
      process.stderr.write(`synth: ${r.units} unit budgets and ${r.departments} department budgets (${(r.bytes / 2 ** 20).toFixed(1)} MiB) in ${s.toFixed(1)} s → ${opts.output}\n`);
    });
}
