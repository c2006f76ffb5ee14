import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { parseBudget } from '../core/budget-validate.ts';
import { unzipGuarded } from '../read/unzip.ts';
import { writeZip } from '../util/zip-writer.ts';
import { writeInputWorkbook } from './write-input-workbook.ts';
import { calendarDate, formatCellError, readInputWorkbook } from './read-input-workbook.ts';
import { SHEETS } from './workbook-layout.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

/** Edits cells with SheetJS (validations are lost, which the reader does not need). */
function edit(buf: Buffer, fn: (wb: XLSX.WorkBook) => void): Buffer {
  const wb = XLSX.read(buf, { type: 'buffer', cellDates: true });
  fn(wb);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

function setCell(wb: XLSX.WorkBook, sheet: string, addr: string, v: string | number) {
  XLSX.utils.sheet_add_aoa(wb.Sheets[sheet]!, [[v]], { origin: addr });
}

/** The XML of a sheet by name, and the workbook XML, straight from the zip. */
async function parts(buf: Buffer) {
  const files = await unzipGuarded(buf, 'template.xlsx');
  const workbook = files.get('xl/workbook.xml')!.toString('utf8');
  const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]!);
  return { workbook, names, sheet: (name: string) => files.get(`xl/worksheets/sheet${names.indexOf(name) + 1}.xml`)!.toString('utf8') };
}

