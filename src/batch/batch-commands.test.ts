import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSynth } from '../synth/write-synth.ts';
import { BATCH_EXIT, batchBuild, batchCheck } from './batch-commands.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-batch-'));
const input = join(root, 'in');
const out = join(root, 'out');
await writeSynth({ units: 6, seed: 11, outDir: input });
const units = join(input, 'units');
// One file that is not JSON and one that is JSON but not a valid budget.
mkdirSync(join(units, 'zzz'), { recursive: true });
writeFileSync(join(units, 'zzz', 'corrupt.json'), '{"year": 2024, "unit": {');
writeFileSync(join(units, 'zzz', 'invalid.json'), JSON.stringify({ year: 2024, unit: { code: 'x' }, lines: [] }));
const cli = join(import.meta.dirname, '../../bin/gongkai.js');

test('build --batch: bad inputs are reported by file name and skipped, the others are built; exit 3', () => {
  const r = spawnSync(process.execPath, [cli, 'build', '--batch', units, '-o', out, '--format', 'json', '--report', join(root, 'report.jsonl')], { encoding: 'utf8' });
  assert.equal(r.status, BATCH_EXIT.skipped, r.stderr);
  assert.match(r.stderr, /zzz[\\/]corrupt\.json：已跳过：不是有效的 JSON（第1行第\d+列）/);
  assert.match(r.stderr, /zzz[\\/]invalid\.json：已跳过：预算数据有 \d+ 处错误，未能生成/);
  assert.match(r.stderr, /已生成 6 个（共 8 个输入），用时 [\d.]+ 秒（每秒 \d+ 个）；.*跳过 2 个输入/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  const built = readFileSync(join(root, 'report.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; skipped?: string; findings?: unknown[] });
  assert.equal(built.length, 8);
  for (const rec of built.filter((x) => !x.skipped)) {
    const rel = rec.file.slice(units.length + 1).replace(/\.json$/, '');
    const d = JSON.parse(readFileSync(join(out, rel, 'disclosure.json'), 'utf8')) as { tables: unknown[]; findings: unknown[] };
    assert.ok(d.tables.length >= 17, `${rel}: the disclosure has its tables`);
    assert.ok(Array.isArray(d.findings), `${rel}: findings are written with the disclosure`);
    assert.ok(Array.isArray(rec.findings));
  }
  assert.equal(existsSync(join(out, 'zzz', 'corrupt')), false);
});

test('check --batch: reads every disclosure under a folder, reports an unreadable file and goes on', async () => {
  const docs = join(root, 'docs');
  mkdirSync(docs);
  copyFileSync(join(import.meta.dirname, '../../fixtures/corpus/yingkou-business-env-center-2024-budget.txt'), join(docs, 'yingkou.txt'));
  writeFileSync(join(docs, 'empty.txt'), '');
  const { summary, exitCode } = await batchCheck({ inputs: [docs, out], progress: false, threads: 2 });
  assert.equal(summary.failed, 1, 'the empty file is skipped');
  assert.equal(summary.done, 7, 'the corpus document and the six built disclosures are checked');
  assert.ok(summary.errors > 0, 'the Yingkou document has known defects');
  assert.equal(exitCode, BATCH_EXIT.skipped);
});

test('build --batch --format html,data: each unit folder gets what gongkai build writes beside disclosure.json', async () => {
  const some = join(root, 'formats-in');
  mkdirSync(some);
  const dept = readdirSync(units)
    .filter((d) => d !== 'zzz')
    .sort()[0]!;
  const file = readdirSync(join(units, dept)).sort()[0]!;
  copyFileSync(join(units, dept, file), join(some, file));
  const budget = JSON.parse(readFileSync(join(some, file), 'utf8')) as { unit: { name: string } };
  const to = join(root, 'formats-out');
  const { summary } = await batchBuild({ inputs: [some], outDir: to, format: 'html,data', progress: false, threads: 1 });
  assert.equal(summary.done, 1);
  const dir = join(to, file.replace(/\.json$/, ''));
  assert.ok(readFileSync(join(dir, 'index.html'), 'utf8').includes(budget.unit.name), 'index.html names the unit');
  const pkg = JSON.parse(readFileSync(join(dir, 'data', 'datapackage.json'), 'utf8')) as { resources: unknown[] };
  assert.ok(pkg.resources.length >= 17, 'the data package lists the tables');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'data', 'budget.json'), 'utf8')), JSON.parse(readFileSync(join(some, file), 'utf8')), 'the input budget goes into data/');
  assert.equal(existsSync(join(dir, 'disclosure.xlsx')), false, 'only the formats asked for');
});

test.after(() => rmSync(root, { recursive: true, force: true }));
