import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

const whole = (name: string, min: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UserError(`${name} 应为不小于 ${min} 的整数（现为“${v}”）`);
  return Number(v);
};

export function register(program: Command) {
  program
    .command('synth')
    .description('生成合成预算数据（单位预算和部门预算），供测试和性能测量使用')
    .requiredOption('--units <n>', '单位预算的个数', whole('--units', 1))
    .option('--seed <s>', '随机种子（种子相同，文件相同）', whole('--seed', 0), 1)
    .requiredOption('-o, --output <dir>', '输出文件夹：units/<部门>/<单位>.json、departments/<部门>.json，另有说明文件 .synth.json（隐藏文件，批量生成和检查时不当作预算）')
    .action(async (opts: { units: number; seed: number; output: string }) => {
      const { writeSynth } = await import('../../synth/write-synth.ts');
      const { createProgress } = await import('../../batch/progress.ts');
      const progress = createProgress(process.stderr.isTTY ? opts.units : undefined, '合成');
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
      process.stderr.write(
        `synth：已生成 ${r.units} 个单位预算和 ${r.departments} 个部门预算（${(r.bytes / 2 ** 20).toFixed(1)} MiB，用时 ${s.toFixed(1)} 秒）→ ${opts.output}；说明文件 ${r.manifest}\n`,
      );
    });
}
