import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNDING_SOURCES, type BudgetInput } from '../core/budget.ts';
import { validateBudget } from '../core/budget-validate.ts';
import { yuanToFen } from '../core/money.ts';
import { effectiveIncome } from '../generate/department-budget.ts';
import { SYNTH_MANIFEST, writeSynth } from './write-synth.ts';

const tmp = (name: string) => mkdtempSync(join(tmpdir(), `gongkai-synth-${name}-`));
const walk = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, join(rel, e.name)) : [join(rel, e.name)]))
    .sort();
const load = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BudgetInput;

const dirA = tmp('a');
const UNITS = 40;
const result = await writeSynth({ units: UNITS, seed: 7, outDir: dirA });
const unitFiles = walk(join(dirA, 'units'));
const deptFiles = walk(join(dirA, 'departments'));

test('the manifest is a hidden file beside the budgets: every visible file is a budget', () => {
  assert.equal(result.manifest, join(dirA, SYNTH_MANIFEST));
  const manifest = JSON.parse(readFileSync(result.manifest, 'utf8')) as { units: number; seed: number };
  assert.deepEqual([manifest.units, manifest.seed], [UNITS, 7]);
  const visible = walk(dirA).filter((f) => !f.split(/[\\/]/).some((part) => part.startsWith('.')));
  assert.equal(visible.length, unitFiles.length + deptFiles.length, 'only units/ and departments/ budgets');
  for (const f of visible) assert.deepEqual(validateBudget(load(join(dirA, f))).errors, [], `${f} is a valid budget`);
});

test('same seed → byte-identical files; another seed → different budgets', async () => {
  const dirB = tmp('b');
  const dirC = tmp('c');
  try {
    await writeSynth({ units: UNITS, seed: 7, outDir: dirB });
    await writeSynth({ units: UNITS, seed: 8, outDir: dirC });
    assert.deepEqual(walk(dirB), walk(dirA));
    for (const f of walk(dirA)) assert.ok(readFileSync(join(dirA, f)).equals(readFileSync(join(dirB, f))), `${f} differs between two runs with seed 7`);
    const first = unitFiles[0]!;
    assert.notEqual(readFileSync(join(dirA, 'units', first), 'utf8'), readFileSync(join(dirC, 'units', first), 'utf8'));
  } finally {
    rmSync(dirB, { recursive: true, force: true });
    rmSync(dirC, { recursive: true, force: true });
  }
});

test('writes the requested number of units, grouped in departments, with the announced shape', () => {
  assert.equal(result.units, UNITS);
  assert.equal(unitFiles.length, UNITS);
  assert.equal(deptFiles.length, result.departments);
  assert.ok(result.departments > 1 && result.departments < UNITS, 'units are grouped into departments');
  const kinds = new Set<string>();
  for (const f of unitFiles) {
    const b = load(join(dirA, 'units', f));
    const [deptCode, file] = f.split(/[\\/]/);
    assert.equal(b.scope, 'unit');
    assert.equal(b.year, 2024);
    assert.equal(`${b.unit.code}.json`, file, 'file named by unit code');
    assert.ok(b.unit.code.startsWith(deptCode!), `${b.unit.code} carries its department code ${deptCode}`);
    assert.ok(b.lines.length >= 50 && b.lines.length <= 400, `${f}: ${b.lines.length} lines`);
    assert.ok((b.projects ?? []).length <= 40);
    kinds.add(b.unit.kind);
  }
  assert.ok(kinds.has('行政') && kinds.has('事业'), `a mix of unit kinds, got ${[...kinds]}`);
  const all = unitFiles.map((f) => load(join(dirA, 'units', f)));
  assert.ok(
    all.some((b) => (b.projects ?? []).length > 5),
    'some units have many projects',
  );
  assert.ok(all.some((b) => (b.procurement ?? []).length > 0) && all.some((b) => (b.purchasedServices ?? []).length > 0), 'procurement and purchased services occur');
  assert.ok(
    all.some((b) => b.prior?.total !== undefined && b.reasons?.total),
    'prior-year figures with reasons occur',
  );
});

test('every unit and department budget validates with no errors against the 2024 catalog', () => {
  for (const f of [...unitFiles.map((x) => join('units', x)), ...deptFiles.map((x) => join('departments', x))]) {
    const r = validateBudget(load(join(dirA, f)));
    assert.deepEqual(r.errors, [], `${f}: ${r.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  }
});

test('a department budget is the sum of its units', () => {
  for (const f of deptFiles) {
    const code = f.replace(/\.json$/, '');
    const dept = load(join(dirA, 'departments', f));
    const units = walk(join(dirA, 'units', code)).map((u) => load(join(dirA, 'units', code, u)));
    assert.equal(dept.scope, 'department');
    assert.deepEqual(
      dept.units?.map((u) => u.code),
      units.map((u) => u.unit.code),
    );
    const key = (l: BudgetInput['lines'][number], unit: string) => `${unit}|${l.functionCode}|${l.econCode}|${l.kind}|${l.source ?? 'general'}`;
    const sums = new Map<string, number>();
    for (const u of units) for (const l of u.lines) sums.set(key(l, u.unit.code), (sums.get(key(l, u.unit.code)) ?? 0) + yuanToFen(l.amount));
    for (const l of dept.lines) sums.set(key(l, l.unit!), (sums.get(key(l, l.unit!)) ?? 0) - yuanToFen(l.amount));
    assert.ok(
      [...sums.values()].every((v) => v === 0),
      `department ${code}: lines differ from the sum of its units`,
    );
    for (const s of FUNDING_SOURCES)
      assert.equal(
        effectiveIncome(dept, s),
        units.reduce((a, u) => a + effectiveIncome(u, s), 0),
        `department ${code} income ${s}`,
      );
    assert.equal(
      dept.projects?.length,
      units.reduce((a, u) => a + (u.projects ?? []).length, 0),
    );
    const tp = (b: BudgetInput) => yuanToFen(b.threePublic?.vehicleRunning ?? 0);
    assert.equal(
      tp(dept),
      units.reduce((a, u) => a + tp(u), 0),
    );
  }
});

test.after(() => rmSync(dirA, { recursive: true, force: true }));
