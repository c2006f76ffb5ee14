/** `gongkai audit verify`: recompute the portal's audit-log hash chain (src/store/audit-chain.ts). */
import type { Command } from 'commander';

export function register(program: Command) {
  const audit = program.command('audit').description('平台审计日志');
  audit
    .command('verify')
    .description('逐行重新计算审计日志的哈希链，检查记录是否在平台之外被改动、删除或插入')
    .option('-d, --data <dir>', '数据文件夹（设置 DATABASE_URL 时使用 PostgreSQL）', './data')
    .addHelpText('after', '\n退出码：0 哈希链完好，1 哈希链断裂（指出第一处断裂的行），69 无法连接数据库。')
    .action(async (o: { data: string }) => {
      const { Store } = await import('../../store/store.ts');
      const { DatabaseUnavailable } = await import('../../store/db-errors.ts');
      const { UserError } = await import('../../core/user-error.ts');
      let store;
      try {
        store = await Store.open({ databaseUrl: process.env.DATABASE_URL, dataDir: o.data });
      } catch (e) {
        if (e instanceof DatabaseUnavailable) throw new UserError(e.message, 69);
        throw e;
      }
      try {
        const r = await store.verifyAuditChain();
        if (r.ok) process.stdout.write(`哈希链完好：${r.rows} 行逐行核对一致（${store.location}）\n`);
        else {
          process.stdout.write(`哈希链断裂：第 ${r.broken!.seq} 行${r.broken!.reason}（已核对 ${r.rows} 行，${store.location}）\n`);
          process.exitCode = 1;
        }
      } finally {
        await store.close();
      }
    });
}
