/**
 * Every module imported at run time is in `dependencies`: a clean copy of the project installed with
 * `npm ci --omit=dev` (no TypeScript, no test tools, no yauzl-as-dev) checks a PDF, a workbook and a
 * text document with `node bin/gongkai.js check`. Needs the npm registry (a minute or two, most of
 * it compiling better-sqlite3); skipped with a message when the registry cannot be reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateOrThrow } from '../../src/pipeline/generate.ts';
import { renderPdf } from '../../src/render/pdf.ts';
import { renderXlsx } from '../../src/render/xlsx.ts';

const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm ci --omit=dev in a clean copy, then check reads a PDF, a workbook and a text document', { timeout: 900_000 }, async (t) => {
  const ping = spawnSync(npm, ['ping'], { encoding: 'utf8', timeout: 30_000 });
  if (ping.status !== 0) return t.skip(`npm registry unreachable (npm ping: ${(ping.stderr || ping.error?.message || '').trim().split('\n').pop()}); the --omit=dev install is not tested`);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-omit-dev-'));
  try {
    // The project as a clone has it: tracked files (the real-document corpus left out, it is large).
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !f.startsWith('fixtures/real/') && existsSync(join(root, f)));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(join(root, f), join(dir, f));
    }
    const install = spawnSync(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, encoding: 'utf8', timeout: 800_000 });
    assert.equal(install.status, 0, `npm ci --omit=dev failed (exit ${install.status}, signal ${install.signal}):\n${(install.stdout + install.stderr).slice(-3000)}`);
    assert.ok(!existsSync(join(dir, 'node_modules/typescript')), 'dev dependencies are not installed');

    // The documents: Gongkai's own PDF and workbook of the Yingkou budget (made by this checkout), a published text.
    const budget = JSON.parse(readFileSync(join(root, 'fixtures/yingkou-2024/budget.json'), 'utf8'));
    const d = generateOrThrow(budget, 'yingkou').disclosure;
    const docs = join(dir, 'docs-to-check');
    mkdirSync(docs);
    writeFileSync(join(docs, 'yingkou.pdf'), await renderPdf(d));
    writeFileSync(join(docs, 'yingkou.xlsx'), await renderXlsx(d));
    copyFileSync(join(root, 'fixtures/corpus/yingkou-business-env-center-2024-budget.txt'), join(docs, 'yingkou.txt'));
    for (const name of ['yingkou.pdf', 'yingkou.xlsx', 'yingkou.txt']) {
      const env = { ...process.env };
      delete env.GONGKAI_FROM_SOURCE;
      delete env.NODE_OPTIONS;
      const r = spawnSync(process.execPath, ['bin/gongkai.js', 'check', join(docs, name)], { cwd: dir, encoding: 'utf8', env, timeout: 180_000 });
      assert.ok(r.status === 0 || r.status === 1, `check ${name} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
      assert.doesNotMatch(r.stderr, /ERR_MODULE_NOT_FOUND|Cannot find (module|package)|\n\s+at /, `check ${name}: ${r.stderr.slice(-2000)}`);
      assert.match(r.stdout + r.stderr, /营口市营商环境建设中心/, `check ${name} names the unit`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
