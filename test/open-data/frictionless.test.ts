/**
 * The open-data package as a real client reads it: the Frictionless JavaScript library
 * (`datapackage` 1.1.10 from npm) loads datapackage.json, validates it (as `tabular-data-package`,
 * which the fiscal profile extends; the client does not know the name `fiscal-data-package`) and
 * reads every resource with its Table Schema — for the Yingkou package and 50 random budgets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrThrow } from '../../src/pipeline/generate.ts';
import { writeDataPackage } from '../../src/render/write-formats.ts';
import { randomBudget } from '../../src/synth/random-budget.ts';

interface FdResource {
  name: string;
  tabular: boolean;
  read(opts: { keyed?: boolean; cast?: boolean }): Promise<Record<string, unknown>[]>;
}
interface FdPackage {
  valid: boolean;
  errors: Error[];
  resources: FdResource[];
}
const { Package } = createRequire(import.meta.url)('datapackage') as { Package: { load(descriptor: object, opts: { basePath: string; strict?: boolean }): Promise<FdPackage> } };

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

/** Writes the package, loads it with the client and reads every resource; returns the rows read. */
async function readWithClient(budget: unknown, label: string): Promise<{ descriptor: Record<string, unknown>; rows: Map<string, Record<string, unknown>[]> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gk-frictionless-'));
  try {
    await writeDataPackage(generateOrThrow(budget, label).disclosure, budget, dir);
    const descriptor = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(descriptor.profile, 'fiscal-data-package');
    const pkg = await Package.load({ ...descriptor, profile: 'tabular-data-package' }, { basePath: dir });
    assert.equal(pkg.valid, true, `${label}: ${pkg.errors.map((e) => e.message).join('; ')}`);
    const rows = new Map<string, Record<string, unknown>[]>();
    for (const r of pkg.resources) {
      assert.ok(r.tabular, `${label}: ${r.name} is tabular`);
      rows.set(r.name, await r.read({ keyed: true }));
    }
    return { descriptor, rows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the Yingkou package validates and every resource reads with the Frictionless client', async () => {
  const { descriptor, rows } = await readWithClient(yingkou, 'yingkou');
  const t2 = rows.get('table-2')!;
  // One header row, codes, names and amounts in their own columns, amounts as numbers in 万元.
  const row = t2.find((r) => r['科目编码'] === '2010350')!;
  assert.equal(row['科目名称'], '事业运行');
  assert.equal(Number(row['合计']), 792.49);
  const total = rows.get('table-1')!.find((r) => r['收 入/项 目'] === '一、一般公共预算拨款收入')!;
  assert.equal(Number(total['收 入/预算数']), 1861.38);
  type Res = { name: string; model?: { measures: Record<string, { source: string; direction: string; factor: number; fundingSource?: string }>; dimensions: Record<string, { levels?: unknown[] }> } };
  const resources = descriptor.resources as Res[];
  const income = resources.find((r) => r.name === 'table-2')!.model!;
  assert.ok(
    Object.values(income.measures).every((m) => m.direction === 'revenue' && m.factor === 10000),
    'income is revenue, in 万元',
  );
  assert.ok(income.dimensions['functional-classification']?.levels?.length === 3, 'function classification with 类/款/项');
  assert.ok(income.dimensions['funding-source'], 'funding source dimension');
  const summary = resources.find((r) => r.name === 'table-1')!.model!;
  assert.deepEqual(
    Object.values(summary.measures).map((m) => m.direction),
    ['revenue', 'expenditure'],
  );
  assert.ok(resources.find((r) => r.name === 'table-12')!.model!.dimensions['economic-classification']);
  assert.ok(rows.get('glossary')!.length > 0);
});

test('50 random budgets: every package validates and every resource reads', async () => {
  for (let seed = 1; seed <= 50; seed++) await readWithClient(randomBudget(seed), `seed-${seed}`);
});
