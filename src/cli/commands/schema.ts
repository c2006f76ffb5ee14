import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('schema')
    .description('print the budget input JSON Schema (预算数据输入格式)')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { output?: string }) => {
      const { z } = await import('zod');
      const { BudgetSchema } = await import('../../core/budget.ts');
      const text = JSON.stringify(z.toJSONSchema(BudgetSchema, { io: 'input' }), null, 2) + '\n';
      if (opts.output) (await import('node:fs')).writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
