/**
 * Everything the command line says is Chinese: the help of every command, typical mistakes, a
 * build, a check and a batch are run and their output scanned for English sentences
 * (test/support/english-sentences.ts). English stays only in ids, code, flags and file names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { englishSentences } from './support/english-sentences.ts';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'bin', 'gongkai.js');
const tmp = mkdtempSync(join(tmpdir(), 'gongkai-cli-messages-'));
const yingkou = join(root, 'fixtures', 'yingkou-2024', 'budget.json');
const corpusTxt = join(root, 'fixtures', 'corpus', 'yingkou-business-env-center-2024-budget.txt');

interface Run {
  args: string[];
  status: number | null;
  stdout: string;
  stderr: string;
}

function gongkai(args: string[], opts: { json?: boolean } = {}): Promise<Run & { json?: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, GONGKAI_DEBUG: '' } }, (error, stdout, stderr) => {
      resolve({ args, status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, json: opts.json });
    });
  });
}

/** Scans what a run printed; stdout that is JSON data (schema, --json, read) is data, not a message. */
function english(r: Run & { json?: boolean }): string[] {
  const text = r.json ? r.stderr : `${r.stdout}\n${r.stderr}`;
  return englishSentences(text).map((s) => `gongkai ${r.args.join(' ')}: “${s.words}” in: ${s.line}`);
}

const budgetWith = (name: string, mutate: (b: Record<string, any>) => void) => {
  const b = JSON.parse(readFileSync(yingkou, 'utf8'));
  mutate(b);
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(b, null, 2));
  return file;
};

