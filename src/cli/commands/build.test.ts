import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/gongkai.js', 'build', ...args], { encoding: 'utf8' });
const tmp = () => mkdtempSync(join(tmpdir(), 'gongkai-build-'));

test('gongkai build writes disclosure.json for the Yingkou fixture', () => {
  const out = tmp();
  const r = run('fixtures/yingkou-2024/budget.json', '-o', out);
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(readFileSync(join(out, 'disclosure.json'), 'utf8'));
  assert.equal(d.template, 'liaoning-2024');
  assert.equal(d.tables.filter((t: { no: number }) => t.no === 17).length, 9);
  assert.equal(d.unit.name, '营口市营商环境建设中心（营口市公共资源交易中心）');
  for (const f of ['index.html', 'disclosure.xlsx', 'disclosure.pdf', 'data/datapackage.json', 'findings.json']) assert.ok(existsSync(join(out, f)), `${f} written by default`);
  const findings = JSON.parse(readFileSync(join(out, 'findings.json'), 'utf8'));
  assert.equal(findings.summary.error, 0, 'the generated package has no error findings');
  assert.match(r.stderr, /检查结果/, 'the checker report is printed');
});

test('unreadable or invalid JSON is one clear line and exit 2', () => {
  const dir = tmp();
  const missing = run(join(dir, 'nope.json'), '-o', dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^gongkai: .*nope\.json：无法读取文件（文件不存在）\n$/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"year": 2024,');
  const r = run(bad, '-o', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.json：不是有效的 JSON/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('validation errors are listed one per line with their field path, exit 2', () => {
  const dir = tmp();
  const b = JSON.parse(readFileSync('fixtures/yingkou-2024/budget.json', 'utf8'));
  b.lines[3].functionCode = '1990101';
  b.lines[20].projectId = 'P99';
  const f = join(dir, 'budget.json');
  writeFileSync(f, JSON.stringify(b));
  const r = run(f, '-o', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^  第1行第\d+列：第4条支出明细（lines\[3\]）功能分类科目编码 1990101 不是支出功能分类科目/m);
  assert.match(r.stderr, /^  第1行第\d+列：第21条支出明细（lines\[20\]）项目编号“P99”在项目清单（projects）中不存在/m);
});

test('warnings are printed and the build still succeeds', () => {
  const dir = tmp();
  const b = JSON.parse(readFileSync('fixtures/yingkou-2024/budget.json', 'utf8'));
  b.lines[0].econCode = '30909';
  const f = join(dir, 'budget.json');
  writeFileSync(f, JSON.stringify(b));
  const r = run(f, '-o', dir, '--format', 'json');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^警告：第1行第\d+列：第1条支出明细（lines\[0\]）部门经济分类科目编码 30909 不在已收录的2024年部门预算支出经济分类科目（不完整）中/m);
});
