/**
 * The Excel workbook (written by ./xlsx-writer.ts): a cover/contents sheet, one sheet per table (title, 表N, unit name
 * and unit label rows, merged header rows, body), and sheets for profile, narrative and glossary.
 * Amounts are stored as numbers (their exact printed decimal) with format #,##0.00; all other text
 * is stored as a string value, so text beginning with = + - @ can never become a formula.
 */
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, centsDecimal, type ModelCell, type ModelRow, type TableModel } from './table-model.ts';
import { documentTitle } from './document-parts.ts';
import { loadTemplate } from '../core/template.ts';
import { WorkbookBuilder, XF, type SheetBuilder, type StyleId } from './xlsx-writer.ts';

export const NUMBER_FORMAT = '#,##0.00';
/** Rows above the header on a table sheet: title, 表N, unit name + unit label. */
export const TABLE_TOP_ROWS = 3;

/** Characters Excel or XML refuse in a sheet name, including lone surrogates. */
const NOT_IN_SHEET_NAME = /[[\]:*?/\\\x00-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** At most n UTF-16 units without splitting a surrogate pair; no surrounding spaces or trailing apostrophe (Excel refuses that). */
function cut(s: string, n: number): string {
  return s
    .slice(0, n)
    .replace(/[\ud800-\udbff]$/, '')
    .trim()
    .replace(/'+$/, '');
}

/**
 * Height estimates for wrapped text, so that a printed row shows all of its text (neither Excel
 * nor LibreOffice grows a row on opening a file). Generous on purpose: a CJK character takes about
 * two units of column width, others one; 11-point text set in a CJK font steps ~15.5 points a line.
 */
const LINE_POINTS = 16;
const ROW_PADDING = 4;

/** Lines `text` takes in a column `width` units wide (Excel's column width, in '0' characters). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - CELL_MARGIN);
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(textUnits(line) / room));
  return lines;
}

/** Column width units a cell's margins take. */
const CELL_MARGIN = 1.5;

/** Column width units one line of text takes. */
function textUnits(line: string): number {
  let units = 0;
  for (const ch of line) units += ch.charCodeAt(0) > 0x2e7f ? 2.1 : 1.15;
  return units;
}

/** Sets the height of row `r` to show `lines` lines, when that is more than one. */
function fitRow(ws: SheetBuilder, r: number, lines: number): void {
  if (lines > 1) ws.height(r, lines * LINE_POINTS + ROW_PADDING);
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(m: TableModel, used: Set<string>): string {
  // The whole name: "4 财政拨款收支预算总表" is not "1 收支预算总表". Table 17 is named by its project.
  const short = (m.project ?? m.title).replace(NOT_IN_SHEET_NAME, '');
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
      const len = Math.max(...cell.text.split('\n').map(textUnits));
      w = Math.max(w, Math.min(m.grid ? 30 : 44, Math.ceil(len + CELL_MARGIN + 0.5)));
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
  const widths = columnWidths(m);
  widths.forEach((w, i) => ws.width(i + 1, w));
  // Rows of wrapped text (long names, goal texts) tall enough for all their lines.
  [...m.header, ...m.body].forEach((row, i) => {
    let lines = 1;
    row.cells.forEach((cell, c) => {
      if (!cell || cell.rowSpan > 1 || cell.text === '' || cell.kind === 'number') return;
      let width = 0;
      for (let k = c; k < Math.min(widths.length, c + cell.colSpan); k++) width += widths[k]!;
      lines = Math.max(lines, wrappedLines(cell.text, width));
    });
    fitRow(ws, headerFirst + i, lines);
  });
  if (m.header.length) {
    ws.frozenRows = bodyFirst - 1;
    ws.printTitles = [headerFirst, bodyFirst - 1];
  }
  return ws;
}

/** Widths of a text sheet's heading and text columns: together one A4 portrait page wide at 100%. */
const TEXT_COLUMNS = [26, 66] as const;
/** Glossary terms (function classification names) are long: a wider first column. */
const GLOSSARY_COLUMNS = [32, 60] as const;

/**
 * A text sheet: the heading in column A, one paragraph per row in column B (a row with no heading
 * continues the section above it), each row as tall as its paragraph. An empty paragraph stays
 * with the one before it, as a line break, so that no row is blank.
 */
function textSheet(wb: WorkbookBuilder, name: string, heading: string, sections: { heading: string; text: string }[], widths: readonly number[] = TEXT_COLUMNS) {
  const ws = wb.addSheet(name, { landscape: false });
  ws.width(1, widths[0]!);
  ws.width(2, widths[1]!);
  ws.text(1, 1, heading, XF.heading);
  let r = 2;
  for (const s of sections) {
    const rows: string[] = [];
    for (const p of s.text.split('\n')) {
      if (p === '' && rows.length) rows[rows.length - 1] += '\n';
      else rows.push(p);
    }
    rows.forEach((p, i) => {
      if (i === 0) ws.text(r, 1, s.heading, XF.topWrapBold);
      if (p !== '') ws.text(r, 2, p, XF.topWrap);
      fitRow(ws, r, Math.max(i === 0 ? wrappedLines(s.heading, widths[0]!) : 1, wrappedLines(p, widths[1]!)));
      r++;
    });
  }
  return ws;
}

/** Names of the fixed sheets, which the reader looks for. */
export const SHEETS = { cover: '封面', profile: '概况', narrative: '情况说明', glossary: '名词解释' } as const;

/** The published wording of the document's kind: 单位预算, 部门决算 … */
function kindWords(d: Disclosure): string {
  return `${d.scope === 'department' ? '部门' : '单位'}${d.kind === 'final-account' ? '决算' : '预算'}`;
}

function templateName(id: string): string {
  try {
    return loadTemplate(id).name;
  } catch {
    return id;
  }
}

/**
 * The cover: what a reader wants to know, in words (the template's name, 单位预算, the amount
 * unit), then the contents. The fields our reader restores a Disclosure from (template id, kind,
 * scope as data values) are kept in rows that are hidden, so neither shown nor printed.
 */
function coverSheet(wb: WorkbookBuilder, d: Disclosure) {
  const ws = wb.addSheet(SHEETS.cover, { landscape: false });
  ws.width(1, 16);
  ws.width(2, 80);
  const rows: [string, string][] = [
    ['标题', documentTitle(d)],
    ['单位名称', d.unit.name],
    ['单位编码', d.unit.code],
    ['年度', String(d.year)],
    ['公开类型', kindWords(d)],
    ['公开模板', templateName(d.template)],
    ...(d.amountUnit ? ([['金额单位', d.amountUnit]] as [string, string][]) : []),
  ];
  const hidden: [string, string][] = [['模板', d.template], ...(d.kind ? ([['类型', d.kind]] as [string, string][]) : []), ...(d.scope ? ([['范围', d.scope]] as [string, string][]) : [])];
  [...rows, ...hidden].forEach(([k, v], i) => {
    ws.text(i + 1, 1, k, XF.bold);
    ws.text(i + 1, 2, v);
    fitRow(ws, i + 1, wrappedLines(v, 80));
    if (i >= rows.length) ws.hide(i + 1);
  });
  const tocRow = rows.length + hidden.length + 2;
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
  textSheet(
    wb,
    SHEETS.glossary,
    '名词解释',
    d.glossary.map((g) => ({ heading: g.term, text: g.text })),
    GLOSSARY_COLUMNS,
  );
  return wb.toBuffer();
}
