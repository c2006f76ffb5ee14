import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('check')
    .description('check a disclosure against the rule catalogue (检查公开文件): budget.json, disclosure.json or .txt; exit 0 no errors, 1 errors, 2 unreadable')
    .argument('<file>', 'budget.json, disclosure.json or a published disclosure (.txt)')
    .option('--json', 'print { findings, summary } as JSON')
    .option('--score', 'add the self-assessment score (自评分) per required item')
    .option('--template <id>', 'template id (default: the one the disclosure names, else liaoning-2024)')
    .action(async (file: string, opts: { json?: boolean; score?: boolean; template?: string }) => {
      const { loadCheckInput } = await import('../../rules/load-input.ts');
      const { checkAndScore, summarize } = await import('../../rules/index.ts');
      const input = await loadCheckInput(file, opts.template);
      const { findings, score } = checkAndScore(input.disclosure, { budget: input.budget, template: opts.template });
      const summary = summarize(findings);
      if (opts.json) {
        const out: Record<string, unknown> = { findings, summary };
        if (opts.score) out.score = score;
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        const { formatReport } = await import('../../rules/report.ts');
        const d = input.disclosure;
        process.stdout.write(formatReport(findings, `${d.year}年 ${d.unit.name || '（未识别单位）'} — ${file}`) + '\n');
        if (opts.score) {
          const { formatScore } = await import('../../rules/score.ts');
          process.stdout.write('\n' + formatScore(score) + '\n');
        }
      }
      process.exitCode = summary.error > 0 ? 1 : 0;
    });
}
