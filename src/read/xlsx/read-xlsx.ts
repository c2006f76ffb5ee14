/**
 * .xlsx / .xls → Disclosure, with @e965/xlsx (SheetJS; never exceljs for untrusted files).
 * Each sheet is a table sheet (a title, 表N / 单位 rows, a grid), a text sheet (概况, 情况说明,
 * 名词解释: heading | text rows) or our cover sheet. Merged cells are expanded (text in the first
 * cell, "" elsewhere); amounts stored as numbers print with two decimals and thousands separators,
 * amounts stored as text are kept as printed. A sheet without a title whose header repeats the
 * previous table's continues that table.
 */
import { documentFacts } from '../document-facts.ts';
import * as XLSX from '@e965/xlsx';
import type { Disclosure, DisclosureTable, GlossaryEntry, NarrativeSection } from '../../core/disclosure.ts';
import { formatCents, parseScaled } from '../../core/money.ts';
import { DEFAULT_TEMPLATE, loadTemplate, type Template } from '../../core/template.ts';
import { UnreadableInputError } from '../errors.ts';
import { InputRejected, LIMITS } from '../guards.ts';
import type { ReadOutcome, ReadProblem } from '../index.ts';
import { blockToTable, readTop, TABLE_MARK, UNIT_LABEL, UNIT_NAME } from './printed-table.ts';

type Sheet = XLSX.WorkSheet;

function cellText(c: XLSX.CellObject | undefined): string {
  if (!c || c.v === undefined || c.v === null) return '';
  if (c.t === 'n') {
    const fmt = String(c.z ?? '');
    if (/0\.00/.test(fmt)) {
      const cents = parseScaled(String(c.v), 2, true);
      if (cents !== null) return formatCents(cents, /#,##/.test(fmt));
    }
    return c.w ?? String(c.v);
  }
  if (c.t === 'b') return c.v ? 'TRUE' : 'FALSE';
  if (c.t === 'd') return c.w ?? String(c.v);
  return String(c.v).replace(/\r\n/g, '\n');
}

/** Cells of the sheet's used range (what sheetGrid walks). */
function rangeCells(ws: Sheet): number {
  const ref = ws['!ref'];
  if (!ref) return 0;
  const range = XLSX.utils.decode_range(ref);
  return (range.e.r + 1) * (range.e.c + 1);
}

/** The sheet as a grid of printed texts, merged ranges expanded. */
export function sheetGrid(ws: Sheet): string[][] {
  const ref = ws['!ref'];
  if (!ref) return [];
  const range = XLSX.utils.decode_range(ref);
  const rows: string[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const row: string[] = [];
    for (let c = 0; c <= range.e.c; c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined));
    rows.push(row);
  }
  for (const m of ws['!merges'] ?? []) for (let r = m.s.r; r <= m.e.r; r++) for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) if (rows[r]) rows[r]![c] = '';
  return rows;
}

/** Print-title rows of a sheet ("$4:$5" → [3, 4], zero-based), from the workbook's defined names. */
function printTitles(wb: XLSX.WorkBook, sheetIndex: number): [number, number] | undefined {
  for (const n of wb.Workbook?.Names ?? []) {
    if (n.Name !== '_xlnm.Print_Titles' || n.Sheet !== sheetIndex) continue;
    const m = /\$(\d+):\$(\d+)/.exec(n.Ref);
    if (m) return [Number(m[1]) - 1, Number(m[2]) - 1];
  }
  return undefined;
}

const TEXT_SHEETS: Record<string, 'profile' | 'narrative' | 'glossary'> = { 概况: 'profile', 情况说明: 'narrative', 名词解释: 'glossary' };

/** Heading | text rows; a row without a heading continues the section above it (our workbook writes one paragraph per row). */
function textRows(grid: string[][]): [string, string][] {
  const out: [string, string][] = [];
  for (const r of grid.slice(1)) {
    const heading = r[0] ?? '';
    const text = r[1] ?? '';
    if (heading === '' && text === '') continue;
    const last = out[out.length - 1];
    if (heading === '' && last) last[1] += `\n${text}`;
    else out.push([heading, text]);
  }
  return out;
}

/** The first row that is the table grid: after the title / 表N / 单位 rows. */
function gridStart(grid: string[][]): number {
  let last = -1;
  for (let r = 0; r < Math.min(grid.length, 8); r++) {
    const cells = grid[r]!.filter((c) => c.trim() !== '');
    if (cells.length === 0) continue;
    const meta = cells.every((c) => TABLE_MARK.test(c.trim()) || UNIT_NAME.test(c.trim()) || UNIT_LABEL.test(c.trim()));
    if (meta || (r === 0 && cells.length === 1) || (last === r - 1 && cells.length === 1 && r <= 1)) last = r;
    else break;
  }
  return last + 1;
}

