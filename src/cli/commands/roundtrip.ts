import { DEFAULT_TEMPLATE } from '../../core/template.ts';
import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('roundtrip')
    .description('build a budget, render every format (html, xlsx, pdf, data), read each back and compare cell by cell (往返校验); exit 1 on any difference')
    .argument('<budget.json>', 'budget input')
    .option('-o, --output <dir>', 'keep the rendered files in this folder (default: a temporary folder, removed afterwards)')
    .option('--format <list>', 'formats to check: html,xlsx,pdf,data or all', 'all')
    .option('--template <id|file>', 'template id or file', DEFAULT_TEMPLATE)
    .action(async (budgetPath: string, opts: { output?: string; format: string; template: string }) => {
      const { UserError } = await import('../../core/user-error.ts');
      const { mkdtempSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { readJsonFile } = await import('../../pipeline/budget-json.ts');
      const { generateOrThrow } = await import('../../pipeline/generate.ts');
      const { parseFormats } = await import('../../render/write-formats.ts');
      const { roundTrip } = await import('../../roundtrip/roundtrip.ts');
      const { formatDifferences } = await import('../../roundtrip/compare.ts');
      let formats;
      try {
        formats = parseFormats(opts.format);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const json = readJsonFile(budgetPath);
      const { disclosure } = generateOrThrow(json, budgetPath, { template: opts.template });
      const dir = opts.output ?? mkdtempSync(join(tmpdir(), 'gongkai-roundtrip-'));
      try {
        const results = await roundTrip(disclosure, dir, formats, json);
        let bad = 0;
        for (const r of results) {
          const status = r.differences.length ? `${r.differences.length} difference${r.differences.length === 1 ? '' : 's'}` : 'exact';
          process.stdout.write(`${r.format.padEnd(5)} ${status} (${r.ms} ms)${opts.output ? ` ${r.file}` : ''}\n`);
          if (r.differences.length) process.stdout.write(`${formatDifferences(r.differences)}\n`);
          for (const p of r.problems) process.stdout.write(`  reader: ${p}\n`);
          bad += r.differences.length;
        }
        process.exitCode = bad ? 1 : 0;
      } finally {
        if (!opts.output) rmSync(dir, { recursive: true, force: true });
      }
    });
}
