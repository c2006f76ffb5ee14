import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { generateOrThrow } from '../pipeline/generate.ts';
import { verifyPackage } from '../integrity/verify-package.ts';
import { LIMITS } from '../read/guards.ts';
import { unzipGuarded } from '../read/unzip.ts';
import { contentHash } from '../store/canonical-json.ts';
import type { PublishedVersion, Unit } from '../store/store.ts';
import { exportArchive, INDEX_HEADER } from './oversight-export.ts';
import { packageZip } from './package-archive.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
const generated = generateOrThrow(yingkou, 'yingkou');

const unit = (i: number): Unit => ({ code: `9${String(i).padStart(5, '0')}`, name: `单位${i}`, regionCode: '210800', kind: '事业', scope: 'unit', departmentCode: null, approvalDate: null }) as Unit;

/** A published version of the Yingkou disclosure under the unit's code. */
function versionOf(u: Unit): PublishedVersion {
  const disclosure = { ...generated.disclosure, unit: { ...generated.disclosure.unit, code: u.code, name: u.name } };
  return {
    id: u.code,
    unitCode: u.code,
    year: 2024,
    version: 1,
    disclosure,
    budget: yingkou,
    findings: generated.findings,
    contentHash: contentHash(disclosure),
    reason: '',
    publishedBy: 'test',
    publishedAt: '2024-02-20T08:00:00.000Z',
  };
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('the export holds one verifiable package per published unit, then index.csv; a unit that fails to pack is listed', async () => {
  const units = Array.from({ length: 6 }, (_, i) => unit(i));
  const { stream, done } = exportArchive(
    {
      units,
      getVersion: async (code) => (code === units[2]!.code ? undefined : versionOf(units.find((u) => u.code === code)!)),
      pack: async (v) => {
        if (v.unitCode === units[4]!.code) throw new Error('打包超时');
        return packageZip(v, { documents: false });
      },
    },
    2024,
  );
  const outer = await unzipGuarded(await collect(stream), 'export.zip');
  assert.deepEqual([...outer.keys()], [units[0], units[1], units[3], units[5]].map((u) => `${u!.code}.zip`).concat('index.csv'));
  const inner = await unzipGuarded(outer.get(`${units[0]!.code}.zip`)!, 'inner.zip');
  const report = verifyPackage(new Map([...inner].map(([k, v]) => [k, new Uint8Array(v)])));
  assert.equal(report.intact, true, JSON.stringify(report));
  const index = outer.get('index.csv')!.toString('utf8');
  assert.ok(index.startsWith('\uFEFF' + INDEX_HEADER.join(',') + '\r\n'));
  assert.match(index, new RegExp(`${units[4]!.code},单位4,2024,1,sha256:[0-9a-f]+,2024-02-20T08:00:00.000Z,未能打包：打包超时`));
  assert.equal((await done).units, 4);
});

test('flat memory: while the client reads nothing, at most a few units are packed, however many there are', async () => {
  const run = async (count: number) => {
    let packed = 0;
    const { stream, done } = exportArchive(
      {
        units: Array.from({ length: count }, (_, i) => unit(i)),
        getVersion: async (code) => ({ ...versionOf(unit(0)), unitCode: code }),
        pack: async () => (packed++, randomBytes(64 << 10)),
      },
      2024,
    );
    await new Promise((r) => setTimeout(r, 300));
    const before = packed;
    const bytes = await collect(stream);
    assert.equal((await done).units, count);
    return { before, entries: (await unzipGuarded(bytes, 'export.zip', { ...LIMITS, fileBytes: 1 << 30 })).size };
  };
  const small = await run(20);
  const large = await run(200);
  assert.ok(small.before <= 4 && large.before <= 4, `packed before the client read: ${small.before}, ${large.before}`);
  assert.equal(small.entries, 21);
  assert.equal(large.entries, 201);
});
