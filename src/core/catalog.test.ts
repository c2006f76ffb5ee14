import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogYearFor, govEconFor, loadCatalog } from './catalog.ts';
import { importCatalog } from './catalog-import.ts';
import { DATA_DIR } from './template.ts';

test('the 2024 catalog carries the shared partial catalogs and the corpus pairs', () => {
  const cat = loadCatalog(2024);
  assert.equal(cat.function.get('2010350')?.name, '事业运行');
  assert.equal(cat.function.get('2010350')?.parent, '20103');
  assert.equal(cat.function.get('20103')?.level, 2);
  assert.equal(cat.deptEcon.get('30239')?.name, '其他交通费用');
  assert.equal(cat.function.get('201')?.level, 1);
  assert.match(cat.functionDescriptions.get('2210201') ?? '', /住房公积金/);
});

test('a year without its own folder uses the newest earlier one', () => {
  assert.equal(catalogYearFor(2025), 2024);
  assert.equal(catalogYearFor(2019), 2024);
});

test('department → government economic correspondence depends on the unit kind', () => {
  const cat = loadCatalog(2024);
  assert.equal(govEconFor(cat, '30101', '行政'), '50101');
  assert.equal(govEconFor(cat, '30101', '事业'), '50501');
  assert.equal(govEconFor(cat, '30201', '事业'), '50502');
  assert.equal(govEconFor(cat, '30201', '参公'), '50201');
  assert.equal(govEconFor(cat, '30199', '行政'), '50199');
  assert.equal(govEconFor(cat, '30302', '事业'), '50905');
  assert.equal(govEconFor(cat, '39999', '行政'), undefined);
});

test('importing an official edition from CSV writes a catalog the loader uses', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cat-'));
  mkdirSync(join(root, '2030'));
  cpSync(join(DATA_DIR, 'catalogs', '2024', 'econ_dept_partial.csv'), join(root, '2030', 'econ_dept_partial.csv'));
  const src = join(root, 'official.csv');
  writeFileSync(src, '2030年支出功能分类科目\n科目编码,科目名称,说明\n201,一般公共服务支出,\n201 03,政府办公厅（室）及相关机构事务,\n2010350,事业运行,反映事业单位的基本支出\n20103501,坏行,\n');
  const r = await importCatalog(src, 2030, 'function', root);
  assert.equal(r.rows, 3);
  assert.equal(r.malformed.length, 1);
  assert.equal(r.malformed[0]!.line, 6);
  assert.match(readFileSync(r.file, 'utf8'), /20103,政府办公厅（室）及相关机构事务,2,201/);
  const cat = loadCatalog(2030, root);
  assert.equal(cat.function.get('2010350')?.parent, '20103');
  // An imported edition is the official list in full: codes it lacks become errors (budget-validate.ts).
  assert.deepEqual(cat.complete, { function: true, deptEcon: false, govEcon: false });
});

test('the lists shipped are partial: no kind is marked complete', () => {
  assert.deepEqual(loadCatalog(2024).complete, { function: false, deptEcon: false, govEcon: false });
});
