import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('read')
    .description('读取已公开的预算公开文件（PDF、文本、Excel、网页或 disclosure.json），输出 disclosure.json；分成几个文件公开的（情况说明 + 公开表）一并给出，按一份读取')
    .argument('<files...>', '公开文件：.pdf、.txt（pdftotext -layout 输出）、.xlsx、.html 或 disclosure.json')
    .option('-o, --output <file>', '把 disclosure.json 写入文件（默认输出到标准输出）')
    .option('-q, --quiet', '不输出读取提示和未能归类的内容')
    .addHelpText('after', '\n读取报告（输出到标准错误）列出未能归类或需要重新对齐的内容。\n退出码：0 已读取，2 无法读取（一行说明原因）。\n')
    .action(async (files: string[], opts: { output?: string; quiet?: boolean }) => {
      const { readDisclosureFiles, UnreadableInputError } = await import('../../read/index.ts');
      const { UserError } = await import('../../core/user-error.ts');
      let outcome;
      try {
        outcome = await readDisclosureFiles(files);
      } catch (e) {
        if (e instanceof UnreadableInputError) throw new UserError(e.message);
        throw e;
      }
      const { disclosure, problems } = outcome;
      const text = JSON.stringify(disclosure, null, 2) + '\n';
      if (opts.output) (await import('node:fs')).writeFileSync(opts.output, text);
      else process.stdout.write(text);
      if (!opts.quiet) process.stderr.write(report(disclosure, problems));
    });
}

function report(d: import('../../core/disclosure.ts').Disclosure, problems: { message: string; source?: { page?: number; line?: number } }[]): string {
  const where = (s?: { page?: number; line?: number }) => (s?.line ? ` (第${s.page ?? 1}页 第${s.line}行)` : '');
  const nos = [...new Set(d.tables.map((t) => t.no))].join(', ');
  const out = [
    `${d.unit.name || '（未识别单位）'} ${d.year || '?'}年 ${d.kind === 'final-account' ? '决算' : '预算'}${d.scope === 'unit' ? '（单位）' : d.scope === 'department' ? '（部门）' : ''} — 版式 ${d.layoutFamily?.name ?? d.template}；表 ${nos || '无'}；` +
      `情况说明 ${d.narrative.length} 节，名词解释 ${d.glossary.length} 条`,
  ];
  for (const u of d.unplaced ?? []) out.push(`未能归类${where(u.source)}：${u.reason}：${u.text.split('\n')[0]!.slice(0, 60)}`);
  for (const p of problems) out.push(`读取提示${where(p.source)}：${p.message}`);
  return out.join('\n') + '\n';
}
