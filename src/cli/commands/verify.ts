import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('verify')
    .description('校验已公开的数据包是否被篡改：重新计算内容哈希和各文件的哈希')
    .argument('<package>', '数据包文件夹、.zip 文件或网址（.zip、其 manifest.json 或已公开版本的 JSON）')
    .option('--expect <hash>', '平台页面上公布的内容哈希（sha256:…）；数据包须与之一致')
    .option('--json', '以 JSON 输出校验报告')
    .addHelpText('after', '\n退出码：0 完好，1 被篡改（逐条列出差异），2 无法读取（不是数据包或无法下载）。')
    .action(async (target: string, opts: { expect?: string; json?: boolean }) => {
      const { loadPackage } = await import('../../integrity/load-package.ts');
      const { verifyPackage, PackageUnreadable } = await import('../../integrity/verify-package.ts');
      const { UserError } = await import('../../core/user-error.ts');
      if (opts.expect !== undefined && !/^sha256:[0-9a-f]{64}$/.test(opts.expect)) throw new UserError(`--expect：“${opts.expect}”不是内容哈希（应为 sha256: 加 64 位十六进制数字）`);
      let report;
      try {
        report = verifyPackage(await loadPackage(target), { expect: opts.expect });
      } catch (e) {
        if (e instanceof PackageUnreadable) throw new UserError(`${e.message.startsWith(target) ? '' : `${target}: `}${e.message}`);
        throw e;
      }
      if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      else {
        const who = report.unit ? `${report.unit.name}（${report.unit.code}）${report.year ?? ''}年${report.version ? ` 第 ${report.version} 版` : ''}` : target;
        if (report.intact) process.stdout.write(`完好：${who}\n内容哈希 ${report.statedHash}，已核对 ${report.filesChecked} 个文件\n`);
        else process.stdout.write(`已被篡改：${who}\n${report.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      }
      if (!report.intact) process.exitCode = 1;
    });
}
