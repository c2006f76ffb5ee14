import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('schema')
    .description('输出预算数据的输入格式（JSON Schema）')
    .option('-o, --output <file>', '写入文件（默认输出到标准输出）')
    .action(async (opts: { output?: string }) => {
      const { z } = await import('zod');
      const { BudgetSchema } = await import('../../core/budget.ts');
      const text = JSON.stringify(z.toJSONSchema(BudgetSchema, { io: 'input' }), null, 2) + '\n';
      if (opts.output) (await import('node:fs')).writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