test('every command’s help is Chinese', async () => {
  const top = await gongkai(['--help']);
  const commands = [...top.stdout.matchAll(/^ {2}([a-z][\w-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  assert.ok(commands.length >= 10, `commands listed: ${commands.join(', ')}; stderr: ${top.stderr}`);
  const helps = [top, ...(await Promise.all(commands.map((c) => gongkai([c, '--help']))))];
  // Commands with subcommands (catalog, user, …): the help of each subcommand too.
  const subs: string[][] = [];
  for (const h of helps.slice(1)) {
    const section = h.stdout.split(/^命令：$/m)[1];
    if (!section) continue;
    for (const m of section.matchAll(/^ {2}([a-z][\w-]*)\b/gm)) if (m[1] !== 'help') subs.push([h.args[0]!, m[1]!, '--help']);
  }
  helps.push(...(await Promise.all(subs.map((s) => gongkai(s)))));
  for (const h of helps) assert.equal(h.status, 0, `${h.args.join(' ')}: ${h.stderr}`);
  assert.deepEqual(helps.flatMap(english), []);
  // Help texts match what each command accepts: check and read take PDF, Excel and web pages.
  for (const c of ['check', 'read']) assert.match(helps.find((h) => h.args[0] === c)!.stdout, /\.pdf.*\.xlsx.*\.html/s, `${c} --help names what it reads`);
});

test('typical mistakes get one Chinese line each, no stack trace', async () => {
  const negative = budgetWith('negative.json', (b) => (b.lines[3].amount = -1617000));
  const misspelt = budgetWith('misspelt.json', (b) => ((b.lines[0].amout = b.lines[0].amount), delete b.lines[0].amount, (b.incme = {})));
  const notJson = join(tmp, 'not.json');
  writeFileSync(notJson, '{"year": 2024,');
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  const runs = await Promise.all([
    gongkai(['bild']),
    gongkai(['check', '--jsn', yingkou]),
    gongkai(['build', yingkou]),
    gongkai(['build', '-o', tmp]),
    gongkai(['build', join(tmp, 'missing.json'), '-o', tmp]),
    gongkai(['build', notJson, '-o', tmp]),
    gongkai(['build', negative, '-o', join(tmp, 'neg')]),
    gongkai(['build', misspelt, '-o', join(tmp, 'mis')]),
    gongkai(['build', '--batch', tmp, '-o', join(tmp, 'b'), '--format', 'docx']),
    gongkai(['check']),
    gongkai(['check', join(tmp, 'missing.pdf')]),
    gongkai(['check', empty]),
    gongkai(['read', join(tmp, 'missing.pdf')]),
    gongkai(['check', '--batch', tmp, '--threads', 'x']),
    gongkai(['verify', tmp, '--expect', 'abc']),
    gongkai(['synth', '--units', '0', '-o', join(tmp, 's0')]),
    gongkai(['catalog', 'show', '2990101', '--year', '2024']),
    gongkai(['catalog', 'import', join(tmp, 'missing.csv'), '--year', '2024']),
    gongkai(['serve', '--port', 'x']),
  ]);
  for (const r of runs) {
    assert.notEqual(r.status, 0, `${r.args.join(' ')} fails`);
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error|内部错误/, `${r.args.join(' ')}: no stack trace, no internal error:\n${r.stderr}`);
    assert.ok(/[\u4e00-\u9fff]/.test(r.stderr + r.stdout), `${r.args.join(' ')} says something in Chinese: ${r.stderr}`);
  }
  assert.deepEqual(runs.flatMap(english), []);
  const neg = runs[6]!;
  assert.equal(neg.status, 2);
  assert.match(neg.stderr, /第\d+行第\d+列：第4条支出明细（lines\[3\]）金额不能为负数（现为 -1617000）/);
  assert.match(runs[7]!.stderr, /第1条支出明细（lines\[0\]）中的未知字段 amout，是否应为 amount？/);
  assert.match(runs[7]!.stderr, /未知字段 incme，是否应为 income？/);
  assert.match(runs[0]!.stderr, /未知命令 bild（是否应为 build？）/);
});

test('a build, a check, a read, a round trip, a code the partial catalog lacks, and --version', async () => {
  const unknownCode = budgetWith('unknown-code.json', (b) => (b.lines[5].econCode = '39999'));
  const runs = await Promise.all([
    gongkai(['build', yingkou, '-o', join(tmp, 'yk'), '--format', 'json']),
    gongkai(['build', unknownCode, '-o', join(tmp, 'uc'), '--format', 'json']),
    gongkai(['check', corpusTxt]),
    gongkai(['check', corpusTxt, '--score']),
    gongkai(['read', corpusTxt, '-o', join(tmp, 'read.json')]),
    gongkai(['catalog', 'show', '2010350', '--year', '2024']),
    gongkai(['rules']),
    gongkai(['--version']),
    gongkai(['roundtrip', yingkou, '--format', 'html,data']),
  ]);
  assert.deepEqual(runs.flatMap(english), []);
  assert.equal(runs[0]!.status, 0, runs[0]!.stderr);
  // 39999 (其他支出) is a real code missing from the partial lists shipped: a located warning naming the fix.
  assert.equal(runs[1]!.status, 0, runs[1]!.stderr);
  assert.match(runs[1]!.stderr, /^警告：第\d+行第\d+列：第6条支出明细（lines\[5\]）部门经济分类科目编码 39999 不在已收录的2024年部门预算支出经济分类科目（不完整）中.*codeNames/m);
  assert.doesNotMatch(runs[1]!.stderr, /印为空名称/, 'the missing name is said once, at the line');
  assert.equal(runs[2]!.status, 1, 'the corpus document has known errors');
  assert.match(runs[5]!.stdout, /^2010350 事业运行（项，上级 20103；2024 年科目表）$/m);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(runs[7]!.stdout.trim(), `gongkai ${version}`);
  assert.match(runs[8]!.stdout, /^html  完全一致（\d+ 毫秒）$/m);
});

test('synth -o s, then build --batch s and check --batch: the manifest is not taken for a budget', async () => {
  const s = join(tmp, 'synth');
  const synth = await gongkai(['synth', '--units', '4', '--seed', '2', '-o', s]);
  assert.equal(synth.status, 0, synth.stderr);
  const build = await gongkai(['build', '--batch', s, '-o', join(tmp, 'synth-out'), '--threads', '2']);
  assert.equal(build.status, 0, build.stderr);
  assert.match(build.stderr, /已生成 \d+ 个（共 \d+ 个输入），用时 [\d.]+ 秒（每秒 \d+ 个）；.*跳过 0 个输入/);
  mkdirSync(join(tmp, 'bad-batch'));
  writeFileSync(join(tmp, 'bad-batch', 'broken.json'), '{');
  const check = await gongkai(['check', '--batch', join(tmp, 'synth-out'), join(tmp, 'bad-batch'), '--threads', '2']);
  assert.equal(check.status, 3, check.stderr);
  assert.match(check.stderr, /broken\.json：已跳过：/);
  assert.deepEqual([synth, build, check].flatMap(english), []);
});

test('output piped into a reader that stops early ends quietly (no EPIPE stack trace)', () => {
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" rules | head -1`], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
  assert.doesNotMatch(r.stderr, /EPIPE|\n\s+at /);
});
