import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parseBudget } from '../core/budget-validate.ts';
import { writeInputWorkbook } from './write-input-workbook.ts';
import { formatCellError, readInputWorkbook } from './read-input-workbook.ts';
import { SHEETS } from './workbook-layout.ts';

const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));

async function edit(buf: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('input workbook', () => {
  it('the empty template has every sheet, headers and data-validation lists', async () => {
    const buf = await writeInputWorkbook(undefined, { year: 2024 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    for (const s of ['单位信息', '支出明细', '项目', '绩效指标', '政府采购', '购买服务', '债务', '上年数', '变动原因']) assert.ok(wb.getWorksheet(s), s);
    assert.equal(wb.getWorksheet(SHEETS.lists)?.state, 'hidden');
    const lines = wb.getWorksheet('支出明细')!;
    assert.equal(lines.getCell('A1').value, '功能分类科目编码 *');
    const dv = lines.getCell('C7').dataValidation;
    assert.equal(dv?.type, 'list');
    assert.match(String(dv?.formulae?.[0]), /代码表!\$C\$2:\$C\$4/);
    assert.match(String(wb.getWorksheet(SHEETS.lists)!.getCell('A2').value), /^\d{7} /);
    const empty = readInputWorkbook(buf);
    assert.ok(empty.errors);
    assert.ok(empty.errors.some((e) => e.sheet === '单位信息' && e.column === 'B' && /单位编码.*未填写/.test(e.message)));
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
    assert.equal(b.lines.reduce((s, l) => s + l.amount, 0), 1_861_380_000);
    assert.deepEqual(b.projects.map((p) => [p.id, p.name, p.goal, p.indicators.length]), a.projects.map((p) => [p.id, p.name, p.goal, p.indicators.length]));
    assert.deepEqual(b.overallGoal, a.overallGoal);
    assert.deepEqual(b.prior, a.prior);
    assert.equal(b.reasons.total, '单位机构人员经费相关费用减少');
    assert.deepEqual(b.unit.duties, a.unit.duties);
    assert.equal(b.approvalDate, '2024-02-05');
  });

  it('reports one Chinese message per bad cell, naming sheet, row and column', async () => {
    const good = await writeInputWorkbook(yingkou);
    const bad = await edit(good, (wb) => {
      const ws = wb.getWorksheet('支出明细')!;
      ws.getCell('A3').value = '2999999'; // unknown function code
      ws.getCell('F4').value = '三万五千'; // text in an amount
      const projectRow = ws.getColumn('C').values.findIndex((v) => v === '项目支出');
      ws.getCell(`E${projectRow}`).value = 'P99'; // a project that does not exist
      ws.getCell('B6').value = '40101'; // not a department economic code
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

  it('refuses a file that is not a workbook with a clear message', () => {
    const r = readInputWorkbook(Buffer.from('not a zip at all'));
    assert.ok(r.errors && r.errors.length === 1);
    assert.match(r.errors[0]!.message, /不是 Excel（\.xlsx）格式/);
  });
});
