import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { writeZip } from './zip-writer.ts';

interface YauzlEntry {
  fileName: string;
}
interface YauzlZip {
  on(ev: 'entry', f: (e: YauzlEntry) => void): void;
  on(ev: 'end', f: () => void): void;
  readEntry(): void;
  openReadStream(e: YauzlEntry, cb: (err: Error | null, s?: NodeJS.ReadableStream) => void): void;
}
const yauzl = createRequire(import.meta.url)('yauzl') as {
  fromBuffer(b: Buffer, o: object, cb: (err: Error | null, zip?: YauzlZip) => void): void;
};

function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on('entry', (e) =>
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c) => chunks.push(c as Buffer));
          s.on('end', () => (out.set(e.fileName, Buffer.concat(chunks)), zip.readEntry()));
        }),
      );
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('zip writer', () => {
  it('writes an archive that yauzl and unzip read back byte for byte (UTF-8 names, stored and deflated)', async () => {
    const text = Buffer.from('营口市营商环境建设中心 1,861.38\n'.repeat(200));
    const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251));
    const zip = writeZip([
      { name: '041002/2024/公开.txt', data: text },
      { name: 'bin.dat', data: random },
      { name: 'empty.txt', data: new Uint8Array() },
    ]);
    const back = await readZip(zip);
    assert.deepEqual([...back.keys()], ['041002/2024/公开.txt', 'bin.dat', 'empty.txt']);
    assert.ok(back.get('041002/2024/公开.txt')!.equals(text));
    assert.ok(back.get('bin.dat')!.equals(random));
    assert.ok(zip.length < text.length, 'text was deflated');
    const dir = mkdtempSync(join(tmpdir(), 'gk-zip-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zip);
      const listing = execFileSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
      assert.match(listing, /No errors detected/);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses path traversal and duplicate names', () => {
    assert.throws(() => writeZip([{ name: '../x', data: new Uint8Array() }]), /bad entry/);
    assert.throws(() => writeZip([{ name: 'a', data: new Uint8Array() }, { name: 'a', data: new Uint8Array() }]), /duplicate/);
  });
});
