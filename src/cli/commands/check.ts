import type { Command } from 'commander';
import { parseThreads } from '../threads-option.ts';

export function register(program: Command) {
  program
    .command('check')
    .description('check a disclosure against the rule catalogue (检查公开文件): budget.json, disclosure.json or .txt; exit 0 no errors, 1 errors, 2 unreadable')
    .argument('[files...]', 'budget.json、disclosure.json 或公开文件（.pdf、.txt、.xlsx、.html）；分成几个文件公开的一并给出，按一份检查')
    .option('--json', 'print { findings, summary } as JSON')
    .option('--score', 'add the self-assessment score (自评分) per required item')
    .option('--units <files...>', 'unit files of the department given as <file> (budget.json, disclosure.json, .txt): also check department = Σ units')
    .option('--template <id>', 'template id (default: the one the disclosure names, else liaoning-2024)')
    .option('--batch <dir|file...>', 'check every input under these folders/files on all cores; summary at the end; exit 0 clean, 1 error findings, 3 inputs skipped')
    .option('--report <file.jsonl>', 'with --batch: one JSON line per input with its findings')
    .option('--threads <n>', 'with --batch: worker threads (default: one per core)', parseThreads)
    .action(async (files: string[], opts: { json?: boolean; score?: boolean; template?: string; batch?: string[]; report?: string; units?: string[]; threads?: number }) => {
      const file: string | undefined = files[0];
      if (opts.batch !== undefined) {
        const { batchCheck } = await import('../../batch/batch-commands.ts');
        const { exitCode } = await batchCheck({ inputs: [...opts.batch, ...files], template: opts.template, report: opts.report, threads: opts.threads });
        process.exitCode = exitCode;
        return;
      }
      if (file === undefined) {
        const { UserError } = await import('../../core/user-error.ts');
        throw new UserError('check: give a file, or --batch <dir|files…>');
      }
      const { loadForCheck } = await import('../../pipeline/load-for-check.ts');
      const { checkAndScore, summarize } = await import('../../rules/index.ts');
      const input = await loadForCheck(files.length > 1 ? files : file, opts.template);
      const checked = checkAndScore(input.disclosure, { budget: input.budget, template: opts.template });
      const { score } = checked;
      let findings = checked.findings;
      if (opts.units?.length) {
        const { checkRollup, sortFindings } = await import('../../rules/index.ts');
        const units = [];
        for (const u of opts.units) units.push((await loadForCheck(u, opts.template)).disclosure);
        findings = sortFindings([...findings, ...checkRollup(input.disclosure, units)]);
      }
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
