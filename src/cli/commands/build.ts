import { DEFAULT_TEMPLATE } from '../../core/template.ts';
import type { Command } from 'commander';
import { parseThreads } from '../threads-option.ts';

export function register(program: Command) {
  program
    .command('build')
    .description('由预算数据生成公开文件：写出 <dir>/disclosure.json、各种格式和 findings.json，并报告检查结果（有错误时退出码为 1，输入有误为 2）')
    .argument('[budget.json]', '预算数据 JSON（格式见 gongkai schema）')
    .requiredOption('-o, --output <dir>', '输出文件夹')
    .option('--template <id|file>', '模板：data/templates 下的模板编号，或模板 JSON 文件', DEFAULT_TEMPLATE)
    .option('--batch <dir>', '批量生成：文件夹下的每个预算 *.json（用全部 CPU 核心），写出 <output>/<路径>/disclosure.json 及其检查结果；退出码 0 无错误，1 有错误，3 有输入被跳过')
    .option(
      '--format <list>',
      'disclosure.json 之外的格式：html,xlsx,pdf,data 或 all（默认 all：index.html、disclosure.xlsx、disclosure.pdf、data/）；批量时默认 json（只写 disclosure.json 及其检查结果）',
    )
    .option('--report <file.jsonl>', '批量时：每个输入一行 JSON（JSON Lines），含其检查结果')
    .option('--threads <n>', '批量时：工作线程数（默认每个 CPU 核心一个）', parseThreads)
    .action(async (budgetPath: string | undefined, opts: { output: string; template: string; batch?: string; format?: string; report?: string; threads?: number }) => {
      if (opts.batch !== undefined) {
        const { batchBuild } = await import('../../batch/batch-commands.ts');
        const { exitCode } = await batchBuild({
          inputs: [opts.batch, ...(budgetPath ? [budgetPath] : [])],
          outDir: opts.output,
          format: opts.format,
          template: opts.template,
          report: opts.report,
          threads: opts.threads,
        });
        process.exitCode = exitCode;
        return;
      }
      if (budgetPath === undefined) {
        const { UserError } = await import('../../core/user-error.ts');
        throw new UserError('build：请给出预算数据 budget.json，或用 --batch <dir> 批量生成');
      }
      const { buildToDir } = await import('../../pipeline/build-to-dir.ts');
      const { parseFormats, writeFormats } = await import('../../render/write-formats.ts');
      const { UserError } = await import('../../core/user-error.ts');
      const { formatIssue } = await import('../../pipeline/budget-json.ts');
      let formats;
      try {
        formats = parseFormats(opts.format);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const r = buildToDir(budgetPath, opts.output, { template: opts.template });
      // Warnings come placed on their line (pipeline/generate.ts).
      for (const w of r.warnings) process.stderr.write(`警告：${formatIssue(w)}\n`);
      const { MissingFontError } = await import('../../render/pdf-font.ts');
      let rendered: string[];
      try {
        rendered = await writeFormats(r.disclosure, opts.output, formats, r.budgetJson);
      } catch (e) {
        if (e instanceof MissingFontError) throw new UserError(e.message);
        throw e;
      }
      process.stdout.write(`${[...r.files, ...rendered].join('\n')}\n`);
      const { formatReport } = await import('../../rules/report.ts');
      process.stderr.write(`${formatReport(r.findings, `检查结果 — ${r.disclosure.year}年 ${r.disclosure.unit.name}`)}\n`);
      if (r.findings.some((f) => f.severity === 'error')) process.exitCode = 1;
    });
}
