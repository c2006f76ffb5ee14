import { DEFAULT_TEMPLATE } from '../../core/template.ts';
import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('roundtrip')
    .description('往返校验：由预算生成公开文件，输出每种格式（html、xlsx、pdf、data），再逐一读回并逐格比较；有任何差异时退出码为 1')
    .argument('<budget.json>', '预算数据 JSON')
    .option('-o, --output <dir>', '把输出的文件保留在此文件夹（默认用临时文件夹，结束后删除）')
    .option('--format <list>', '要校验的格式：html,xlsx,pdf,data 或 all', 'all')
    .option('--template <id|file>', '模板编号或模板文件', DEFAULT_TEMPLATE)
    .action(async (budgetPath: string, opts: { output?: string; format: string; template: string }) => {
      const { UserError } = await import('../../core/user-error.ts');
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { readJsonFile } = await import('../../pipeline/budget-json.ts');
      const { generateOrThrow } = await import('../../pipeline/generate.ts');
      const { parseFormats } = await import('../../render/write-formats.ts');
      const { roundTrip } = await import('../../roundtrip/roundtrip.ts');
      const { formatDifferences } = await import('../../roundtrip/compare.ts');
      let formats;
      try {
        formats = parseFormats(opts.format);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const json = readJsonFile(budgetPath);
      const { disclosure } = generateOrThrow(json, budgetPath, { template: opts.template });
      const dir = opts.output ?? mkdtempSync(join(tmpdir(), 'gongkai-roundtrip-'));
      try {
        const results = await roundTrip(disclosure, dir, formats, json);
        let bad = 0;
        for (const r of results) {
          const status = r.differences.length ? `${r.differences.length} 处差异` : '完全一致';
          process.stdout.write(`${r.format.padEnd(5)} ${status}（${r.ms} 毫秒）${opts.output ? ` ${r.file}` : ''}\n`);
          if (r.differences.length) process.stdout.write(`${formatDifferences(r.differences)}\n`);
          for (const p of r.problems) process.stdout.write(`  读取提示：${p}\n`);
          bad += r.differences.length;
        }
        process.exitCode = bad ? 1 : 0;
      } finally {
        if (!opts.output) rmSync(dir, { recursive: true, force: true });
      }
    });
}
