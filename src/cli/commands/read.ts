import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('read')
    .description('read a published disclosure (.txt, or a disclosure.json) into disclosure.json (读取已公开的预算公开文件)')
    .argument('<file>', 'the published disclosure: plain text (pdftotext -layout output), or disclosure.json')
    .option('-o, --output <file>', 'write disclosure.json to a file instead of standard output')
    .option('-q, --quiet', 'do not print the report of problems and unplaced blocks')
    .addHelpText(
      'after',
      '\nThe report (to standard error) lists what could not be placed or had to be realigned.\nExit status: 0 read, 2 the input cannot be read (one line saying why).\n',
    )
    .action(async (file: string, opts: { output?: string; quiet?: boolean }) => {
      const { readDisclosureFile, UnreadableInputError } = await import('../../read/index.ts');
      const { UserError } = await import('../user-error.ts');
      let outcome;
      try {
        outcome = await readDisclosureFile(file);
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

function report(
  d: import('../../core/disclosure.ts').Disclosure,
  problems: { message: string; source?: { page?: number; line?: number } }[],
): string {
  const where = (s?: { page?: number; line?: number }) => (s?.line ? ` (第${s.page ?? 1}页 第${s.line}行)` : '');
  const nos = [...new Set(d.tables.map((t) => t.no))].join(', ');
  const out = [
    `${d.unit.name || '(unit not found)'} ${d.year || '?'} ${d.kind ?? ''} ${d.scope ?? ''} — template ${d.template}; tables ${nos || 'none'}; ` +
      `${d.narrative.length} narrative sections, ${d.glossary.length} glossary entries`,
  ];
  for (const u of d.unplaced ?? []) out.push(`unplaced${where(u.source)}: ${u.reason}: ${u.text.split('\n')[0]!.slice(0, 60)}`);
  for (const p of problems) out.push(`problem${where(p.source)}: ${p.message}`);
  return out.join('\n') + '\n';
}
