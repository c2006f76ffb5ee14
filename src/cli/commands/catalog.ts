import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

export function register(program: Command) {
  const catalog = program.command('catalog').description('classification catalogs (政府收支分类科目) by year');
  catalog
    .command('import <file>')
    .description('load an official catalog edition (CSV or Excel) for a year; used from then on')
    .requiredOption('--year <year>', 'budget year of the edition')
    .option('--kind <kind>', 'function | dept-econ | gov-econ', 'function')
    .action(async (file: string, opts: { year: string; kind: string }) => {
      const { existsSync } = await import('node:fs');
      if (!existsSync(file)) throw new UserError(`${file}: no such file`);
      if (!/^\d{4}$/.test(opts.year)) throw new UserError(`--year ${opts.year}: a four-digit year is needed`);
      if (!['function', 'dept-econ', 'gov-econ'].includes(opts.kind)) throw new UserError(`--kind ${opts.kind}: use function, dept-econ or gov-econ`);
      const { importCatalog } = await import('../../core/catalog-import.ts');
      const r = await importCatalog(file, Number(opts.year), opts.kind as 'function');
      console.log(`${r.rows} codes written to ${r.file} (${r.skipped} rows without a code skipped)`);
      for (const m of r.malformed.slice(0, 20)) console.log(`  ${file}:${m.line}: malformed code row: ${m.text}`);
      if (r.malformed.length) process.exitCode = 1;
    });
  catalog
    .command('show <code>')
    .description('show a code with its name, level and parent in a year’s catalog')
    .option('--year <year>', 'budget year', String(new Date().getFullYear()))
    .action(async (code: string, opts: { year: string }) => {
      const { loadCatalog } = await import('../../core/catalog.ts');
      const cat = loadCatalog(Number(opts.year));
      const e = cat.function.get(code) ?? cat.deptEcon.get(code) ?? cat.govEcon.get(code);
      if (!e) throw new UserError(`${code} is not in the ${cat.year} catalog`, 1);
      console.log(`${e.code} ${e.name} (level ${e.level}${e.parent ? `, under ${e.parent}` : ''}; catalog ${cat.year})`);
    });
}
