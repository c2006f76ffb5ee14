import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseBudget } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { writeInputWorkbook } from '../input/write-input-workbook.ts';
import { buildDisclosure } from '../generate/build-disclosure.ts';
import { writeZip } from '../util/zip-writer.ts';
import { Store } from '../store/store.ts';
import { loadPackage } from './load-package.ts';
import { disclosureHash, packageFiles, writePackageDir, type PackageFile } from './package-manifest.ts';
import { PackageUnreadable, verifyPackage } from './verify-package.ts';

const root = new URL('../../', import.meta.url).pathname;
let disclosure: Disclosure;
let files: PackageFile[];
const tmp = mkdtempSync(join(tmpdir(), 'gk-verify-'));

before(async () => {
  const json = JSON.parse(readFileSync(join(root, 'fixtures/yingkou-2024/budget.json'), 'utf8'));
  disclosure = buildDisclosure(parseBudget(json).budget).disclosure;
  files = packageFiles(
    disclosure,
    [
      { path: 'yingkou-2024.xlsx', data: await writeInputWorkbook(json) },
      { path: 'README.txt', data: Buffer.from('营口市营商环境建设中心 2024 年预算公开数据包\n') },
    ],
    { version: 1 },
  );
});
after(() => rmSync(tmp, { recursive: true, force: true }));

const asMap = (fs: PackageFile[]) => new Map(fs.map((f) => [f.path, f.data]));

test('the package hash is the store’s content hash of the published disclosure', async () => {
  const store = await Store.open({ sqliteFile: ':memory:' });
  try {
    await store.upsertUnit({ code: disclosure.unit.code, name: disclosure.unit.name, regionCode: '210800', kind: '事业', scope: 'unit', departmentCode: null, approvalDate: null });
    const v = await store.publish({ unitCode: disclosure.unit.code, year: 2024, disclosure, budget: null, findings: [], reason: '首次公开', actor: 't' });
    const stored = await store.getVersion(disclosure.unit.code, 2024, v.version);
    assert.equal(disclosureHash(stored!.disclosure), v.contentHash);
    assert.doesNotThrow(() => packageFiles(stored!.disclosure as Disclosure, [], { contentHash: v.contentHash }));
    assert.throws(() => packageFiles(disclosure, [], { contentHash: 'sha256:' + '0'.repeat(64) }), /differs/);
  } finally {
    await store.close();
  }
});

test('an intact package verifies; every kind of tampering is reported', () => {
  const ok = verifyPackage(asMap(files));
  assert.equal(ok.intact, true, ok.problems.join('\n'));
  assert.equal(ok.actualHash, ok.statedHash);
  assert.equal(ok.filesChecked, 3);
  assert.equal(ok.unit?.code, disclosure.unit.code);

  // One printed amount changed in table 1 (1,861.38 → 1,861.39), manifest left alone.
  const text = Buffer.from(asMap(files).get('disclosure.json')!).toString('utf8');
  assert.ok(text.includes('1,861.38'));
  const edited = asMap(files);
  edited.set('disclosure.json', Buffer.from(text.replace('1,861.38', '1,861.39')));
  const r1 = verifyPackage(edited);
  assert.equal(r1.intact, false);
  assert.ok(r1.problems.some((p) => /内容哈希/.test(p)));
  assert.ok(r1.problems.some((p) => /disclosure\.json 的 sha256/.test(p)));

  const flipped = asMap(files);
  const x = Buffer.from(flipped.get('yingkou-2024.xlsx')!);
  x[x.length >> 1] = x[x.length >> 1]! ^ 0x01;
  flipped.set('yingkou-2024.xlsx', x);
  assert.deepEqual(verifyPackage(flipped).problems.length, 1);

  const missing = asMap(files);
  missing.delete('README.txt');
  assert.match(verifyPackage(missing).problems.join(), /缺少清单所列文件 README\.txt/);

  const extra = asMap(files);
  extra.set('evil.html', Buffer.from('<script>alert(1)</script>'));
  assert.match(verifyPackage(extra).problems.join(), /多出清单未列的文件 evil\.html/);

  // Disclosure and manifest rewritten consistently: only the hash published on the portal catches it.
  const forged = packageFiles({ ...disclosure, unit: { ...disclosure.unit, name: '伪造单位' } }, []);
  assert.equal(verifyPackage(asMap(forged)).intact, true);
  assert.equal(verifyPackage(asMap(forged), { expect: ok.statedHash }).intact, false);
  assert.equal(verifyPackage(asMap(files), { expect: ok.statedHash }).intact, true);

  assert.throws(() => verifyPackage(new Map([['disclosure.json', Buffer.from('{}')]])), PackageUnreadable);
  const badManifest = asMap(files);
  badManifest.set('manifest.json', Buffer.from('['.repeat(100_000)));
  assert.throws(() => verifyPackage(badManifest), PackageUnreadable);
});

test('packages load from a directory, a zip, and URLs (zip, manifest, published-version JSON)', async () => {
  const dir = join(tmp, 'pkg');
  writePackageDir(dir, files);
  assert.equal(verifyPackage(await loadPackage(dir)).intact, true);
  const zipPath = join(tmp, 'pkg.zip');
  const zip = await writeZip(files.map((f) => ({ name: f.path, data: f.data })));
  writeFileSync(zipPath, zip);
  assert.equal(verifyPackage(await loadPackage(zipPath)).intact, true);

  const hash = disclosureHash(disclosure);
  const server = createServer((req, res) => {
    const name = req.url!.replace(/^\/pkg\//, '');
    if (req.url === '/pkg.zip') return res.end(zip);
    if (req.url === '/version.json') return res.end(JSON.stringify({ unitCode: disclosure.unit.code, version: 1, contentHash: hash, disclosure }));
    if (req.url === '/tampered.json') return res.end(JSON.stringify({ contentHash: hash, disclosure: { ...disclosure, year: 2023 } }));
    const f = files.find((x) => x.path === name);
    if (f) return res.end(f.data);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal(verifyPackage(await loadPackage(`${base}/pkg.zip`)).intact, true);
    assert.equal(verifyPackage(await loadPackage(`${base}/pkg/manifest.json`)).intact, true);
    assert.equal(verifyPackage(await loadPackage(`${base}/version.json`)).intact, true);
    assert.equal(verifyPackage(await loadPackage(`${base}/tampered.json`)).intact, false);
    await assert.rejects(loadPackage(`${base}/nothing`), PackageUnreadable);
  } finally {
    server.close();
  }
});

test('gongkai verify exits 0 intact, 1 tampered, 2 unreadable — one line, no stack trace', () => {
  const dir = join(tmp, 'cli');
  writePackageDir(dir, files);
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/gongkai.js'), 'verify', ...args], { encoding: 'utf8', timeout: 60_000 });
  const ok = run(dir);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /完好/);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'README.txt'), 'changed');
  const bad = run(dir);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /已被篡改[\s\S]*README\.txt/);
  unlinkSync(join(dir, 'manifest.json'));
  const gone = run(dir);
  assert.equal(gone.status, 2);
  assert.equal(gone.stderr.trim().split('\n').length, 1);
  assert.doesNotMatch(gone.stderr, /\n\s+at /);
  assert.equal(run(join(tmp, 'no-such-dir')).status, 2);
  assert.equal(run(dir, '--expect', 'nonsense').status, 2);
  assert.ok(m.contentHash.startsWith('sha256:'));
});
