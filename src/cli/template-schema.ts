/**
 * `gongkai template schema [-o file]`: the JSON Schema of template files (docs/template.schema.json,
 * kept current by src/core/template-schema.test.ts), for editors and integrators.
 */
import type { Command } from 'commander';

export function addSchemaCommand(template: Command): Command {
  return template
    .command('schema')
    .description('输出模板文件的 JSON Schema（docs/template.schema.json）')
    .option('-o, --output <file>', '写入文件而不是标准输出')
    .action(async (opts: { output?: string }) => {
      const { templateJsonSchemaText } = await import('../core/template-schema.ts');
      const text = templateJsonSchemaText();
      if (opts.output) (await import('node:fs')).writeFileSync(opts.output, text);
      else process.stdout.write(text);
    });
}
