import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { InputRejected } from './guards.ts';
import { readDisclosureFile, UnreadableInputError } from './index.ts';
import { minimalPdf } from './pdf/minimal-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-read-'));
const CORPUS = new URL('../../fixtures/corpus/', import.meta.url);
const yingkou = new URL('yingkou-business-env-center-2024-budget.txt', CORPUS).pathname;

async function fails(path: string, pattern: RegExp) {
  await assert.rejects(readDisclosureFile(path), (e: unknown) => {
    assert.ok(e instanceof UnreadableInputError, String(e));
    assert.ok(!e.message.includes('\n'), 'one line');
    assert.match(e.message, pattern);
    assert.ok(e.message.startsWith(path), 'names the file');
    return true;
  });
}

test('garbage in: one-line errors naming the file', async () => {
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  await fails(empty, /文件是空的/);
  const blank = join(dir, 'blank.txt');
  writeFileSync(blank, ' \n\n \f\n');
  await fails(blank, /文件是空的/);
  const bin = join(dir, 'binary.txt');
  writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  await fails(bin, /二进制/);
  const binNoExt = join(dir, 'blob');
  writeFileSync(binNoExt, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  await fails(binNoExt, /二进制/);
  const prose = join(dir, 'letter.txt');
  writeFileSync(prose, '各位同事：\n\n下周一上午九点在三楼会议室开会，请准时参加。\n\n办公室\n');
  await fails(prose, /可能不是预算公开文件/);
  await fails(join(dir, 'missing.txt'), /文件不存在/);
  const badJson = join(dir, 'bad.json');
  writeFileSync(badJson, '{"unit": {"code": "1"}}');
  await fails(badJson, /不是 disclosure\.json：字段 unit\.name/);
  const pdf = join(dir, 'x.pdf');
  writeFileSync(pdf, '%PDF-1.4\n');
  await fails(pdf, /PDF 已损坏，无法读取/);
  const scan = join(dir, 'scan.pdf');
  writeFileSync(scan, minimalPdf(['0.5 w 72 72 400 600 re S']));
  await fails(scan, /该PDF没有文字层（可能为扫描件），无法读取/);
});

test('a non-PDF named .pdf: one-line 415 naming the file', async () => {
  const fake = join(dir, 'letter.pdf');
  writeFileSync(fake, '各位同事：下周一开会。\n');
  await assert.rejects(readDisclosureFile(fake), (e: unknown) => {
    assert.ok(e instanceof InputRejected, String(e));
    assert.equal(e.status, 415);
    assert.ok(e.message.startsWith(fake) && !e.message.includes('\n'), e.message);
    assert.match(e.message, /不是 PDF 格式/);
    return true;
  });
});

test('dispatch: .txt (also GBK without extension hints), disclosure.json round trip', async () => {
  const fromTxt = await readDisclosureFile(yingkou);
  assert.equal(fromTxt.disclosure.template, 'liaoning-2024');
  assert.equal(fromTxt.disclosure.source?.format, 'txt');
  const gbk = join(dir, 'yingkou-gbk.txt');
  writeFileSync(gbk, iconv.encode((await import('node:fs')).readFileSync(yingkou, 'utf8'), 'gbk'));
  const fromGbk = await readDisclosureFile(gbk);
  assert.deepEqual(
    fromGbk.disclosure.tables.map((t) => t.rows),
    fromTxt.disclosure.tables.map((t) => t.rows),
  );
  const json = join(dir, 'disclosure.json');
  writeFileSync(json, JSON.stringify(fromTxt.disclosure));
  const fromJson = await readDisclosureFile(json);
  assert.deepEqual(fromJson.disclosure, fromTxt.disclosure);
  assert.deepEqual(fromJson.problems, []);
});
