import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

export function register(program: Command) {
  const catalog = program.command('catalog').description('政府收支分类科目表（按年度）');
  catalog
    .command('import <file>')
    .description('导入某一年度的官方科目表（CSV 或 Excel）：此后该年度按它校验科目，表中没有的科目即为错误')
    .requiredOption('--year <year>', '科目表适用的预算年度')
    .option('--kind <kind>', '科目表种类：function（支出功能分类）| dept-econ（部门预算支出经济分类）| gov-econ（政府预算支出经济分类）', 'function')
    .action(async (file: string, opts: { year: string; kind: string }) => {
      const { existsSync } = await import('node:fs');
      if (!existsSync(file)) throw new UserError(`${file}：文件不存在`);
      if (!/^\d{4}$/.test(opts.year)) throw new UserError(`--year：“${opts.year}”不是四位数的年度`);
      if (!['function', 'dept-econ', 'gov-econ'].includes(opts.kind)) throw new UserError(`--kind：“${opts.kind}”不是可选的种类；可选 function、dept-econ、gov-econ`);
      const { importCatalog } = await import('../../core/catalog-import.ts');
      const r = await importCatalog(file, Number(opts.year), opts.kind as 'function');
      console.log(`已导入 ${r.rows} 个科目，写入 ${r.file}（跳过 ${r.skipped} 行没有编码的行）`);
      for (const m of r.malformed.slice(0, 20)) console.log(`  ${file} 第 ${m.line} 行：编码或名称不合格：${m.text}`);
      if (r.malformed.length) process.exitCode = 1;
    });
  catalog
    .command('show <code>')
    .description('查看某个科目在某年度科目表中的名称、级次和上级科目')
    .option('--year <year>', '预算年度', String(new Date().getFullYear()))
    .action(async (code: string, opts: { year: string }) => {
      const { loadCatalog } = await import('../../core/catalog.ts');
      const cat = loadCatalog(Number(opts.year));
      const e = cat.function.get(code) ?? cat.deptEcon.get(code) ?? cat.govEcon.get(code);
      if (!e) throw new UserError(`${code} 不在 ${cat.year} 年的科目表中`, 1);
      console.log(`${e.code} ${e.name}（${['类', '款', '项'][e.level - 1]}${e.parent ? `，上级 ${e.parent}` : ''}；${cat.year} 年科目表）`);
    });
}