describe('input workbook', () => {
  it('the empty template has a 填表说明 first, every sheet, headers, data-validation lists and a hidden list sheet', async () => {
    const buf = await writeInputWorkbook(undefined, { year: 2024 });
    const { workbook, names, sheet } = await parts(buf);
    assert.equal(names[0], SHEETS.guide);
    for (const s of ['单位信息', '支出明细', '项目', '绩效指标', '政府采购', '购买服务', '债务', '上年数', '变动原因', '整体绩效任务', '科目代码', '代码表']) assert.ok(names.includes(s), s);
    assert.match(workbook, /<sheet name="代码表" sheetId="\d+" state="hidden"/);
    const lines = sheet('支出明细');
    assert.match(lines, /<dataValidation type="list" errorStyle="stop"[^>]*sqref="C2:C2000"><formula1>'代码表'!\$C\$2:\$C\$4<\/formula1>/);
    assert.match(lines, /<dataValidation type="decimal" operator="greaterThanOrEqual"[^>]*sqref="F2:F2000"><formula1>0<\/formula1>/);
    assert.match(sheet('单位信息'), /sqref="B5"><formula1>'代码表'!\$H\$2:\$H\$4/);
    const wb = XLSX.read(buf, { type: 'buffer' });
    assert.equal(wb.Sheets['支出明细']!['A1']!.v, '功能分类科目编码 *');
    assert.match(String(wb.Sheets['填表说明']!['A3']!.v), /^一、/);
    // Codes with their class context, in the drop-down list and in the 科目代码 sheet.
    assert.match(String(wb.Sheets[SHEETS.lists]!['A2']!.v), /^\d{7} .+（\d{3} .+ \/ \d{5} .+）$/);
    const codes = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['科目代码']!, { header: 1 });
    const row = codes.find((r) => r[1] === '2010350')!;
    assert.deepEqual(row.slice(2), ['事业运行', '项', '201 一般公共服务支出', '20103 政府办公厅（室）及相关机构事务']);
    const empty = readInputWorkbook(buf);
    assert.ok(empty.errors);
    assert.ok(empty.errors.some((e) => e.sheet === '单位信息' && e.column === 'B' && /单位编码.*未填写/.test(e.message)));
  });

  it('LibreOffice opens the template (validations and hidden sheet included)', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-input-lo-'));
    try {
      writeFileSync(join(dir, 'template.xlsx'), await writeInputWorkbook(yingkou));
      try {
        execFileSync('soffice', ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, join(dir, 'template.xlsx')], {
          stdio: 'pipe',
          timeout: 120_000,
        });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return t.skip('soffice is not installed');
        throw e;
      }
      const lines = readFileSync(join(dir, 'template-支出明细.csv'), 'utf8');
      assert.match(lines, /^功能分类科目编码 \*,/);
      assert.match(lines, /2010350/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('round-trips the Yingkou budget exactly (every amount to the fen)', async () => {
    const buf = await writeInputWorkbook(yingkou);
    const r = readInputWorkbook(buf);
    assert.equal(r.errors, undefined, JSON.stringify(r.errors?.slice(0, 3)));
    const a = parseBudget(yingkou).budget;
    const b = parseBudget(r.budget).budget;
    assert.deepEqual(
      b.lines.map((l) => [l.functionCode, l.econCode, l.kind, l.source, l.projectId, l.amount]),
      a.lines.map((l) => [l.functionCode, l.econCode, l.kind, l.source, l.projectId, l.amount]),
    );
    assert.equal(
      b.lines.reduce((s, l) => s + l.amount, 0),
      1_861_380_000,
    );
    assert.deepEqual(
      b.projects.map((p) => [p.id, p.name, p.goal, p.indicators.length]),
      a.projects.map((p) => [p.id, p.name, p.goal, p.indicators.length]),
    );
    assert.deepEqual(b.overallGoal, a.overallGoal);
    assert.deepEqual(b.prior, a.prior);
    assert.equal(b.reasons.total, '单位机构人员经费相关费用减少');
    assert.deepEqual(b.unit.duties, a.unit.duties);
    assert.equal(b.approvalDate, '2024-02-05');
  });

  it('reports one Chinese message per bad cell, naming sheet, row and column', async () => {
    const good = await writeInputWorkbook(yingkou);
    const bad = edit(good, (wb) => {
      setCell(wb, '支出明细', 'A3', '2999999'); // unknown function code
      setCell(wb, '支出明细', 'F4', '三万五千'); // text in an amount
      const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['支出明细']!, { header: 1 });
      const projectRow = rows.findIndex((r) => r[2] === '项目支出') + 1;
      setCell(wb, '支出明细', `E${projectRow}`, 'P99'); // a project that does not exist
      setCell(wb, '支出明细', 'B6', '40101'); // not a department economic code
    });
    const r = readInputWorkbook(bad);
    assert.ok(r.errors, 'errors expected');
    const lines = r.errors.filter((e) => e.sheet === '支出明细');
    assert.equal(lines.length, 4, lines.map(formatCellError).join('\n'));
    const at = (row: number, col: string) => lines.find((e) => e.row === row && e.column === col)?.message ?? '';
    assert.match(at(3, 'A'), /未知的功能分类科目编码“2999999”/);
    assert.match(at(4, 'F'), /应为数字金额.*三万五千/);
    assert.match(at(6, 'B'), /以 3 开头/);
    assert.ok(lines.some((e) => e.column === 'E' && /项目编号“P99”在“项目”表中不存在/.test(e.message)));
    assert.equal(formatCellError(lines[0]!).startsWith('“支出明细” 第 3 行 A 列：'), true);
  });

  it('accepts dates as 2025-02-10, 2025/2/10 and 2025年2月10日; refuses impossible ones', async () => {
    assert.equal(calendarDate('2025年2月10日'), '2025-02-10');
    assert.equal(calendarDate('2025/2/10'), '2025-02-10');
    assert.equal(calendarDate('2025.02.10'), '2025-02-10');
    assert.equal(calendarDate('2025年2月30日'), undefined);
    const good = await writeInputWorkbook(yingkou);
    const dateRow = 2 + 6; // 预算批复日期 is the 7th field
    const r = readInputWorkbook(edit(good, (wb) => setCell(wb, '单位信息', `B${dateRow}`, '2024年2月5日')));
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    assert.equal(r.budget.approvalDate, '2024-02-05');
    const bad = readInputWorkbook(edit(good, (wb) => setCell(wb, '单位信息', `B${dateRow}`, '二月五日')));
    assert.ok(bad.errors?.some((e) => e.row === dateRow && e.column === 'B' && /预算批复日期.*二月五日/.test(e.message)));
  });

  it('refuses a file that is not a workbook with one clear message: plain bytes, a Word file renamed .xlsx, an old .doc', async () => {
    const plain = readInputWorkbook(Buffer.from('not a zip at all'));
    assert.ok(plain.errors && plain.errors.length === 1 && plain.notWorkbook);
    assert.match(plain.errors[0]!.message, /^该文件不是 Excel 工作簿/);
    const docx = await writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    const word = readInputWorkbook(docx);
    assert.ok(word.errors && word.errors.length === 1 && word.notWorkbook);
    assert.match(word.errors[0]!.message, /^该文件不是 Excel 工作簿：它是 Word 文档/);
    const doc = readInputWorkbook(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    assert.match(doc.errors![0]!.message, /^该文件不是 Excel 工作簿：它是旧版 Office 文件/);
  });
});
