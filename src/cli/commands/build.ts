import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('build')
    .description('build the disclosure package from a budget file (由预算数据生成公开文件): writes <dir>/disclosure.json')
    .argument('<budget.json>', 'budget input (see `gongkai schema`)')
    .requiredOption('-o, --output <dir>', 'output directory')
    .option('--template <id|file>', 'template id under data/templates or a template JSON file', 'liaoning-2024')
    .action(async (budgetPath: string, opts: { output: string; template: string }) => {
      const { buildToDir } = await import('../../project/build-to-dir.ts');
      const r = buildToDir(budgetPath, opts.output, { template: opts.template });
      for (const w of r.warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
      process.stdout.write(`${r.files.join('\n')}\n`);
    });
}
