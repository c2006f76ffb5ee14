import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/gongkai.js', 'template', 'check', ...args], { encoding: 'utf8' });
const TESTDATA = 'src/core/testdata/templates';

test('gongkai template check passes on every file in data/templates', () => {
  const files = readdirSync('data/templates')
    .filter((f) => f.endsWith('.json'))
    .map((f) => `data/templates/${f}`);
  const r = run(...files);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`共 ${files.length} 个模板，全部有效`));
  assert.match(r.stdout, /shanghai-2024-final\.json：有效（.*仅用于读取）/);
});

test('gongkai template check locates each problem by line, column and field; exit 1', () => {
  const r = run(`${TESTDATA}/unknown-measure.json`, `${TESTDATA}/missing-header.json`, `${TESTDATA}/unknown-key.json`, `${TESTDATA}/unknown-layout.json`, `${TESTDATA}/valid-minimal.json`);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /unknown-measure\.json 第20行第38列 tables\[1\]\.measures\[2\]：.*不能计算金额栏“toSuperior”/);
  assert.match(r.stdout, /missing-header\.json 第17行第5列 tables\[1\]\.header：缺少必填字段“header”/);
  assert.match(r.stdout, /unknown-key\.json 第18行第16列 tables\[1\]\.key：key“spending-summary”不是任何规则知道的表角色/);
  assert.match(r.stdout, /unknown-layout\.json 第18行第57列 tables\[1\]\.layout：未知的版式“matrix-of-codes”/);
  assert.match(r.stdout, /valid-minimal\.json：有效/);
  assert.match(r.stdout, /共 5 个模板，4 个有问题/);
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at |internal error/);
});

test('an unknown template id names the ones there are', () => {
  const r = run('no-such-template');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /没有名为“no-such-template”的模板（可用：.*liaoning-2024/);
});

test('building with a reading-only template is refused with a clear message', () => {
  const r = spawnSync(process.execPath, ['bin/gongkai.js', 'build', 'fixtures/yingkou-2024/budget.json', '--template', 'shanghai-2024-final', '-o', '/tmp/gongkai-refused'], { encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /模板“shanghai-2024-final”（.*）只用于读取已公开的决算文件，不能用于生成/);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
});

test('building with an invalid template is one line naming the template file and the field', () => {
  const r = spawnSync(process.execPath, ['bin/gongkai.js', 'build', 'fixtures/yingkou-2024/budget.json', '--template', `${TESTDATA}/unknown-measure.json`, '-o', '/tmp/gongkai-refused'], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^gongkai: .*budget\.json：未能生成：模板 src\/core\/testdata\/templates\/unknown-measure\.json：tables\[1\]\.measures\[2\]：.*“toSuperior”/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('checking with an unknown or invalid --template is one clear line, not a silent fallback', () => {
  const check = (template: string) => spawnSync(process.execPath, ['bin/gongkai.js', 'check', 'fixtures/yingkou-2024/budget.json', '--template', template], { encoding: 'utf8' });
  const unknown = check('no-such-template');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^gongkai: 模板 .*no-such-template\.json：没有名为“no-such-template”的模板/);
  const invalid = check(`${TESTDATA}/unknown-layout.json`);
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /unknown-layout\.json：tables\[1\]\.layout：未知的版式“matrix-of-codes”/);
});
