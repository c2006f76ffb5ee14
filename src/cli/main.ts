/**
 * The `gongkai` command line. Each command lives in src/cli/commands/<name>.ts and exports
 * `register(program)`; this file discovers them so commands can be added without touching it.
 * Heavy modules are imported inside each action, so `--help` stays fast.
 */
import { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/user-error.ts';

const here = dirname(fileURLToPath(import.meta.url));
const program = new Command();
program
  .name('gongkai')
  .description('公开 Gongkai — 部门/单位预算公开：生成、检查、发布 (generate, check and publish budget disclosures)')
  .showHelpAfterError();

// Sources end in .ts; the compiled copy in dist/ (bin/gongkai.js runs it when current) in .js.
const ext = import.meta.url.endsWith('.js') ? '.js' : '.ts';
const files = readdirSync(join(here, 'commands'))
  .filter((f) => f.endsWith(ext) && !f.endsWith(`.test${ext}`) && !f.endsWith('.d.ts'))
  .sort();
for (const f of files) {
  const mod = (await import(join(here, 'commands', f))) as { register?: (p: Command) => void };
  mod.register?.(program);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(e);
}

function reportError(e: unknown): number {
  // Input refused by the read guards (too large, hostile, wrong kind): a user error, exit 2.
  if (e instanceof UserError || (e instanceof Error && e.name === 'InputRejected')) {
    process.stderr.write(`gongkai: ${e.message}\n`);
    return e instanceof UserError ? e.exitCode : 2;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`gongkai: internal error: ${msg}\n`);
  if (process.env.GONGKAI_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  return 70;
}
