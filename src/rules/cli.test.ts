/** `gongkai check` and `gongkai rules` from the outside: output shapes, exit codes, the rules doc. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulesMarkdown } from './rules-doc.ts';
import { RULES } from './index.ts';
import { ROLLUP_RULES } from './rollup.ts';

const root = new URL('../../', import.meta.url).pathname;
const gongkai = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/gongkai.js'), ...args], { cwd: root, encoding: 'utf8' });

test('check --json on the Yingkou text: exact shape, summary counts, exit 1', () => {
  const r = gongkai('check', 'fixtures/corpus/yingkou-business-env-center-2024-budget.txt', '--json');
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; summary: Record<string, number> };
  assert.deepEqual(Object.keys(out).sort(), ['findings', 'summary']);
  assert.deepEqual(Object.keys(out.summary).sort(), ['error', 'info', 'warning']);
  for (const f of out.findings) {
    for (const k of Object.keys(f)) assert.ok(['rule', 'severity', 'message', 'location', 'expected', 'found'].includes(k), k);
    for (const k of Object.keys(f.location as object)) assert.ok(['table', 'row', 'column', 'section'].includes(k), k);
  }
  assert.equal(out.summary.error, out.findings.filter((f) => f.severity === 'error').length);
  // most severe first
  const order = out.findings.map((f) => ['error', 'warning', 'info'].indexOf(f.severity as string));
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
});

test('check on a budget.json builds the package and finds no errors (exit 0), with --score', () => {
  const r = gongkai('check', 'fixtures/yingkou-2024/budget.json', '--score');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /错误 0/);
  assert.match(r.stdout, /自评分：[\d.]+ \/ 100/);
  assert.match(r.stdout, /绩效目标｜项目绩效目标覆盖与质量/);
});

test('check --score on the reference text: points lost per item with the findings behind them', () => {
  const r = gongkai('check', 'fixtures/corpus/yingkou-business-env-center-2024-budget.txt', '--json', '--score');
  const out = JSON.parse(r.stdout) as { score: { total: number; max: number; items: { id: string; lost: number; reasons: { rule?: string }[] }[] } };
  const tables = out.score.items.find((i) => i.id === 'tables')!;
  assert.equal(tables.lost, 20);
  assert.ok(tables.reasons.filter((x) => x.rule === 'table.missing').length === 8);
  const arithmetic = out.score.items.find((i) => i.id === 'arithmetic')!;
  assert.equal(arithmetic.lost, 0);
  assert.ok(out.score.items.find((i) => i.id === 'three-public')!.lost > 0);
  assert.ok(out.score.total < out.score.max);
});

test('check: unreadable input exits 2 with one line and no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-check-'));
  const cases: [string, string | Buffer][] = [
    ['empty.txt', ''],
    ['binary.txt', Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7])],
    ['bad.json', '{ not json'],
    ['prose.txt', '今天天气很好，我们去公园散步。\n'.repeat(20)],
  ];
  for (const [name, content] of cases) {
    writeFileSync(join(dir, name), content);
    const r = gongkai('check', join(dir, name));
    assert.equal(r.status, 2, `${name}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.equal(gongkai('check', join(dir, 'missing.txt')).status, 2);
});

test('rules --json lists every rule with id, severity, title and basis', () => {
  const r = gongkai('rules', '--json');
  assert.equal(r.status, 0);
  const rules = JSON.parse(r.stdout) as { id: string; severity: string; title: string; basis: string }[];
  assert.deepEqual(
    rules.map((x) => x.id),
    [...RULES.map((x) => x.id), ...ROLLUP_RULES.map((x) => x.id)],
  );
  for (const x of rules) assert.ok(x.id && x.title && x.basis && ['error', 'warning', 'info'].includes(x.severity), x.id);
  assert.equal(new Set(rules.map((x) => x.id)).size, rules.length);
});

test('docs/rules.md is up to date (regenerate: node --import tsx scripts/gen-rules-doc.ts)', () => {
  assert.equal(readFileSync(join(root, 'docs/rules.md'), 'utf8'), rulesMarkdown());
});

test('check <department> --units <unit files>: roll-up findings join the department findings; an unreadable unit file exits 2', () => {
  const r = gongkai('check', 'fixtures/corpus/01_shanghai-putuo-sifaju-2026-dept-budget.txt', '--units', 'fixtures/corpus/02_shanghai-putuo-sifaju-2026-unit-budget.txt', '--json');
  assert.equal(r.status, 1, r.stderr);
  const out = JSON.parse(r.stdout) as { findings: { rule: string; message: string; location: { table?: number; row?: string } }[] };
  const total = out.findings.find((f) => f.rule === 'rollup.function' && f.location.row === '合计');
  assert.ok(total);
  assert.match(total.message, /多出：合计9,322,805\.10元.*可能缺少下属单位/);
  assert.ok(
    out.findings.some((f) => f.rule === 'narrative.year-reference'),
    'the department file is still checked itself',
  );
  const bad = gongkai('check', 'fixtures/corpus/01_shanghai-putuo-sifaju-2026-dept-budget.txt', '--units', 'no-such-unit.txt');
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
});