export function readXlsx(bytes: Uint8Array, file: string): ReadOutcome {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', cellNF: true, cellText: true, cellDates: false, dense: false });
  } catch (e) {
    throw new UnreadableInputError(`无法读取的工作簿（${(e as Error).message}）`, file);
  }
  const problems: ReadProblem[] = [];
  const facts: Record<string, string> = {};
  const toc: string[] = [];
  const profile: NarrativeSection[] = [];
  const narrative: NarrativeSection[] = [];
  const glossary: GlossaryEntry[] = [];
  const tables: DisclosureTable[] = [];
  let template: Template | undefined;
  const templateFor = () => {
    if (template) return template;
    try {
      template = loadTemplate(facts['模板'] || DEFAULT_TEMPLATE);
    } catch {
      template = loadTemplate(DEFAULT_TEMPLATE);
    }
    return template;
  };
  // A used range declared far beyond the cells it holds would still be walked cell by cell: bounded per workbook.
  let cells = 0;
  wb.SheetNames.forEach((name, index) => {
    const ws = wb.Sheets[name];
    // A damaged workbook can list a sheet whose part is missing.
    if (!ws) throw new UnreadableInputError(`工作簿已损坏：列出了工作表“${name}”，但缺少其数据`, file);
    cells += rangeCells(ws);
    if (cells > LIMITS.sheetCells) throw new InputRejected(`${file} 的工作表范围共超过 ${LIMITS.sheetCells} 个单元格（至工作表“${name}”），已拒绝`, 413);
    const grid = sheetGrid(ws);
    if (name === '封面') {
      let inToc = false;
      for (const r of grid) {
        if ((r[0] ?? '') === '目录') inToc = true;
        else if (inToc) {
          if ((r[1] ?? '') !== '') toc.push(r[1]!);
        } else if (r[0]) facts[r[0]] = r[1] ?? '';
      }
      return;
    }
    const part = TEXT_SHEETS[name];
    if (part) {
      for (const [heading, text] of textRows(grid)) {
        if (part === 'glossary') glossary.push({ term: heading, text, source: { file, sheet: name } });
        else (part === 'profile' ? profile : narrative).push({ heading, text, part, source: { file, sheet: name } });
      }
      return;
    }
    if (grid.every((r) => r.every((c) => c === ''))) return;
    const start = gridStart(grid);
    const titles = printTitles(wb, index);
    const headerRows = titles ? titles[1] - titles[0] + 1 : undefined;
    const gridRows = grid.slice(titles ? titles[0] : start);
    const top = grid.slice(0, titles ? titles[0] : start);
    const topFacts = readTop(top);
    const prev = tables[tables.length - 1];
    if (!topFacts.title && prev && !topFacts.no) {
      // Continuation sheet: drop a repeated header, append the body.
      const h = prev.header.length;
      const same = h > 0 && prev.header.every((row, i) => row.join('\u0001') === (gridRows[i] ?? []).slice(0, row.length).join('\u0001'));
      // One push per row: push(...rows) of a long sheet overflows the call stack.
      for (const r of gridRows.slice(same ? h : 0)) if (r.some((c) => c !== '')) prev.rows.push(r.slice(0, Math.max(r.length, prev.rows[0]?.length ?? 0)));
      return;
    }
    const t = blockToTable({ top, grid: gridRows, ...(headerRows !== undefined ? { headerRows } : {}) }, templateFor());
    if (!t.title) problems.push({ message: `工作表“${name}”：未找到表名`, source: { file, sheet: name } });
    if (topFacts.unitName && !facts['单位名称']) facts['单位名称'] = topFacts.unitName;
    t.source = { file, sheet: name };
    tables.push(t);
  });
  const title = facts['标题'] ?? '';
  const year = Number(facts['年度'] || /(\d{4})年/.exec(title)?.[1] || 0);
  if (!year) problems.push({ message: '封面和表名中未找到年度', source: { file } });
  if (tables.length === 0) throw new UnreadableInputError('工作簿中没有预算公开的表格', file);
  const kind = facts['类型'];
  const scope = facts['范围'];
  const amountUnit = facts['金额单位'];
  const disclosure: Disclosure = {
    unit: { code: facts['单位编码'] ?? '', name: facts['单位名称'] ?? '' },
    year,
    template: facts['模板'] || templateFor().id,
    ...documentFacts(kind, scope, amountUnit),
    toc,
    ...(profile.length ? { profile } : {}),
    tables,
    narrative,
    glossary,
    source: { file, format: 'xlsx' },
  };
  return { disclosure, problems };
}
