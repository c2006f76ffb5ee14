/**
 * `gongkai template infer <published document…> -o template.json`: learn a province's layout from
 * one published disclosure (src/infer/) and write it as a template file, checked on the way out.
 * Kept apart from commands/template.ts (which owns `template` and its other subcommands) so each
 * subcommand stays one small module.
 */
import type { Command } from 'commander';

export function addInferCommand(template: Command): Command {
  return template
    .command('infer')
    .description('由一份已公开的预算公开文件学得版式，写成模板文件（表名与编号、表头、各表所列行、金额单位、空表说明、情况说明标题、名词解释）')
    .argument('<files...>', '公开文件：.pdf、.txt、.xlsx、.html（情况说明与公开表分开公开的，一并给出）')
    .requiredOption('-o, --output <template.json>', '写出的模板文件')
    .option('--id <id>', '模板 id（小写字母、数字、连字符；默认由年度与单位生成）')
    .option('--name <name>', '模板名称')
    .addHelpText(
      'after',
      '\n学得的模板写出后即按模板规则检查；未能学得的部分列在标准错误输出上，请审阅后使用：\n  gongkai build budget.json --template template.json -o out/\n退出码：0 已写出且通过检查，1 已写出但检查有问题，2 文件无法读取。\n',
    )
    .action(async (files: string[], opts: { output: string; id?: string; name?: string }) => {
      const { writeFileSync } = await import('node:fs');
      const { basename } = await import('node:path');
      const { readDisclosureFiles, UnreadableInputError } = await import('../read/index.ts');
      const { UserError } = await import('../core/user-error.ts');
      const { inferTemplate } = await import('../infer/infer-template.ts');
      const { loadTemplate } = await import('../core/template.ts');
      if (opts.id !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(opts.id)) throw new UserError(`--id ${opts.id}：模板 id 只能由小写字母、数字和连字符组成`);
      let read: Awaited<ReturnType<typeof readDisclosureFiles>>;
      try {
        read = await readDisclosureFiles(files);
      } catch (e) {
        if (e instanceof UnreadableInputError) throw new UserError(`无法读取公开文件：${e.message}`);
        throw e;
      }
      const { template, notes } = inferTemplate(read.disclosure, { id: opts.id, name: opts.name, learnedFrom: files.map((f) => basename(f)) });
      if (!template.tables.length) throw new UserError(`${files.join('、')}：没有读到可学的公开表（收支总表、收入总表……），未写出模板`);
      writeFileSync(opts.output, `${JSON.stringify(template, null, 2)}\n`);
      const d = read.disclosure;
      process.stderr.write(
        `${d.unit.name || '（未识别单位）'} ${d.year || '?'}年：学得 ${template.tables.length} 张表、情况说明 ${template.narrativeSections.length} 节、名词解释 ${template.glossaryTerms.length} 条 → ${opts.output}\n`,
      );
      for (const n of notes) process.stderr.write(`  未学得：${n}\n`);
      try {
        loadTemplate(opts.output);
      } catch (e) {
        process.stderr.write(`模板检查未通过：${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
