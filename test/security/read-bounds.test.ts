/**
 * Every reader bounded (issue 17): a PDF decompression bomb refused in milliseconds with little
 * memory, the poppler child bounded, HTML that nests or repeats without end refused or read in
 * linear time, a long sheet read without overflowing the call stack.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as XLSX from '@e965/xlsx';
import { InputRejected } from '../../src/read/guards.ts';
import { parseHtml } from '../../src/read/html/dom.ts';
import { readDisclosureFile } from '../../src/read/index.ts';
import { trimRight } from '../../src/read/xlsx/printed-table.ts';
import { pdfBomb } from './pdf-bomb.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'gongkai-bounds-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('a PDF whose content stream inflates to 1 GiB is refused within 2 s and under 300 MB peak (checked in a child process, as gongkai check does)', () => {
  const file = join(dir, 'bomb.pdf');
  writeFileSync(file, pdfBomb(1 << 30));
  // The child checks the file through the one check path and reports its time and peak memory.
  const script = `
    import { checkFiles } from ${JSON.stringify(join(ROOT, 'src/pipeline/load-for-check.ts'))};
    const t = performance.now();
    let message = '';
    try { await checkFiles([${JSON.stringify(file)}]); } catch (e) { message = e.message; }
    console.log(JSON.stringify({ ms: performance.now() - t, maxRssKb: process.resourceUsage().maxRSS, message }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; maxRssKb: number; message: string };
  assert.match(r.message, /解压后超过 64\.0 MB，已拒绝/);
  assert.ok(r.ms < 2000, `refused after ${Math.round(r.ms)} ms`);
  assert.ok(r.maxRssKb < 300 * 1024, `peak ${Math.round(r.maxRssKb / 1024)} MB`);
});

test('the same bomb through the reader is a 413 InputRejected naming the file', async () => {
  const file = join(dir, 'bomb2.pdf');
  writeFileSync(file, pdfBomb(256 << 20));
  await assert.rejects(readDisclosureFile(file), (e: unknown) => e instanceof InputRejected && e.status === 413 && e.message.startsWith(file) && !e.message.includes('\n'));
});

test('HTML nested without end is refused with a Chinese message, fast', () => {
  const t = performance.now();
  assert.throws(
    () => parseHtml('<div>'.repeat(200_000)),
    (e: unknown) => e instanceof InputRejected && e.status === 400 && /嵌套超过 1000 层/.test(e.message),
  );
  assert.ok(performance.now() - t < 1000);
});

test('HTML work is linear: many <script> blocks and stray closing tags', () => {
  // Bounds generous for a busy machine; the quadratic versions took hours on these inputs.
  const scripts = '<p>x</p><script>var a=1;</script>'.repeat(150_000); // 5 MB
  let t = performance.now();
  const root = parseHtml(scripts);
  assert.equal(root.children.length, 150_000);
  assert.ok(performance.now() - t < 10_000, `scripts: ${Math.round(performance.now() - t)} ms`);
  const stray = '<div>'.repeat(900) + '</span>'.repeat(1_000_000); // 900 open elements, 1M closing tags that match none
  t = performance.now();
  parseHtml(stray);
  assert.ok(performance.now() - t < 10_000, `stray closing tags: ${Math.round(performance.now() - t)} ms`);
});

test('a sheet of 300,000 rows is trimmed without overflowing the call stack', () => {
  const rows = Array.from({ length: 300_000 }, (_, i) => [`${i}`, '1.00', '']);
  assert.equal(trimRight(rows)[0]!.length, 2);
});

test('a long legal workbook (a table continued on a sheet of 150,000 rows) is read, not a stack overflow', async () => {
  const wb = XLSX.utils.book_new();
  const head = [['表1'], ['收支总表'], ['单位：万元'], ['项目', '金额'], ['一、一般公共预算拨款收入', '1.00']];
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(head), '表1');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(Array.from({ length: 150_000 }, (_, i) => [`项目${i}`, '1.00'])), '续');
  const file = join(dir, 'long.xlsx');
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  const r = await readDisclosureFile(file);
  assert.ok(r.disclosure.tables[0]!.rows.length > 150_000);
});
