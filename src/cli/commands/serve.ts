import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

export function register(program: Command) {
  program
    .command('serve')
    .description('启动预算公开平台：默认使用 --data 下的 SQLite 数据库；设置 DATABASE_URL=postgres://… 时使用 PostgreSQL')
    .option('-p, --port <port>', '监听端口', '3000')
    .option('--host <host>', '监听地址', '0.0.0.0')
    .option('-d, --data <dir>', '数据文件夹（SQLite 文件为 <dir>/db/gongkai.sqlite）', './data')
    .option('--secure-cookies', 'Cookie 一律标记为 Secure（通过 https 提供服务时设置）')
    .option('--trust-proxy', '在反向代理之后：信任 X-Forwarded-For / X-Forwarded-Proto')
    .action(async (opts: { port: string; host: string; data: string; secureCookies?: boolean; trustProxy?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port：“${opts.port}”不是有效的端口号（0–65535）`);
      const { startPortal } = await import('../../server/start.ts');
      const { accountsText } = await import('../../server/bootstrap.ts');
      let portal;
      try {
        portal = await startPortal({ port, host: opts.host, dataDir: opts.data, databaseUrl: process.env.DATABASE_URL, secureCookies: opts.secureCookies, trustProxy: opts.trustProxy });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new UserError(`端口 ${port} 已被占用（用 --port 另选一个）`);
        if (err.code === 'ECONNREFUSED' || /password authentication|does not exist|ENOTFOUND/.test(err.message)) throw new UserError(`无法连接数据库：${err.message}`);
        throw e;
      }
      if (portal.seed.seeded) process.stdout.write(accountsText(portal.seed.accounts));
      process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'listening', url: `http://localhost:${portal.port}`, database: portal.store.dialect, location: portal.store.location }) + '\n');
      const stop = async () => {
        await portal.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
