import type { Command } from 'commander';
import { UserError } from '../../core/user-error.ts';

export function register(program: Command) {
  program
    .command('serve')
    .description('启动预算公开平台（portal）: SQLite under --data by default, PostgreSQL when DATABASE_URL=postgres://… is set')
    .option('-p, --port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to listen on', '0.0.0.0')
    .option('-d, --data <dir>', 'data directory (SQLite file at <dir>/db/gongkai.sqlite)', './data')
    .option('--secure-cookies', 'always mark cookies Secure (set when serving over https)')
    .option('--trust-proxy', 'behind a reverse proxy: trust X-Forwarded-For / X-Forwarded-Proto')
    .action(async (opts: { port: string; host: string; data: string; secureCookies?: boolean; trustProxy?: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${opts.port}" is not a port number`);
      const { startPortal } = await import('../../server/start.ts');
      const { accountsText } = await import('../../server/bootstrap.ts');
      let portal;
      try {
        portal = await startPortal({ port, host: opts.host, dataDir: opts.data, databaseUrl: process.env.DATABASE_URL, secureCookies: opts.secureCookies, trustProxy: opts.trustProxy });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (err.code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use (choose another with --port)`);
        if (err.code === 'ECONNREFUSED' || /password authentication|does not exist|ENOTFOUND/.test(err.message)) throw new UserError(`cannot connect to the database: ${err.message}`);
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
