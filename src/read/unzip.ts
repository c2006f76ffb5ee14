/**
 * Entries of an untrusted zip (a data package, an export archive), after the archive checks of
 * guards.ts (entry count, declared and actual sizes, DOCTYPE in XML). Names with "..", absolute
 * paths or backslashes are refused, so extracting never writes outside the target.
 */
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { checkXlsxArchive, InputRejected, LIMITS, type Limits } from './guards.ts';

export async function unzipGuarded(input: Uint8Array, what = 'zip 文件', limits: Limits = LIMITS): Promise<Map<string, Buffer>> {
  await checkXlsxArchive(input, what, limits);
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.length);
  const zip = await new Promise<ZipFile>((res, rej) =>
    fromBuffer(buf, { lazyEntries: true, strictFileNames: true }, (e, z) => (e ? rej(new InputRejected(`${what}已损坏（${e.message}）`, 400)) : res(z))),
  );
  const out = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    const fail = (m: string) => {
      zip.close();
      reject(new InputRejected(m, 400));
    };
    zip.on('error', (e: Error) => fail(`${what}已损坏（${e.message}）`));
    zip.on('end', () => resolve(out));
    zip.on('entry', (entry: Entry) => {
      const name = entry.fileName;
      if (name.endsWith('/')) return zip.readEntry();
      if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) return fail(`${what}含有不安全的条目名 ${name}`);
      if (out.has(name)) return fail(`${what}含有重复的条目 ${name}`);
      zip.openReadStream(entry, (err, s) => {
        if (err) return fail(`${what}的条目 ${name} 无法解压（${err.message}）`);
        const parts: Buffer[] = [];
        s.on('data', (c: Buffer) => parts.push(c));
        s.on('error', (e: Error) => fail(`${what}的条目 ${name} 无法解压（${e.message}）`));
        s.on('end', () => {
          out.set(name, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
