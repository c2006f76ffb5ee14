/** Starts the portal: open (and migrate) the store, seed on first start, listen. */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Store } from '../store/store.ts';
import { createPortalApp } from './app.ts';
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
  const { app, direct } = createPortalApp(store, o);
  const host = o.host ?? '0.0.0.0';
  const hono = getRequestListener(app.fetch, { hostname: host });
  // Cached public pages are answered before hono when they can be (direct-hits.ts).
  const server = createServer(direct ? (req, res) => direct.handle(req, res, () => hono(req, res)) : hono);
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
      await store.close();
    },
  };
}
