/**
 * The Excel workbook (exceljs): a cover/contents sheet, one sheet per table (title, 表N, unit name
 * and unit label rows, merged header rows, body), and sheets for profile, narrative and glossary.
 * Amounts are stored as numbers (their exact printed decimal) with format #,##0.00; all other text
 * is stored as a string value, so text beginning with = + - @ can never become a formula.
 */
import ExcelJS from 'exceljs';
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, centsDecimal, type ModelRow, type TableModel } from './table-model.ts';
import { documentTitle } from './document-parts.ts';

export const NUMBER_FORMAT = '#,##0.00';
/** Rows above the header on a table sheet: title, 表N, unit name + unit label. */
export const TABLE_TOP_ROWS = 3;

const thin = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Sheet names: ≤ 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(m: TableModel, used: Set<string>): string {
  const short = (m.project ?? m.title).replace(/[[\]:*?/\\]/g, '').replace(/^部门预算|^财政拨款/, '');
  let base = `${m.label} ${short}`.slice(0, 31).trim();
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 27)}~${i}`;
  used.add(name);
  return name;
}

/** Sets a cell to text that is never interpreted (exceljs stores JS strings as shared strings, not formulas). */
function setText(cell: ExcelJS.Cell, text: string) {
  cell.value = text;
}

function writeRows(ws: ExcelJS.Worksheet, rows: ModelRow[], firstRow: number, header: boolean) {
  const merges: [number, number, number, number][] = [];
  rows.forEach((row, i) => {
    const r = firstRow + i;
    const xr = ws.getRow(r);
    row.cells.forEach((cell, c) => {
      const xc = xr.getCell(c + 1);
      xc.border = BORDER;
      if (!cell) return;
      if (cell.kind === 'number' && cell.cents !== undefined) {
        xc.value = Number(centsDecimal(cell.cents));
        xc.numFmt = NUMBER_FORMAT;
        xc.alignment = { horizontal: 'right', vertical: 'middle' };
      } else {
        setText(xc, cell.text);
        xc.alignment = { horizontal: header || row.style === 'header' ? 'center' : 'left', vertical: 'middle', wrapText: true };
      }
      if (header || row.style !== 'body') xc.font = { bold: true };
      if (header || row.style === 'header') xc.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF1F4' } };
      if (cell.rowSpan > 1 || cell.colSpan > 1) merges.push([r, c + 1, r + cell.rowSpan - 1, c + cell.colSpan]);
    });
  });
  return merges;
}

function columnWidths(m: TableModel): number[] {
  const all = [...m.header, ...m.body];
  const widths: number[] = [];
  for (let c = 0; c < m.columns; c++) {
    let w = 8;
    for (const row of all) {
      const cell = row.cells[c];
      if (!cell || cell.colSpan > 1) continue;
      const len = [...cell.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
      w = Math.max(w, Math.min(m.grid ? 30 : 44, len + 2));
    }
    widths.push(w);
  }
  return widths;
}

function tableSheet(wb: ExcelJS.Workbook, m: TableModel, used: Set<string>) {
  const cols = Math.max(1, m.columns);
  const ws = wb.addWorksheet(sheetName(m, used), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
  });
  setText(ws.getCell(1, 1), m.title);
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  setText(ws.getCell(2, cols), `表${m.label}`);
  ws.getCell(2, cols).alignment = { horizontal: 'right' };
  setText(ws.getCell(3, 1), `单位名称：${m.unitName}`);
  setText(ws.getCell(3, cols), m.unitLabel);
  ws.getCell(3, cols).alignment = { horizontal: 'right' };
  const headerFirst = TABLE_TOP_ROWS + 1;
  const merges = [...writeRows(ws, m.header, headerFirst, true)];
  const bodyFirst = headerFirst + m.header.length;
  merges.push(...writeRows(ws, m.body, bodyFirst, false));
  const after = bodyFirst + m.body.length;
  if (m.note !== undefined) setText(ws.getCell(after + 1, 1), m.note);
  // Merges after the values: exceljs drops values written into an already merged range.
  if (cols > 1) ws.mergeCells(1, 1, 1, cols);
  for (const [r1, c1, r2, c2] of merges) ws.mergeCells(r1, c1, r2, c2);
  columnWidths(m).forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (m.header.length) {
    ws.views = [{ state: 'frozen', ySplit: bodyFirst - 1, xSplit: 0 }];
    ws.pageSetup.printTitlesRow = `${headerFirst}:${bodyFirst - 1}`;
  }
  return ws;
}

function textSheet(wb: ExcelJS.Workbook, name: string, heading: string, sections: { heading: string; text: string }[]) {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 100;
  setText(ws.getCell(1, 1), heading);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  sections.forEach((s, i) => {
    const r = ws.getRow(i + 2);
    setText(r.getCell(1), s.heading);
    setText(r.getCell(2), s.text);
    r.getCell(1).font = { bold: true };
    r.getCell(1).alignment = { vertical: 'top', wrapText: true };
    r.getCell(2).alignment = { vertical: 'top', wrapText: true };
  });
  return ws;
}

/** Names of the fixed sheets, which the reader looks for. */
export const SHEETS = { cover: '封面', profile: '概况', narrative: '情况说明', glossary: '名词解释' } as const;

function coverSheet(wb: ExcelJS.Workbook, d: Disclosure) {
  const ws = wb.addWorksheet(SHEETS.cover, { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 80;
  const rows: [string, string][] = [
    ['标题', documentTitle(d)],
    ['单位名称', d.unit.name],
    ['单位编码', d.unit.code],
    ['年度', String(d.year)],
    ['模板', d.template],
    ...(d.kind ? ([['类型', d.kind]] as [string, string][]) : []),
    ...(d.scope ? ([['范围', d.scope]] as [string, string][]) : []),
    ...(d.amountUnit ? ([['金额单位', d.amountUnit]] as [string, string][]) : []),
  ];
  rows.forEach(([k, v], i) => {
    setText(ws.getCell(i + 1, 1), k);
    setText(ws.getCell(i + 1, 2), v);
    ws.getCell(i + 1, 1).font = { bold: true };
  });
  const tocRow = rows.length + 2;
  setText(ws.getCell(tocRow, 1), '目录');
  ws.getCell(tocRow, 1).font = { bold: true };
  d.toc.forEach((e, i) => setText(ws.getCell(tocRow + 1 + i, 2), e));
}

export async function renderXlsx(d: Disclosure): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.title = documentTitle(d);
  coverSheet(wb, d);
  if (d.profile?.length) textSheet(wb, SHEETS.profile, '概况', d.profile);
  const used = new Set<string>(Object.values(SHEETS));
  for (const m of buildTableModels(d)) tableSheet(wb, m, used);
  textSheet(wb, SHEETS.narrative, '情况说明', d.narrative as NarrativeSection[]);
  textSheet(wb, SHEETS.glossary, '名词解释', d.glossary.map((g) => ({ heading: g.term, text: g.text })));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
