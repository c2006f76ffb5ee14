/**
 * The Excel workbook (written by ./xlsx-writer.ts): a cover/contents sheet, one sheet per table (title, 表N, unit name
 * and unit label rows, merged header rows, body), and sheets for profile, narrative and glossary.
 * Amounts are stored as numbers (their exact printed decimal) with format #,##0.00; all other text
 * is stored as a string value, so text beginning with = + - @ can never become a formula.
 */
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, centsDecimal, type ModelCell, type ModelRow, type TableModel } from './table-model.ts';
import { documentTitle } from './document-parts.ts';
import { WorkbookBuilder, XF, type SheetBuilder, type StyleId } from './xlsx-writer.ts';

export const NUMBER_FORMAT = '#,##0.00';
/** Rows above the header on a table sheet: title, 表N, unit name + unit label. */
export const TABLE_TOP_ROWS = 3;

/** Characters Excel or XML refuse in a sheet name, including lone surrogates. */
const NOT_IN_SHEET_NAME = /[[\]:*?/\\\x00-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** At most n UTF-16 units without splitting a surrogate pair; no surrounding spaces or trailing apostrophe (Excel refuses that). */
function cut(s: string, n: number): string {
  return s.slice(0, n).replace(/[\ud800-\udbff]$/, '').trim().replace(/'+$/, '');
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(m: TableModel, used: Set<string>): string {
  const short = (m.project ?? m.title).replace(NOT_IN_SHEET_NAME, '').replace(/^部门预算|^财政拨款/, '');
  const base = cut(`${m.label} ${short}`, 31);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${cut(base, 27)}~${i}`;
  used.add(name);
  return name;
}

function cellStyle(cell: ModelCell, rowStyle: ModelRow['style'], header: boolean): StyleId {
  const headLike = header || rowStyle === 'header';
  const number = cell.kind === 'number' && cell.cents !== undefined;
  if (headLike) return number ? XF.headNumber : XF.head;
  if (rowStyle === 'body') return number ? XF.number : XF.text;
  return number ? XF.numberBold : XF.textBold;
}

/** Writes model rows from firstRow; a merged cell's style also goes on the cells it covers, so borders and fill run across the merge. */
function writeRows(ws: SheetBuilder, rows: ModelRow[], firstRow: number, header: boolean) {
  rows.forEach((row, i) => {
    const r = firstRow + i;
    row.cells.forEach((cell, c) => {
      if (!cell) {
        if (!ws.rows[r]?.[c + 1]) ws.styled(r, c + 1, XF.text);
        return;
      }
      const s = cellStyle(cell, row.style, header);
      if (cell.kind === 'number' && cell.cents !== undefined) ws.number(r, c + 1, centsDecimal(cell.cents), s);
      else if (cell.text === '') ws.styled(r, c + 1, s);
      else ws.text(r, c + 1, cell.text, s);
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        for (let rr = r; rr < r + cell.rowSpan; rr++) for (let cc = c + 1; cc <= c + cell.colSpan; cc++) if (rr !== r || cc !== c + 1) ws.styled(rr, cc, s);
        ws.merge(r, c + 1, r + cell.rowSpan - 1, c + cell.colSpan);
      }
    });
  });
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

function tableSheet(wb: WorkbookBuilder, m: TableModel, used: Set<string>) {
  const cols = Math.max(1, m.columns);
  const ws = wb.addSheet(sheetName(m, used), { landscape: true, horizontalCentered: true });
  ws.text(1, 1, m.title, XF.title);
  if (cols > 1) ws.merge(1, 1, 1, cols);
  ws.text(2, cols, `表${m.label}`, XF.right);
  ws.text(3, 1, `单位名称：${m.unitName}`);
  ws.text(3, cols, m.unitLabel, XF.right);
  const headerFirst = TABLE_TOP_ROWS + 1;
  writeRows(ws, m.header, headerFirst, true);
  const bodyFirst = headerFirst + m.header.length;
  writeRows(ws, m.body, bodyFirst, false);
  const after = bodyFirst + m.body.length;
  if (m.note !== undefined) ws.text(after + 1, 1, m.note);
  columnWidths(m).forEach((w, i) => ws.width(i + 1, w));
  if (m.header.length) {
    ws.frozenRows = bodyFirst - 1;
    ws.printTitles = [headerFirst, bodyFirst - 1];
  }
  return ws;
}

function textSheet(wb: WorkbookBuilder, name: string, heading: string, sections: { heading: string; text: string }[]) {
  const ws = wb.addSheet(name, { landscape: false });
  ws.width(1, 28);
  ws.width(2, 100);
  ws.text(1, 1, heading, XF.heading);
  sections.forEach((s, i) => {
    ws.text(i + 2, 1, s.heading, XF.topWrapBold);
    ws.text(i + 2, 2, s.text, XF.topWrap);
  });
  return ws;
}

/** Names of the fixed sheets, which the reader looks for. */
export const SHEETS = { cover: '封面', profile: '概况', narrative: '情况说明', glossary: '名词解释' } as const;

function coverSheet(wb: WorkbookBuilder, d: Disclosure) {
  const ws = wb.addSheet(SHEETS.cover, { landscape: false });
  ws.width(1, 16);
  ws.width(2, 80);
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
    ws.text(i + 1, 1, k, XF.bold);
    ws.text(i + 1, 2, v);
  });
  const tocRow = rows.length + 2;
  ws.text(tocRow, 1, '目录', XF.bold);
  d.toc.forEach((e, i) => ws.text(tocRow + 1 + i, 2, e));
}

export async function renderXlsx(d: Disclosure): Promise<Buffer> {
  const wb = new WorkbookBuilder({ title: documentTitle(d), creator: 'gongkai' });
  coverSheet(wb, d);
  if (d.profile?.length) textSheet(wb, SHEETS.profile, '概况', d.profile);
  const used = new Set<string>(Object.values(SHEETS));
  for (const m of buildTableModels(d)) tableSheet(wb, m, used);
  textSheet(wb, SHEETS.narrative, '情况说明', d.narrative as NarrativeSection[]);
  textSheet(wb, SHEETS.glossary, '名词解释', d.glossary.map((g) => ({ heading: g.term, text: g.text })));
  return wb.toBuffer();
}
