#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner. Node 20's `--test` does not
// find .ts files by itself, so the file list is passed explicitly. Extra args filter by path substring.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === 'node_modules' || e.startsWith('.')) continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [...walk('src'), ...walk('test')].filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// The whole suite starts with the type check (the tests run through tsx, which strips types unread)
// and the lint.
if (filters.length === 0) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit'], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('类型检查未通过（tsc），测试未运行');
    process.exit(tsc.status ?? 1);
  }
  // Then Biome (lint rules and the format) and the layer check (scripts/check-layers.mjs): npm run lint.
  const lint = spawnSync('npm', ['run', '--silent', 'lint'], { stdio: 'inherit' });
  if (lint.status !== 0) {
    console.error('代码检查未通过（npm run lint：Biome 的规则与格式，或层次检查；格式可用 npm run format 改好），测试未运行');
    process.exit(lint.status ?? 1);
  }
}
// Tests that time the portal under load (a p99 bound) run after the others, alone: on a 2-core
// machine a second test file running beside them measures the machine, not the portal.
const ALONE = /portal-bounds\.test\.ts$/;
const together = files.filter((f) => !ALONE.test(f));
const alone = files.filter((f) => ALONE.test(f));
const run = (list, concurrency) =>
  list.length === 0 ? 0 : (spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...list], { stdio: 'inherit' }).status ?? 1);
const first = run(together, 2);
const second = run(alone, 1);
process.exit(first || second);
