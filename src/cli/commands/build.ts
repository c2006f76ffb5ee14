import { DEFAULT_TEMPLATE } from '../../core/template.ts';
import type { Command } from 'commander';
import { parseThreads } from '../threads-option.ts';

export function register(program: Command) {
  program
    .command('build')
    .description('build the disclosure package from a budget file (由预算数据生成公开文件): writes <dir>/disclosure.json, the formats and findings.json; reports the checker’s findings (exit 1 when they include errors)')
    .argument('[budget.json]', 'budget input (see `gongkai schema`)')
    .requiredOption('-o, --output <dir>', 'output directory')
    .option('--template <id|file>', 'template id under data/templates or a template JSON file', DEFAULT_TEMPLATE)
    .option('--batch <dir>', 'build every budget *.json under a folder on all cores: <output>/<path>/disclosure.json with its findings; exit 0 clean, 1 error findings, 3 inputs skipped')
    .option('--format <list>', 'formats beside disclosure.json: html,xlsx,pdf,data (default all: index.html, disclosure.xlsx, disclosure.pdf, data/); with --batch the default is json (only disclosure.json with its findings); html, xlsx, pdf, data or all write the same files as a single build')
    .option('--report <file.jsonl>', 'with --batch: one JSON line per input with its findings')
    .option('--threads <n>', 'with --batch: worker threads (default: one per core)', parseThreads)
    .action(async (budgetPath: string | undefined, opts: { output: string; template: string; batch?: string; format?: string; report?: string; threads?: number }) => {
      if (opts.batch !== undefined) {
        const { batchBuild } = await import('../../batch/batch-commands.ts');
        const { exitCode } = await batchBuild({ inputs: [opts.batch, ...(budgetPath ? [budgetPath] : [])], outDir: opts.output, format: opts.format, template: opts.template, report: opts.report, threads: opts.threads });
        process.exitCode = exitCode;
        return;
      }
      if (budgetPath === undefined) {
        const { UserError } = await import('../../core/user-error.ts');
        throw new UserError('build: give a budget.json, or --batch <dir>');
      }
      const { buildToDir } = await import('../../pipeline/build-to-dir.ts');
      const { parseFormats, writeFormats } = await import('../../render/write-formats.ts');
      const { UserError } = await import('../../core/user-error.ts');
      let formats;
      try {
        formats = parseFormats(opts.format);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const r = buildToDir(budgetPath, opts.output, { template: opts.template });
      for (const w of r.warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
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
