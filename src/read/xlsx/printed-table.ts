/**
 * A printed table block (rows of cell texts, as laid out on a sheet or a PDF page) → a
 * DisclosureTable: title, 表N, 单位名称 / 单位 rows, header rows, body rows, note. Shared by the
 * xlsx and pdf readers; the header row count comes from the file (print titles, repeated rows)
 * when it knows, else from where the first body row starts.
 */
import type { DisclosureTable } from '../../core/disclosure.ts';
import type { Template } from '../../core/template.ts';

// Jiangsu prints its empty-table note as the bare words 此表为空.
export const NOTE = /^(?:(备注|注)[：:]|此表为空)/;
export const TABLE_MARK = /^表\s*(\d{1,2})(?:\s*[-—–]\s*(\d+))?$/;
export const UNIT_NAME = /^单位名称[：:]\s*(.*)$/;
export const UNIT_LABEL = /^单位[：:]\s*(万元|元|千元)$/;

export interface PrintedBlock {
  /** Rows above the table grid (title, 表N, unit lines) as cell texts. */
  top: string[][];
  /** The grid: header rows then body rows, then possibly the note row. */
  grid: string[][];
  /** Header rows in `grid`, when the file says (print titles, repeated header). */
  headerRows?: number;
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export function trimRight(rows: string[][]): string[][] {
  // A loop, not Math.max(...rows): a sheet of 100,000+ rows overflows the call stack as arguments.
  let width = 0;
  for (const r of rows) {
    let w = r.length;
    while (w > 0 && (r[w - 1] ?? '') === '') w--;
    if (w > width) width = w;
  }
  return rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

/** Template table for a printed title (exact, alias, or NFKC/blank-insensitive). */
export function templateTableFor(template: Template | undefined, title: string, no?: number) {
  if (!template) return undefined;
  const t = norm(title);
  return template.tables.find((x) => norm(x.title) === t || (x.aliases ?? []).some((a) => norm(a) === t)) ?? (no !== undefined ? template.tables.find((x) => x.no === no) : undefined);
}

/** Header row count when the file does not say: rows before the first row holding an amount or a code. */
export function guessHeaderRows(grid: string[][]): number {
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r]!;
    // An amount, a classification code, or 合计 as a row label (in a header it names a column further right).
    if (row.some((c, i) => /^-?[\d,]+\.\d{1,2}$/.test(c.trim()) || /^\d{3}$|^\d{5}$|^\d{7}$/.test(c.trim()) || (/^合\s*计$/.test(c.trim()) && r > 0 && i <= 1))) return r;
  }
  return Math.min(1, grid.length);
}

/** The template's header row count, when the grid starts with the template's header wording. */
export function templateHeaderRows(grid: string[][], header: string[][] | undefined): number | undefined {
  if (!header?.length || grid.length < header.length) return undefined;
  const words = (r: string[]) => r.map(norm).filter(Boolean).join('|');
  return header.every((r, i) => words(r) === words(grid[i]!)) ? header.length : undefined;
}

export interface TopFacts {
  title?: string;
  no?: number;
  sub?: number;
  unitName?: string;
  unitLabel?: string;
}

export function readTop(top: string[][]): TopFacts {
  const f: TopFacts = {};
  for (const row of top)
    for (const raw of row) {
      const c = raw.trim();
      if (!c) continue;
      let m: RegExpExecArray | null;
      if ((m = TABLE_MARK.exec(c))) {
        f.no = Number(m[1]);
        if (m[2]) f.sub = Number(m[2]);
      } else if ((m = UNIT_NAME.exec(c))) f.unitName = m[1]!.trim();
      else if (UNIT_LABEL.test(c)) f.unitLabel = c;
      else if (f.title === undefined) f.title = c;
    }
  return f;
}

/** The project of a table 17 grid: the value beside 项目(政策)名称. */
export function projectOf(rows: string[][]): string | undefined {
  for (const r of rows) if (/^项目[（(]政策[)）]名称$|^项目名称$/.test((r[0] ?? '').trim())) return r.slice(1).find((c) => c !== '');
  return undefined;
}

/** Is the table a label/value grid (tables 16, 17: no header rows)? */
export function isGoalTable(no: number | undefined, title: string): boolean {
  return no === 16 || no === 17 || /绩效目标表/.test(title);
}

export function blockToTable(b: PrintedBlock, template: Template | undefined): DisclosureTable {
  const facts = readTop(b.top);
  let grid = b.grid.slice();
  let note: string | undefined;
  // The note is the last non-blank row holding one 备注/注 cell; blank rows between it and the body go too.
  // Other blank rows stay: an all-blank body row (a 三公 table of zeros printed blank) is a printed row.
  let k = grid.length - 1;
  while (k >= 0 && grid[k]!.every((c) => c === '')) k--;
  const last = grid[k];
  if (last && NOTE.test((last.find((c) => c !== '') ?? '').trim()) && last.filter((c) => c !== '').length === 1) {
    note = last.find((c) => c !== '')!;
    grid = grid.slice(0, k);
    while (grid.length && grid[grid.length - 1]!.every((c) => c === '')) grid.pop();
  }
  grid = trimRight(grid);
  const title = facts.title ?? '';
  const tt = templateTableFor(template, title, facts.no);
  const no = facts.no ?? tt?.no ?? 0;
  const goal = isGoalTable(no, title);
  const h = goal ? 0 : (b.headerRows ?? templateHeaderRows(grid, tt?.header) ?? guessHeaderRows(grid));
  const rows = grid.slice(h);
  // Project goal tables are printed once per project, at whatever number a layout gives them.
  const project = no === 17 || (goal && !/整体/.test(title)) ? projectOf(rows) : undefined;
  return {
    no,
    title,
    unitLabel: facts.unitLabel ?? '',
    header: grid.slice(0, h),
    rows,
    ...(note !== undefined ? { note } : {}),
    ...(tt ? { key: tt.key } : {}),
    ...(project !== undefined ? { project } : {}),
  };
}
