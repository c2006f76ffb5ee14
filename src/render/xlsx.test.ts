import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { renderXlsx, sheetName, TABLE_TOP_ROWS } from './xlsx.ts';
import { buildTableModels } from './table-model.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';
import { parseCsvKeepBlank } from '../core/csv.ts';
import { readXlsx } from '../read/xlsx/read-xlsx.ts';

const d = yingkouDisclosure();

test('LibreOffice opens the workbook and every table sheet converts to the printed values', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-'));
  writeFileSync(join(dir, 'disclosure.xlsx'), await renderXlsx(d));
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', join(dir, 'out'), join(dir, 'disclosure.xlsx')],
    { encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const files = new Set(readdirSync(join(dir, 'out')));
  const used = new Set<string>(['封面', '概况', '情况说明', '名词解释']);
  const models = buildTableModels(d);
  models.forEach((m, i) => {
    const name = `disclosure-${sheetName(m, used)}.csv`;
    assert.ok(files.has(name), `${name} converted`);
    const rows = parseCsvKeepBlank(readFileSync(join(dir, 'out', name), 'utf8'));
    const t = d.tables[i]!;
    assert.equal(rows[0]![0], t.title);
    assert.equal(rows[2]![0], `单位名称：${d.unit.name}`);
    assert.equal(rows[2]![m.columns - 1], t.unitLabel);
    const printed = [...t.header, ...t.rows];
    const got = rows.slice(TABLE_TOP_ROWS, TABLE_TOP_ROWS + printed.length).map((row) => row.slice(0, m.columns));
    assert.deepEqual(got, printed, `表${m.label}`);
  });
});

test('amounts are numbers with #,##0.00; headers merged; print setup; frozen header', async () => {
  const buf = await renderXlsx(d);
  const wb = XLSX.read(buf, { type: 'buffer', cellNF: true, cellStyles: true });
  const ws = wb.Sheets['3 支出预算总表']!;
  const index = wb.SheetNames.indexOf('3 支出预算总表');
  const file = XLSX.CFB.find(XLSX.CFB.read(buf, { type: 'buffer' }), `/xl/worksheets/sheet${index + 1}.xml`);
  const xml = Buffer.from(file!.content as Uint8Array).toString('utf8');
  assert.match(xml, /<pane ySplit="5" topLeftCell="A6" activePane="bottomLeft" state="frozen"\/>/, 'header rows 1-5 frozen');
  assert.match(xml, /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/, 'A4 landscape, one page wide');
  assert.match(xml, /<pageSetUpPr fitToPage="1"\/>/);
  assert.ok((ws['!cols'] ?? []).slice(0, 7).every((c) => (c?.width ?? 0) >= 8), 'every column has a width');
  assert.ok(ws['!cols']![1]!.width! > ws['!cols']![0]!.width!, '科目名称 wider than 科目编码');
  const total = ws['C6']!;
  assert.equal(total.t, 'n');
  assert.equal(total.v, 1861.38);
  assert.equal(total.z, '#,##0.00');
  assert.equal(ws['A7']!.t, 's', 'codes stay text');
  assert.equal(ws['A7']!.v, '201');
  const merges = (ws['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m));
  assert.ok(merges.includes('D4:F4'), `基本支出 spans 3 columns: ${merges}`);
  assert.ok(merges.includes('A4:A5'), '科目编码 spans 2 rows');
  const titles = wb.Workbook?.Names?.find((n) => n.Name === '_xlnm.Print_Titles' && wb.SheetNames[n.Sheet!] === '3 支出预算总表');
  assert.match(titles?.Ref ?? '', /\$4:\$5/);
  assert.ok(wb.SheetNames.includes('17-1 系统维护服务费'));
  assert.ok(wb.SheetNames.includes('情况说明') && wb.SheetNames.includes('名词解释') && wb.SheetNames.includes('概况'));
});

test('text beginning with = + - @ is stored as text, never a formula', async () => {
  const h = structuredClone(d);
  h.unit.name = `+cmd|' /C calc'!A0`;
  h.narrative[0]!.text = '=HYPERLINK("http://x")';
  h.tables[2]!.rows[3]![1] = '@SUM(A1:A2)';
  h.glossary[0]!.term = '-2+3';
  const buf = await renderXlsx(h);
  const wb = XLSX.read(buf, { type: 'buffer', cellFormula: true });
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const [addr, cell] of Object.entries(ws)) if (!addr.startsWith('!')) assert.equal((cell as XLSX.CellObject).f, undefined, `${name}!${addr} has a formula`);
  }
  const back = readXlsx(buf, 'hostile.xlsx').disclosure;
  assert.equal(back.unit.name, `+cmd|' /C calc'!A0`);
  assert.equal(back.narrative[0]!.text, '=HYPERLINK("http://x")');
  assert.equal(back.tables[2]!.rows[3]![1], '@SUM(A1:A2)');
  assert.equal(back.glossary[0]!.term, '-2+3');
});

test('the reader takes real-world shapes: amounts as text, no print titles, merged headers', () => {
  const ws = XLSX.utils.aoa_to_sheet([
    ['支出预算总表'],
    ['单位名称：某单位', '', '', '', '', '', '单位：万元'],
    ['科目编码', '科目名称', '合计', '基本支出', '', '', '项目支出'],
    ['', '', '', '小计', '人员经费', '公用经费', ''],
    ['', '合计', '1,861.38', '969.09', '917.91', '51.18', '892.29'],
    ['201', '一般公共服务支出', 1684.78, '792.49', '741.31', '51.18', '892.29'],
  ]);
  ws['C6']!.z = '#,##0.00';
  ws['!merges'] = [XLSX.utils.decode_range('D3:F3'), XLSX.utils.decode_range('A3:A4')];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '表3');
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  const { disclosure } = readXlsx(bytes, 'portal.xlsx');
  const t = disclosure.tables[0]!;
  assert.equal(t.no, 3);
  assert.equal(t.unitLabel, '单位：万元');
  assert.equal(t.header.length, 2);
  assert.deepEqual(t.rows[1], ['201', '一般公共服务支出', '1,684.78', '792.49', '741.31', '51.18', '892.29']);
});

test('sheet names from project names: forbidden characters dropped, no split surrogate pair or trailing apostrophe, unique', () => {
  const used = new Set<string>();
  const m = (project: string) => ({ ...buildTableModels(d).at(-1)!, label: '17-1', project });
  assert.equal(sheetName(m('a/b:c*d?[e]\x07'), used), '17-1 abcde');
  const pair = sheetName(m(`${'项'.repeat(25)}😀x`), used);
  assert.equal(pair, `17-1 ${'项'.repeat(25)}`, 'the emoji at characters 31-32 is dropped whole');
  assert.equal(sheetName(m(`${'x'.repeat(25)}'y`), used), `17-1 ${'x'.repeat(25)}`);
  assert.equal(sheetName(m('a/b:c*d?[e]'), used), '17-1 abcde~2');
});
