import type { Command } from 'commander';

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

export function register(program: Command) {
  program
    .command('rules')
    .description('规则清单：列出每条检查规则的编号、严重程度、标题和依据')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      const { ruleMeta } = await import('../../rules/index.ts');
      const rules = ruleMeta();
      if (opts.json) {
        process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
        return;
      }
      for (const r of rules) process.stdout.write(`${r.id.padEnd(34)} ${SEVERITY[r.severity] ?? r.severity} ${r.title}\n${''.padEnd(40)}依据：${r.basis}\n`);
    });
}
