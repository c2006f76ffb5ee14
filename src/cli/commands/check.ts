import type { Command } from 'commander';
import { parseThreads } from '../threads-option.ts';

export function register(program: Command) {
  program
    .command('check')
    .description('按规则清单检查公开文件：budget.json、disclosure.json，或已公开的 .pdf、.txt、.xlsx、.html；退出码 0 无错误，1 有错误，2 无法读取')
    .argument('[files...]', 'budget.json、disclosure.json 或公开文件（.pdf、.txt、.xlsx、.html）；分成几个文件公开的一并给出，按一份检查')
    .option('--json', '以 JSON 输出 { findings, summary }')
    .option('--score', '另给出每个必备项目的自评分')
    .option('--units <files...>', '部门所属各单位的文件（budget.json、disclosure.json 或公开文件）：另检查 部门 = Σ 所属单位')
    .option('--template <id>', '模板编号（默认：公开文件所写的模板，否则为默认模板）')
    .option('--batch <dir|file...>', '批量检查：这些文件夹下或列出的每个文件（用全部 CPU 核心），最后给出汇总；退出码 0 无错误，1 有错误，3 有输入被跳过')
    .option('--report <file.jsonl>', '批量时：每个输入一行 JSON（JSON Lines），含其检查结果')
    .option('--threads <n>', '批量时：工作线程数（默认每个 CPU 核心一个）', parseThreads)
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
        throw new UserError('check：请给出要检查的文件，或用 --batch <dir|files…> 批量检查');
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
