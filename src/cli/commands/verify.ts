import type { Command } from 'commander';

export function register(program: Command) {
  program
    .command('verify')
    .description('verify a published data package: recompute its content hash and file hashes (校验数据包是否被篡改)')
    .argument('<package>', 'package directory, .zip file, or URL (of the .zip, its manifest.json, or a published version as JSON)')
    .option('--expect <hash>', 'the content hash published on the portal page (sha256:…); the manifest must state it')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExit status: 0 intact, 1 tampered (every difference is listed), 2 unreadable (not a package, cannot fetch).')
    .action(async (target: string, opts: { expect?: string; json?: boolean }) => {
      const { loadPackage } = await import('../../integrity/load-package.ts');
      const { verifyPackage, PackageUnreadable } = await import('../../integrity/verify-package.ts');
      const { UserError } = await import('../../core/user-error.ts');
      if (opts.expect !== undefined && !/^sha256:[0-9a-f]{64}$/.test(opts.expect)) throw new UserError(`--expect: not a content hash (sha256:<64 hex digits>): ${opts.expect}`);
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
        if (report.intact) process.stdout.write(`完好 (intact): ${who}\n内容哈希 ${report.statedHash}，已核对 ${report.filesChecked} 个文件\n`);
        else process.stdout.write(`已被篡改 (tampered): ${who}\n${report.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      }
      if (!report.intact) process.exitCode = 1;
    });
}
