/**
 * Test helpers: unzip an archive into its entries and build zips byte by byte, including hostile
 * ones (declared sizes that lie, stored bombs, thousands of entries), which no zip library writes.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** 8 = deflate (default), 0 = stored. */
  method?: 0 | 8;
  /** Uncompressed size written into the headers; defaults to the truth. */
  declaredSize?: number;
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function unzipEntries(buf: Buffer): Promise<ZipEntrySpec[]> {
  const zip = await new Promise<ZipFile>((res, rej) => fromBuffer(buf, { lazyEntries: true }, (e, z) => (e ? rej(e) : res(z))));
  const out: ZipEntrySpec[] = [];
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry: Entry) =>
      zip.openReadStream(entry, (err, s) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('error', reject);
        s.on('end', () => {
          out.push({ name: entry.fileName, data: Buffer.concat(parts) });
          zip.readEntry();
        });
      }),
    );
    zip.readEntry();
  });
}

/** The archive with one entry's content replaced (or added). */
export async function replaceEntry(buf: Buffer, name: string, edit: (old: string) => string): Promise<Buffer> {
  const entries = await unzipEntries(buf);
  const hit = entries.find((e) => e.name === name);
  if (hit) hit.data = Buffer.from(edit(hit.data.toString('utf8')), 'utf8');
  else entries.push({ name, data: Buffer.from(edit(''), 'utf8') });
  return buildZip(entries);
}
