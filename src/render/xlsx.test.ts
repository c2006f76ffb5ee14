import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { renderXlsx, sheetName, TABLE_TOP_ROWS, wrappedLines } from './xlsx.ts';
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
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
      '--outdir',
      join(dir, 'out'),
      join(dir, 'disclosure.xlsx'),
    ],
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
  assert.ok(
    (ws['!cols'] ?? []).slice(0, 7).every((c) => (c?.width ?? 0) >= 8),
    'every column has a width',
  );
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

/**
 * The workbook printed by LibreOffice (converted to PDF) and extracted by pdftotext: the plain text,
 * and the text read column by column (each page's words grouped by the left edge they start at, then
 * top to bottom), so that a cell's wrapped lines come out together even where the cell beside it
 * wraps too. Whitespace removed from both.
 */
function printed(bytes: Buffer): { plain: string; layout: string; columns: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-lo-print-'));
  writeFileSync(join(dir, 'disclosure.xlsx'), bytes);
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'disclosure.xlsx')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const run = (args: string[]) => {
    const out = spawnSync('pdftotext', [...args, '-enc', 'UTF-8', join(dir, 'disclosure.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(out.status, 0, out.stderr);
    return out.stdout;
  };
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  const columns = run(['-bbox'])
    .split('<page ')
    .slice(1)
    .map((page) => {
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        end: Number(m[3]),
        text: m[4]!.replace(/&\w+;/g, (e) => entities[e] ?? e),
      }));
      // Column edges: where a line starts, or a word after a wide gap; a word belongs to the nearest edge at its left.
      words.sort((a, b) => a.y - b.y || a.x - b.x);
      const starts: number[] = [];
      words.forEach((w, i) => {
        const prev = words[i - 1];
        if (!prev || Math.abs(prev.y - w.y) >= 2 || w.x - prev.end >= 8) starts.push(w.x);
      });
      const edges = [...new Set(starts)].sort((a, b) => a - b).filter((x, i, all) => i === 0 || x - all[i - 1]! >= 6);
      const columnOf = (x: number) => edges.filter((e) => e <= x + 6).length;
      const pieces = [...words].sort((a, b) => columnOf(a.x) - columnOf(b.x) || a.y - b.y || a.x - b.x);
      return pieces.map((w) => w.text).join('');
    })
    .join('');
  return { plain: run([]).replace(/\s+/g, ''), layout: run(['-layout']).replace(/\s+/g, ''), columns: columns.replace(/\s+/g, '') };
}

test('printed through LibreOffice, the workbook shows every sentence of the profile, narrative, glossary and goal texts; the cover in words', async () => {
  const h = structuredClone(d);
  // A long goal text in table 16 and a long project goal in table 17, as officers write them.
  const t16 = h.tables.find((t) => t.no === 16)!;
  const goalRow = t16.rows.findIndex((r) => r[0] === '年度绩效目标');
  const longGoal = Array.from({ length: 12 }, (_, i) => `（${i + 1}）完善第${i + 1}项工作机制，提升政务服务效能和群众满意度，确保全年目标任务按期完成。`).join('');
  if (goalRow >= 0) t16.rows[goalRow]![1] = longGoal;
  const { plain, layout, columns: text } = printed(await renderXlsx(h));
  const sentences = [...(h.profile ?? []), ...h.narrative, ...h.glossary.map((g) => ({ heading: g.term, text: g.text }))]
    .flatMap((s) => [s.heading, ...s.text.split(/(?<=[。；！？])|\n/)])
    .map((s) => s.replace(/\s+/g, ''))
    .filter((s) => s.length > 0);
  assert.ok(sentences.length > 40, `${sentences.length} sentences`);
  const missing = sentences.filter((s) => !text.includes(s));
  assert.deepEqual(missing, [], 'every sentence printed');
  if (goalRow >= 0) assert.ok(text.includes(longGoal.replace(/\s+/g, '')), '表16 goal text printed whole');
  assert.ok(layout.includes('公开类型单位预算') && layout.includes('公开模板辽宁省部门（单位）预算公开模板（17张表）'), 'cover in words');
  assert.ok(!plain.includes('liaoning-2024') && !/budget|unit/.test(plain), 'no machine values on the printed cover');
});

test('sheet names carry the whole table name; rows of wrapped text have heights for all their lines', async () => {
  const buf = await renderXlsx(d);
  const wb = XLSX.read(buf, { type: 'buffer', cellStyles: true });
  assert.ok(wb.SheetNames.includes('4 财政拨款收支预算总表'), wb.SheetNames.join(', '));
  assert.ok(wb.SheetNames.includes('1 收支预算总表'));
  const ws = wb.Sheets['情况说明']!;
  const rows = ws['!rows'] ?? [];
  const paragraphs = d.narrative.flatMap((s) => s.text.split('\n')).filter((p) => p !== '');
  assert.ok(XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 }).length > d.narrative.length + 1, 'one row per paragraph');
  const tall = rows.filter((r) => (r?.hpt ?? 0) > 20);
  assert.ok(tall.length > 0 && tall.length <= paragraphs.length, `${tall.length} rows taller than one line`);
  assert.equal(wrappedLines('一'.repeat(40), 100), 1);
  assert.equal(wrappedLines('一'.repeat(100), 100), 3);
  assert.equal(wrappedLines('a\nb', 100), 2);
});
