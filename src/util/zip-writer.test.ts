import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { writeZip, ZipStream } from './zip-writer.ts';

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
    const zip = await writeZip([
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

  it('refuses path traversal and duplicate names', async () => {
    await assert.rejects(writeZip([{ name: '../x', data: new Uint8Array() }]), /bad entry/);
    await assert.rejects(
      writeZip([
        { name: 'a', data: new Uint8Array() },
        { name: 'a', data: new Uint8Array() },
      ]),
      /duplicate/,
    );
    const z = new ZipStream();
    void z.add({ name: 'a', data: new Uint8Array() });
    assert.throws(() => z.add({ name: 'a', data: new Uint8Array() }), /duplicate/);
  });

  it('writes more than 65,535 entries as ZIP64, which yauzl and unzip read (stored: deflating 65,600 tiny entries is slow and beside the point)', async () => {
    const n = 65_600;
    const zip = await writeZip(Array.from({ length: n }, (_, i) => ({ name: `u${Math.floor(i / 100)}/${i}.txt`, data: Buffer.from(String(i)), store: true })));
    const back = await readZip(zip);
    assert.equal(back.size, n);
    assert.equal(back.get('u655/65599.txt')!.toString(), '65599');
    assert.ok(zip.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06])), 'has a ZIP64 end of central directory record');
    const dir = mkdtempSync(join(tmpdir(), 'gk-zip64-'));
    try {
      writeFileSync(join(dir, 'a.zip'), zip);
      const listing = execFileSync('unzip', ['-l', join(dir, 'a.zip')], { encoding: 'utf8', maxBuffer: 64 << 20 });
      assert.match(listing, new RegExp(`${n} files`));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams: an entry is handed over only when the reader has taken what came before', async () => {
    const z = new ZipStream();
    // Incompressible, so the first entry cannot vanish into the stream's buffers.
    const big = randomBytes(4 << 20);
    const first = z.add({ name: 'a.bin', data: big });
    const second = z.add({ name: 'b.bin', data: big });
    let secondTaken = false;
    void second.then(() => (secondTaken = true));
    await first;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(secondTaken, false, 'nothing read yet, so the second entry waits');
    z.end();
    const parts: Buffer[] = [];
    for await (const c of z.stream) parts.push(c as Buffer);
    assert.equal(secondTaken, true);
    const back = await readZip(Buffer.concat(parts));
    assert.ok(back.get('b.bin')!.equals(big));
  });

  it("lets go of an entry's bytes once they are in the archive, though the archive is not finished", async () => {
    // gc() without --expose-gc on the command line: the flag set at run time, gc taken from a fresh context.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const z = new ZipStream();
    const drained = (async () => {
      for await (const _ of z.stream) void _;
    })();
    const refs: WeakRef<Uint8Array>[] = [];
    for (let i = 0; i < 4; i++) {
      const entry = { name: `u${i}.zip`, data: randomBytes(1 << 20), store: true };
      refs.push(new WeakRef(entry.data));
      await z.add(entry);
    }
    await new Promise((r) => setTimeout(r, 20));
    gc();
    // The last one may still be on its way through the stream.
    assert.deepEqual(
      refs.slice(0, -1).map((r) => r.deref() === undefined),
      [true, true, true],
      'every entry pumped before the last is collectable while the archive is open',
    );
    z.end();
    await drained;
  });
});
