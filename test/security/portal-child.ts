/**
 * The portal as a separate process for kill tests: `node --import tsx portal-child.ts '<json>'` starts
 * it on a free port with known demo passwords and prints one line {"port":…} when listening.
 * Options: { dataDir?, databaseUrl?, pgSchema? }.
 */
import { startPortal } from '../../src/server/start.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

if (!process.argv[2]) throw new Error('usage: portal-child.ts <options json>');
const o = JSON.parse(process.argv[2]) as { dataDir?: string; databaseUrl?: string; pgSchema?: string };
const portal = await startPortal({ port: 0, host: '127.0.0.1', ...o, demoPasswords: CHILD_PASSWORDS, log: () => {} });
process.stdout.write(JSON.stringify({ port: portal.port }) + '\n');
