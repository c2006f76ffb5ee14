/**
 * What the browser tests share: Debian's Chromium (no browser downloads), the demo accounts, and a
 * portal with demo data on a random loopback port in a temporary folder, with a headless browser.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startPortal, type RunningPortal } from '../../src/server/start.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const DEMO_PASSWORDS = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };

/** Outside CI a machine without Chromium skips the browser tests; in CI (CI=true) a missing browser is a failure. */
export const skipWithoutChromium = !process.env.CI && !existsSync(CHROMIUM) && `no chromium at ${CHROMIUM}`;

export interface PortalInBrowser {
  /** The temporary folder (the portal's data is under data/); tests may write files here. */
  dir: string;
  portal: RunningPortal;
  browser: Browser;
  close(): Promise<void>;
}

/** A demo portal (`prefix` names its temporary folder) and a headless Chromium; `close` ends both and removes the folder. */
export async function portalInBrowser(prefix: string): Promise<PortalInBrowser> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), demoPasswords: DEMO_PASSWORDS, log: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    dir,
    portal,
    browser,
    async close() {
      await browser.close();
      await portal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
