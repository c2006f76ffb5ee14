import assert from 'node:assert/strict';
import { test } from 'node:test';
import { writeInputWorkbook } from '../input/write-input-workbook.ts';
import { buildZip, replaceEntry, unzipEntries } from '../../test/fuzz/zip-tools.ts';
import { LIMITS, InputRejected, checkJsonDepth, checkPdfBytes, checkTextShape, checkXlsxArchive, parseJsonGuarded } from './guards.ts';

const rejects = async (p: Promise<unknown> | (() => unknown), status: number, pattern: RegExp) => {
  const run = typeof p === 'function' ? Promise.resolve().then(p) : p;
  await assert.rejects(run, (e: unknown) => {
    assert.ok(e instanceof InputRejected, `expected InputRejected, got ${String(e)}`);
    assert.equal(e.status, status);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });
};

test('the portal input template passes the xlsx archive check', async () => {
  const buf = await writeInputWorkbook();
  const s = await checkXlsxArchive(buf);
  assert.ok(s.entries >= 5);
  assert.ok(s.uncompressedBytes > buf.length);
});

test('DOCTYPE and ENTITY declarations in any XML part are refused, also in UTF-16', async () => {
  const buf = await writeInputWorkbook();
  const names = (await unzipEntries(buf)).map((e) => e.name);
  const sheet = names.find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
  const withDoctype = await replaceEntry(buf, sheet, (x) => x.replace('?>', '?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'));
  await rejects(checkXlsxArchive(withDoctype), 400, /DOCTYPE\/ENTITY/);
  const utf16 = buildZip([
    ...(await unzipEntries(buf)).filter((e) => e.name !== 'xl/workbook.xml'),
    { name: 'xl/workbook.xml', data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><!doctype x SYSTEM "file:///etc/passwd"><workbook/>', 'utf16le')]) },
  ]);
  await rejects(checkXlsxArchive(utf16), 400, /xl\/workbook\.xml/);
  // A declaration split across two inflate chunks is still seen.
  const pad = 'x'.repeat(65_530);
  const split = buildZip([{ name: 'a.xml', data: Buffer.from(`<r>${pad}<!DOCTYPE r></r>`) }]);
  await rejects(checkXlsxArchive(split), 400, /DOCTYPE/);
});

test('a zip entry that inflates to more than it declares is refused, memory bounded', async () => {
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const before = process.memoryUsage().rss;
  const liar = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 }]);
  await rejects(checkXlsxArchive(liar), 400, /实际大小与声明不符/);
  assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
});

test('a damaged entry (its data no longer matches its CRC-32) is refused before SheetJS sees it', async () => {
  const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><sheetData/></worksheet>'), method: 0 }]);
  // Stored data starts after the 30-byte local header and the 24-byte name: flip one letter.
  zip[30 + 'xl/worksheets/sheet1.xml'.length + 2]! ^= 0x20;
  await rejects(checkXlsxArchive(zip), 400, /校验和不符，文件已损坏/);
});

test('declared sizes over the caps are refused before inflating (zip bomb)', async () => {
  const bomb = buildZip([{ name: 'a.xml', data: Buffer.from('<a/>'), declaredSize: 0xfffffff0 }]);
  await rejects(checkXlsxArchive(bomb), 413, /上限|压缩炸弹/);
  // Many entries, each under the per-entry cap, together over the total.
  const many = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `e${i}.bin`, data: Buffer.from('x'), declaredSize: 60 * 1024 * 1024 })));
  await rejects(checkXlsxArchive(many), 413, /压缩炸弹/);
  // A real, honest deflate bomb: ratio far over the cap.
  const ratio = buildZip([{ name: 'a.xml', data: Buffer.alloc(8 * 1024 * 1024, 0x41) }]);
  await rejects(checkXlsxArchive(ratio), 413, /压缩比/);
});

test('entry count over the cap, wrong kind of file and truncation are refused with clear statuses', async () => {
  const many = buildZip(Array.from({ length: LIMITS.zipEntries + 1 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('1') })));
  await rejects(checkXlsxArchive(many), 413, /压缩条目/);
  await rejects(checkXlsxArchive(Buffer.from('%PDF-1.4 not a zip')), 415, /不是 \.xlsx/);
  const buf = await writeInputWorkbook();
  await rejects(checkXlsxArchive(buf.subarray(0, Math.floor(buf.length / 2))), 400, /损坏/);
  await rejects(checkXlsxArchive(Buffer.alloc(LIMITS.fileBytes + 1, 0x50)), 413, /过大/);
});

test('JSON nesting and text shape limits', async () => {
  await rejects(() => checkJsonDepth('['.repeat(200_000)), 400, /嵌套过深/);
  assert.doesNotThrow(() => checkJsonDepth(JSON.stringify({ a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[' })));
  assert.deepEqual(parseJsonGuarded('\uFEFF{"a":[1,2]}'), { a: [1, 2] });
  await rejects(() => parseJsonGuarded('{"a":'), 400, /不是有效的 JSON/);
  await rejects(() => checkTextShape('a\n' + 'x'.repeat(10 * 1024 * 1024)), 413, /过长/);
  await rejects(() => checkTextShape('a\n' + 'x'.repeat(LIMITS.lineChars + 1)), 400, /第 2 行过长/);
  assert.doesNotThrow(() => checkTextShape('一\n二\n'));
});

test('PDF signature and object cap', async () => {
  await rejects(() => checkPdfBytes(Buffer.from('<html>')), 415, /不是 PDF/);
  const objs = Buffer.from('%PDF-1.7\n' + Array.from({ length: 50 }, (_, i) => `${i + 1} 0 obj\n<<>>\nendobj\n`).join(''));
  assert.doesNotThrow(() => checkPdfBytes(objs));
  await rejects(() => checkPdfBytes(objs, 'PDF 文件', { ...LIMITS, pdfObjects: 10 }), 413, /对象/);
});
