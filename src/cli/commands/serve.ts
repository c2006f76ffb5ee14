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
    .option('--demo', '演示模式：空数据库首次启动时载入营口 2024 年示例数据并创建演示账号（密码只显示一次）；正式使用时不要加')
    .action(async (opts: { port: string; host: string; data: string; secureCookies?: boolean; trustProxy?: boolean; demo?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port：“${opts.port}”不是有效的端口号（0–65535）`);
      const { startPortal } = await import('../../server/start.ts');
      const { accountsText } = await import('../../server/bootstrap.ts');
      let portal;
      try {
        portal = await startPortal({
          port,
          host: opts.host,
          dataDir: opts.data,
          databaseUrl: process.env.DATABASE_URL,
          secureCookies: opts.secureCookies,
          trustProxy: opts.trustProxy,
          demo: opts.demo === true,
        });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        // The database cannot be reached (down, wrong address, refused credentials): its own exit
        // status (69, EX_UNAVAILABLE), not an internal error.
        if (err.name === 'DatabaseUnavailable') throw new UserError(`${err.message}（请检查 DATABASE_URL 和数据库服务）`, 69);
        if (err.code === 'EADDRINUSE') throw new UserError(`端口 ${port} 已被占用（用 --port 另选一个）`);
        if (err.code === 'ECONNREFUSED' || /password authentication|does not exist|ENOTFOUND/.test(err.message)) throw new UserError(`无法连接数据库：${err.message}`);
        throw e;
      }
      // Demo passwords are printed once, in demo mode only; a production start prints none.
      if (portal.seed.seeded) process.stdout.write(accountsText(portal.seed.accounts));
      else if ((await portal.store.listUsers()).length === 0) process.stdout.write('尚无任何账号。请先新建财政局管理员账号：gongkai user add --username <用户名> --role admin --password-stdin\n');
      process.stdout.write(
        JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'listening', url: `http://localhost:${portal.port}`, database: portal.store.dialect, location: portal.store.location }) +
          '\n',
      );
      const stop = async () => {
        await portal.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
