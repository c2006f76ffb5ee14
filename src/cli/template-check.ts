/**
 * `gongkai template check <file…>`: validates template files against the template schema
 * (src/core/template-schema.ts) and prints every problem located by line, column and field path.
 * Exit 0 when every file is valid, 1 otherwise. Kept apart from commands/template.ts, which owns
 * `template` and registers its subcommands.
 */
import type { Command } from 'commander';

export function addCheckCommand(template: Command): Command {
  return template
    .command('check')
    .description('检查模板文件：版式、金额栏、表的 key、表头、情况说明各部分、名词解释（逐条指出位置）')
    .argument('<files...>', '模板文件（.json），或 data/templates/ 中模板的 id')
    .addHelpText('after', '\n退出码：0 全部有效，1 有问题。\n')
    .action(async (files: string[]) => {
      const { readFileSync } = await import('node:fs');
      const { checkTemplateFile, templatePath } = await import('../core/template.ts');
      const { locateIssues } = await import('../pipeline/budget-json.ts');
      let bad = 0;
      for (const name of files) {
        const path = templatePath(name);
        const { template, issues } = checkTemplateFile(path, name);
        if (template) {
          const use = template.purpose === 'read' ? '，仅用于读取' : '';
          process.stdout.write(`${path}：有效（${template.name}，${template.tables.length} 张表${use}）\n`);
          continue;
        }
        bad++;
        let located: { path: string; message: string; line?: number; column?: number }[] = issues;
        try {
          located = locateIssues(
            readFileSync(path, 'utf8'),
            issues.map((i) => ({ ...i })),
          );
        } catch {
          // Unreadable: the issue itself says so.
        }
        for (const i of located) {
          const at = i.line && i.path ? ` 第${i.line}行第${i.column}列` : '';
          process.stdout.write(`${path}${at}${i.path ? ` ${i.path}` : ''}：${i.message}\n`);
        }
      }
      if (files.length > 1) process.stdout.write(`共 ${files.length} 个模板，${bad ? `${bad} 个有问题` : '全部有效'}\n`);
      if (bad) process.exitCode = 1;
    });
}
