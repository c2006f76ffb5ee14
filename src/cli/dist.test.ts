// The compiled CLI (scripts/build.mjs → dist/) behaves as the sources do, and bin/gongkai.js only
// runs it while it is current. The build here goes to a folder of its own at the repository root
// (.dist-test-<pid>), the same depth as dist/, so the repository's dist/ is left alone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distIsCurrent } from '../../bin/dist-current.js';

const root = join(import.meta.dirname, '../..');
const outName = `.dist-test-${process.pid}`;
const out = join(root, outName);
after(() => rmSync(out, { recursive: true, force: true }));

const node = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
const fromDist = (...args: string[]) => node([join(out, 'cli/main.js'), ...args]);
const fromSource = (...args: string[]) => node(['--import', 'tsx', 'src/cli/main.ts', ...args]);

test('the compiled CLI gives what the sources give: help, check of a text, build of a budget, check --batch on worker threads', () => {
  const b = node(['scripts/build.mjs', '--out', outName, '--quiet']);
  assert.equal(b.status, 0, b.stderr);
  assert.ok(existsSync(join(out, 'cli/main.js')) && existsSync(join(out, 'batch/worker-boot.mjs')));
  assert.ok(!existsSync(join(out, 'cli/dist.test.js')), 'tests are not compiled');
  const built = JSON.parse(readFileSync(join(out, '.build.json'), 'utf8'));
  assert.ok(typeof built.builtAt === 'number' && built.files > 100);

  const help = fromDist('--help');
  assert.equal(help.status, 0, help.stderr);
  assert.equal(help.stdout, fromSource('--help').stdout, 'every command is found in the compiled folder');

  const text = 'fixtures/corpus/yingkou-business-env-center-2024-budget.txt';
  const checked = fromDist('check', '--json', '--score', text);
  assert.equal(checked.status, 1, checked.stderr);
  assert.equal(checked.stdout, fromSource('check', '--json', '--score', text).stdout);

  // Templates and catalogs under data/ are found from the compiled code.
  const budgetCheck = fromDist('check', '--json', 'fixtures/yingkou-2024/budget.json');
  assert.equal(budgetCheck.status, 0, budgetCheck.stderr);
  assert.equal(budgetCheck.stdout, fromSource('check', '--json', 'fixtures/yingkou-2024/budget.json').stdout);

  // Worker threads run the compiled handler (src/batch/worker-boot.mjs, util/module-url.ts).
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-dist-'));
  const report = join(dir, 'r.jsonl');
  const batch = fromDist('check', '--threads', '2', '--batch', 'fixtures/corpus', '--report', report);
  assert.equal(batch.status, 1, batch.stderr);
  assert.match(batch.stderr, /已检查 5 个（共 5 个输入）.*；跳过 0 个输入/);
  const units = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).unit)
    .sort();
  assert.equal(units.length, 5);
  rmSync(dir, { recursive: true, force: true });
});

test('bin/dist-current.js: dist/ is used while no source file or folder is newer than its build', () => {
  const r = mkdtempSync(join(tmpdir(), 'gongkai-dist-current-'));
  mkdirSync(join(r, 'src/a'), { recursive: true });
  mkdirSync(join(r, 'dist'));
  const past = (p: string, s: number) => utimesSync(p, s, s);
  writeFileSync(join(r, 'src/a/x.ts'), '');
  writeFileSync(join(r, 'src/a/x.test.ts'), '');
  for (const p of ['src/a/x.ts', 'src/a/x.test.ts', 'src/a', 'src']) past(join(r, p), 1_000_000);
  assert.equal(distIsCurrent(r), false, 'no build record');
  writeFileSync(join(r, 'dist/.build.json'), JSON.stringify({ builtAt: 2_000_000_000 }));
  assert.equal(distIsCurrent(r), true);
  past(join(r, 'src/a/x.test.ts'), 3_000_000);
  assert.equal(distIsCurrent(r), true, 'a test file does not count');
  past(join(r, 'src/a/x.ts'), 3_000_000);
  assert.equal(distIsCurrent(r), false, 'an edited source');
  past(join(r, 'src/a/x.ts'), 1_000_000);
  writeFileSync(join(r, 'src/a/y.ts'), '');
  assert.equal(distIsCurrent(r), false, 'a new file');
  past(join(r, 'src/a/y.ts'), 1_000_000);
  past(join(r, 'src/a'), 1_000_000);
  assert.equal(distIsCurrent(r), true);
  rmSync(join(r, 'src/a/y.ts'));
  assert.equal(distIsCurrent(r), false, 'a removed file (its folder changed)');
  past(join(r, 'src/a'), 1_000_000);
  assert.equal(distIsCurrent(r), true);
  process.env.GONGKAI_FROM_SOURCE = '1';
  try {
    assert.equal(distIsCurrent(r), false, 'GONGKAI_FROM_SOURCE=1');
  } finally {
    delete process.env.GONGKAI_FROM_SOURCE;
  }
  rmSync(r, { recursive: true, force: true });
});
