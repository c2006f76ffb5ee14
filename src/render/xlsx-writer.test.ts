import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parseCsvKeepBlank } from '../core/csv.ts';
import { columnName, escapeCellText, WorkbookBuilder, XF } from './xlsx-writer.ts';

/** The uncompressed text of one part of a workbook. */
function part(buf: Buffer, path: string): string {
  const cfb = XLSX.CFB.read(buf, { type: 'buffer' });
  const f = XLSX.CFB.find(cfb, `/${path}`);
  assert.ok(f, `${path} in the package`);
  return Buffer.from(f.content as Uint8Array).toString('utf8');
}

test('column names', async () => {
  assert.deepEqual([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnName), ['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
});

test('awkward text reads back exactly through @e965/xlsx', async () => {
  const texts = [
    'a & b < c > d "e"',
    '  leading and trailing  ',
    'line\nbreak\ttab',
    'carriage\rreturn',
    'control \x01\x07\x1f chars',
    'looks escaped: _x0041_ and _x000D_',
    '𠀀 Ext-B and 😀 emoji',
    '=HYPERLINK("http://x")',
    "+cmd|' /C calc'!A0",
    '@SUM(A1:A2)',
    '-2+3',
    '',
  ];
  const wb = new WorkbookBuilder({ title: 't', creator: 'c' });
  const ws = wb.addSheet('s', { landscape: false });
  texts.forEach((t, i) => ws.text(i + 1, 1, t));
  const back = XLSX.read(await wb.toBuffer(), { type: 'buffer', cellFormula: true }).Sheets['s']!;
  texts.forEach((t, i) => {
    const c = back[`A${i + 1}`] as XLSX.CellObject;
    assert.equal(c.t, 's', `row ${i + 1} is a string`);
    assert.equal(c.v, t, `row ${i + 1}`);
    assert.equal(c.f, undefined, `row ${i + 1} is no formula`);
  });
  assert.equal(escapeCellText('plain 中文'), 'plain 中文');
  assert.equal(escapeCellText('_x0041_'), '_x005F_x0041_');
  // \r is escaped rather than left to XML line-end folding (SheetJS itself then folds \r\n to \n).
  assert.equal(escapeCellText('a\r\nb'), 'a_x000D_\nb');
});

test('LibreOffice opens a workbook of awkward text and numbers and converts them exactly', async () => {
  const texts = ['a & b < c > "d"', '  spaces  ', 'tab\there', 'under _x0041_ score', '𠀀😀', '=1+1', "'quoted", '中文，标点；'];
  const wb = new WorkbookBuilder({ title: 't', creator: 'c' });
  const ws = wb.addSheet("It's 表", { landscape: true, horizontalCentered: true });
  texts.forEach((t, i) => {
    ws.text(i + 1, 1, t, XF.text);
    ws.number(i + 1, 2, `${i}.0${i}`, XF.number);
  });
  ws.merge(1, 3, 2, 4);
  ws.frozenRows = 1;
  ws.printTitles = [1, 1];
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-w-'));
  writeFileSync(join(dir, 'w.xlsx'), await wb.toBuffer());
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1', '--outdir', dir, join(dir, 'w.xlsx')], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const rows = parseCsvKeepBlank(readFileSync(join(dir, 'w.csv'), 'utf8'));
  assert.deepEqual(
    rows.slice(0, texts.length).map((row) => row.slice(0, 2)),
    texts.map((t, i) => [t, `${i}.0${i}`]),
  );
});

test('numbers are stored as the given decimal, with #,##0.00; bad decimals are refused', async () => {
  const wb = new WorkbookBuilder({ title: 't', creator: 'c' });
  const ws = wb.addSheet('n', { landscape: true });
  ws.number(1, 1, '1861.38', XF.number);
  ws.number(2, 1, '-0.01', XF.numberBold);
  ws.number(3, 1, '90071992547409.91', XF.number);
  assert.throws(() => ws.number(4, 1, '1e3'), /not a decimal/);
  assert.throws(() => ws.number(4, 1, '1,000.00'), /not a decimal/);
  assert.throws(() => ws.text(0, 1, 'x'), /outside the sheet/);
  const buf = await wb.toBuffer();
  assert.match(part(buf, 'xl/worksheets/sheet1.xml'), /<c r="A3" s="7"><v>90071992547409\.91<\/v><\/c>/);
  const s = XLSX.read(buf, { type: 'buffer', cellNF: true }).Sheets['n']!;
  assert.deepEqual(
    [s['A1'], s['A2']].map((c) => [c!.t, c!.v, c!.z, c!.w]),
    [
      ['n', 1861.38, '#,##0.00', '1,861.38'],
      ['n', -0.01, '#,##0.00', '-0.01'],
    ],
  );
});

test('sheet layout: merges, widths, frozen rows, A4 print setup, print titles with a quoted sheet name', async () => {
  const wb = new WorkbookBuilder({ title: 'T & <b>', creator: 'gongkai' });
  wb.addSheet('封面', { landscape: false }).text(1, 1, 'x');
  const ws = wb.addSheet("3 单位's 表", { landscape: true, horizontalCentered: true });
  ws.text(1, 1, '标题', XF.title);
  ws.merge(1, 1, 1, 4);
  ws.merge(2, 2, 2, 2); // a 1×1 merge is no merge
  ws.text(4, 1, '科目编码', XF.head);
  ws.styled(5, 1, XF.head);
  ws.merge(4, 1, 5, 1);
  ws.width(1, 12);
  ws.width(2, 30);
  ws.frozenRows = 5;
  ws.printTitles = [4, 5];
  const buf = await wb.toBuffer();
  const x = XLSX.read(buf, { type: 'buffer', cellStyles: true });
  assert.deepEqual(x.SheetNames, ['封面', "3 单位's 表"]);
  const s = x.Sheets["3 单位's 表"]!;
  assert.deepEqual(
    (s['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)),
    ['A1:D1', 'A4:A5'],
  );
  assert.deepEqual(
    s['!cols']?.map((c) => c?.width),
    [12, 30],
  );
  const names = x.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Titles');
  assert.equal(names?.Sheet, 1);
  assert.equal(names?.Ref, "'3 单位''s 表'!$4:$5");
  const xml = part(buf, 'xl/worksheets/sheet2.xml');
  assert.match(xml, /<pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"\/>/);
  assert.match(xml, /<pageSetUpPr fitToPage="1"\/>/);
  assert.match(xml, /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
  assert.match(xml, /<printOptions horizontalCentered="1"\/>/);
  assert.match(xml, /<c r="A5" s="3"\/>/, 'the covered cell keeps the header style');
  assert.match(part(buf, 'docProps/core.xml'), /<dc:title>T &amp; &lt;b&gt;<\/dc:title>/);
});

test('bad sheet names are refused; the same workbook gives the same bytes', async () => {
  const wb = new WorkbookBuilder({ title: 't', creator: 'c' });
  wb.addSheet('Data', { landscape: false });
  assert.throws(() => wb.addSheet('data', { landscape: false }), /duplicate sheet name/);
  assert.throws(() => wb.addSheet('a/b', { landscape: false }), /invalid sheet name/);
  assert.throws(() => wb.addSheet('x'.repeat(32), { landscape: false }), /invalid sheet name/);
  assert.throws(() => wb.addSheet("end'", { landscape: false }), /invalid sheet name/);
  await assert.rejects(new WorkbookBuilder({ title: 't', creator: 'c' }).toBuffer(), /at least one sheet/);
  const make = async () => {
    const b = new WorkbookBuilder({ title: 't', creator: 'c' });
    b.addSheet('s', { landscape: true }).text(1, 1, '同');
    return await b.toBuffer();
  };
  assert.ok((await make()).equals(await make()));
});
