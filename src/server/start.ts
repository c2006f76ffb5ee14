/** Starts the portal: open (and migrate) the store, seed on first start, listen. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Store } from '../store/store.ts';
import { createApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import type { PortalOptions } from './context.ts';

export interface StartOptions extends PortalOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  pgSchema?: string;
  demoPasswords?: Record<string, string>;
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
    seed = await bootstrap(store, { passwords: o.demoPasswords });
  } catch (e) {
    await store.close();
    throw e;
  }
  const app = createApp(store, o);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 3000, hostname: o.host ?? '0.0.0.0' }, () => resolve(s));
    s.once('error', reject);
  });
  const http = server as import('node:http').Server;
  http.requestTimeout = 120_000;
  http.headersTimeout = 30_000;
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    seed,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}
