/**
 * The `gongkai` command line. Each command lives in src/cli/commands/<name>.ts and exports
 * `register(program)`; this file discovers them so commands can be added without touching it.
 * Heavy modules are imported inside each action, so `--help` stays fast.
 */
import { Command } from 'commander';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../core/user-error.ts';
import { localizeCommander } from './localize.ts';

// Output piped into a reader that stops early (`gongkai rules | head`): end quietly, not with an
// EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

const here = dirname(fileURLToPath(import.meta.url));
// src/cli/ and dist/cli/ are both two folders below the package root.
const { version } = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
const program = localizeCommander(new Command());
program.name('gongkai').description('公开 Gongkai — 部门/单位预算公开：生成、检查、发布').version(`gongkai ${version}`, '-V, --version', '显示版本号');

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
  process.stderr.write(`gongkai: 内部错误：${msg}${process.env.GONGKAI_DEBUG ? '' : '（设置环境变量 GONGKAI_DEBUG=1 可看到详细信息）'}\n`);
  if (process.env.GONGKAI_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  return 70;
}
