/** Starts the portal: open (and migrate) the store, seed on first start, listen. */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Store } from '../store/store.ts';
import { createPortalApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import type { PortalOptions } from './context.ts';
import { JobPool, type JobPoolOptions } from './job-pool.ts';
import { moduleUrl } from '../util/module-url.ts';

export interface StartOptions extends PortalOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  pgSchema?: string;
  /** Known passwords for the demo accounts (tests); giving them implies `demo`. */
  demoPasswords?: Record<string, string>;
  /**
   * Demo mode: an empty database is seeded with the Yingkou example and demo accounts
   * (bootstrap.ts). Off by default — a production portal starts empty and its first admin account
   * is made with `gongkai user add`. Default: on when `demoPasswords` is given.
   */
  demo?: boolean;
  /** The worker threads that check uploads and render downloads (threads, queue, time and memory per job). */
  jobs?: Omit<JobPoolOptions, 'handler'>;
}

export interface RunningPortal {
  url: string;
  port: number;
  store: Store;
  seed: BootstrapResult;
  close(): Promise<void>;
}

export async function startPortal(o: StartOptions = {}): Promise<RunningPortal> {
  const store = await Store.open({ databaseUrl: o.databaseUrl, dataDir: o.dataDir, pgSchema: o.pgSchema });
  let seed: BootstrapResult;
  try {
    const demo = o.demo ?? o.demoPasswords !== undefined;
    seed = demo ? await bootstrap(store, { passwords: o.demoPasswords }) : { seeded: false, accounts: [] };
  } catch (e) {
    await store.close();
    throw e;
  }
  // Reading, checking and rendering run in worker threads: this thread answers pages and /health.
  const pool = o.pool ?? new JobPool({ handler: moduleUrl('./jobs.ts', import.meta.url), ...o.jobs });
  const { app } = createPortalApp(store, { ...o, pool });
  const host = o.host ?? '0.0.0.0';
  // One request path: every request goes through hono (public pages carry ETag and Cache-Control;
  // in production a reverse proxy or CDN in front caches them).
  const server = createServer(getRequestListener(app.fetch, { hostname: host }));
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 3000, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    seed,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      if (!o.pool) await pool.close();
      await store.close();
    },
  };
}
