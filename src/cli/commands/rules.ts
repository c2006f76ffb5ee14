import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('rules')
    .description('list every check rule with id, severity, title and basis (规则清单)')
    .option('--json', 'print the rules as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { ruleMeta } = await import('../../rules/index.ts');
      const rules = ruleMeta();
      if (opts.json) {
        process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
        return;
      }
      for (const r of rules) process.stdout.write(`${r.id.padEnd(34)} ${r.severity.padEnd(8)} ${r.title}\n${''.padEnd(44)}依据：${r.basis}\n`);
    });
}
