/**
 * One printed table (the lines from its title to the next block) → a DisclosureTable.
 * Tab-separated tables keep their cells; space-aligned tables are split into tokens and the
 * amounts placed under their columns by position. Rows continue across pages; a header repeated at
 * the top of a continuation page is dropped.
 */
import type { AmountUnit, DisclosureTable, SourceRef } from '../../core/disclosure.ts';
import type { Template, TemplateTable } from '../../core/template.ts';
import { joinCode, leadingCode, splitCodeName } from './code-cell.ts';
import { alignAmounts, columnText, groupAt, headerLayout, labelCuts, leafLabels, sameLabel, spanningLabels, type Column, type HeaderLayout, type HeaderWord } from './columns.ts';
import { readGoalGrid } from './goal-grid.ts';
import { cellTexts, hasTabs, sourceOf, spaceCells, tabCells, type Cell, type PrintedLine, type RawRow } from './lines.ts';
import { labelLevels, readLevelTable } from './level-table.ts';
import { labelledUnit } from './metadata.ts';
import { readPairTable } from './pair-table.ts';
import { isTwoPanel, readPanelTable } from './panel-table.ts';
import { isAmount, norm } from './normalize.ts';
import { tableNumberMark } from './template-match.ts';
import { readWrappedGrid } from './wrapped-grid.ts';

export interface Problem {
  message: string;
  source?: SourceRef;
}

export interface TableBlock {
  spec: TemplateTable;
  title: PrintedLine;
  lines: PrintedLine[];
  /** Printed inside the narrative or profile part (a sheet attached to the text), not among the tables. */
  inText?: boolean;
}

export interface BuiltTable {
  table: DisclosureTable;
  unitName?: string;
  problems: Problem[];
}

const UNIT_TEXT = /单位\s*[:：]\s*(万元|元)/;
const NOTE_START = /^\s*(?:备注|注)\s*[:：]|^\s*[:：]\s*“/;
const EMPTY_MARK = /^\s*(?:无|此表为空.*|本表无数据.*)\s*$/;
/** Row labels that start a body even without amounts (numbered items, totals). */
const ROW_LABEL = /^(?:合计|总计|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．])/;

function cellsOf(l: PrintedLine): RawRow {
  if (hasTabs(l)) {
    const cells: Cell[] = [];
    const texts = tabCells(l.text);
    for (let pos = 0; pos < texts.length; pos++) cells.push({ text: texts[pos]!, start: pos, end: pos + 1 });
    return { cells, tabbed: true, line: l };
  }
  return { cells: l.cells ? l.cells.map((c) => ({ ...c })) : spaceCells(l.text), tabbed: false, line: l };
}

function width(spec: TemplateTable): number {
  return spec.header.reduce((w, r) => Math.max(w, r.length), 0);
}

/** The texts of a row's printed (non-blank) cells. */
function printedTexts(r: RawRow): string[] {
  const texts: string[] = [];
  for (const c of r.cells) if (c.text !== '') texts.push(c.text);
  return texts;
}

/** Whether a line prints an amount: a year in a header ("其中：2026" "年政府采购") is not one. */
function printsAmount(texts: string[]): boolean {
  return texts.some((t, i) => isAmount(t) && !(/^(?:19|20)\d\d$/.test(t) && (texts[i + 1] ?? '').startsWith('年')));
}

/** A row of column numbers ("栏次 1 2 3 …", "** ** 1 2 3"): part of the header. */
function isColumnNumbers(texts: string[]): boolean {
  const nums = texts.filter((t) => /^\d{1,2}$/.test(t)).map(Number);
  const rest = texts.filter((t) => !/^\d{1,2}$/.test(t));
  return nums.length >= 3 && nums.every((n, i) => i === 0 || n === nums[i - 1]! + 1) && rest.every((t) => /^(?:\*+|栏次|行次|[\-—]+)$/.test(t.replace(/\s/g, '')));
}

function isBodyRow(r: RawRow, spec: TemplateTable): boolean {
  const texts = printedTexts(r);
  if (!texts.length) return false;
  if (isColumnNumbers(texts)) return false;
  if (printsAmount(texts)) return true;
  if (spec.layout === 'three-public' || spec.layout === 'three-public-and-operating') return false;
  // A total row alone on its line, letter-spaced or not ("合   计"): the body of an empty table.
  if (!r.tabbed && texts.length <= 4) {
    const joined = norm(texts.join(''));
    if (joined === '合计' || joined === '总计') return true;
  }
  const head = texts[0]!;
  if (joinCode(head) || splitCodeName(head) || leadingCode(texts)) return true;
  const first = norm(head);
  if (spec.layout === 'code-matrix' || spec.layout === 'project-list') {
    // A total row without amounts (an empty table): 合计 in the code/name columns, alone on its line.
    if (first !== '合计' && first !== '总计') return false;
    return r.tabbed ? r.cells.findIndex((c) => c.text !== '') <= 1 : texts.length === 1;
  }
  return ROW_LABEL.test(first) && !/^(?:合计|总计)/.test(first);
}

/** A table's lines sorted out: its unit line, the notes under it, and the lines of the table itself. */
interface TableLines {
  content: PrintedLine[];
  noteLines: string[];
  unitLabel: string;
  amountUnit?: AmountUnit;
  unitName?: string;
}

function sortLines(lines: PrintedLine[]): TableLines {
  const out: TableLines = { content: [], noteLines: [], unitLabel: '' };
  let inNote = false;
  for (const l of lines) {
    const t = l.text.trim();
    // Page numbers were dropped where they are printed (page ends); a number alone here is a code.
    if (!t || tableNumberMark(t) !== null) continue;
    // A unit line names 单位 and 元 (no NFKC folding produces them): other lines skip the NFKC.
    const u = t.includes('单位') && t.includes('元') ? UNIT_TEXT.exec(t.normalize('NFKC')) : null;
    const who = labelledUnit(t);
    // "单位：万元" alone, or beside the unit's name ("341-湖州市财政局      单位:万元").
    const besideName = u && !who && (l.cells ?? spaceCells(l.text)).filter((c) => c.text).length === 2 && !/\d[\d,]*\.\d/.test(t);
    if (who || (u && t.normalize('NFKC').replace(/\s/g, '').length <= 12) || besideName) {
      if (who) out.unitName = who;
      else if (besideName)
        out.unitName =
          t
            .replace(/\s*(?:金额)?单位\s*[:：].*$/, '')
            .replace(/^\d+\s*[-—－]\s*/, '')
            .trim() || undefined;
      if (u) {
        out.unitLabel = /单位\s*[:：]\s*(?:万元|元)/.exec(t)?.[0] ?? u[0];
        out.amountUnit = u[1] as AmountUnit;
      }
      continue;
    }
    if (NOTE_START.test(t) || inNote) {
      inNote = true;
      out.noteLines.push(t);
      continue;
    }
    if (EMPTY_MARK.test(t)) {
      out.noteLines.push(t);
      continue;
    }
    out.content.push(l);
  }
  return out;
}

/** Header: the lines before the first body row; on later pages, lines repeating the header are dropped. */
function splitHeader(raws: RawRow[], spec: TemplateTable): { header: RawRow[]; body: RawRow[] } {
  const header: RawRow[] = [];
  const body: RawRow[] = [];
  const headerWords = new Set<string>();
  const pagesWithBody = new Set<number>();
  // Whether a body row with a label was read yet (a 类 款 项 line before it belongs to the header).
  let labelledBody = false;
  for (const r of raws) {
    // Before the first labelled row, a positioned line that is no body row is still header: an
    // amount line of the 合计 row may be printed a little above the header's last line.
    const stillHeader = !labelledBody && !r.tabbed && (isCodeLevelLine(r) || (r.line.y !== undefined && !isBodyRow(r, spec)));
    if ((!body.length && !isBodyRow(r, spec)) || stillHeader) {
      header.push(r);
      for (const c of r.cells) if (c.text) headerWords.add(norm(c.text));
      continue;
    }
    // A header repeated at the top of a continuation page; elsewhere such words are a wrapped name.
    const repeated = !pagesWithBody.has(r.line.page) && r.line.page !== header[0]?.line.page;
    if (repeated && body.length && repeatsHeader(r, headerWords) && !isBodyRow(r, spec)) continue;
    body.push(r);
    pagesWithBody.add(r.line.page);
    if (!labelledBody && !amountsOnly(r)) labelledBody = true;
  }
  return { header, body };
}

/** A table read by the reader its layout needs; null when the layout has none or it does not apply. */
function readByLayout(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): { header: string[][]; rows: string[][]; sources: SourceRef[]; problems: Problem[] } | null {
  switch (spec.layout) {
    case 'income-expenditure':
    case 'fiscal-income-expenditure':
      return readPairTable(spec, header, body, file);
    case 'procurement-list':
      return readWrappedGrid(spec, header, body, file);
    case 'other':
      return (labelLevels(spec) ? readLevelTable(spec, header, body, file) : null) ?? (isTwoPanel(spec) ? readPanelTable(spec, header, body, file) : null);
    default:
      return null;
  }
}

/** Problems that say an amount may stand in the wrong cell. */
const PLACEMENT_DOUBT = /已自左向右排列|同一列读到两个金额|金额个数多于列数|金额未能归入任何一行|距表头|金额中夹有文字|合计栏空白/;

export function buildTable(block: TableBlock, template: Template, file?: string): BuiltTable {
  const built = buildTableAsPrinted(block, template, file);
  // How many amounts the reader placed without being sure: rules do not let such a table vouch for its sums.
  const doubts = built.problems.filter((p) => PLACEMENT_DOUBT.test(p.message)).length;
  if (doubts) built.table.readingDoubts = doubts;
  return built;
}

function buildTableAsPrinted(block: TableBlock, template: Template, file?: string): BuiltTable {
  let { spec } = block;
  const problems: Problem[] = [];
  const { content, noteLines, unitLabel, amountUnit, unitName } = sortLines(block.lines);
  const table: DisclosureTable = {
    no: spec.no,
    key: spec.key,
    title: block.title.text.trim(),
    unitLabel,
    header: [],
    rows: [],
    source: sourceOf(block.title, file),
    rowSources: [],
  };
  if (noteLines.length) table.note = noteLines.join('\n');
  const docUnit = template.amountUnit;
  if (amountUnit && amountUnit !== docUnit) table.amountUnit = amountUnit;
  if (!amountUnit && spec.amountUnit && spec.amountUnit !== docUnit) table.amountUnit = spec.amountUnit;

  if (spec.layout === 'overall-goal' || spec.layout === 'project-goal') {
    const grid = readGoalGrid(content, file);
    table.rows = grid.rows;
    table.rowSources = grid.sources;
    if (grid.project) table.project = grid.project;
    problems.push(...grid.problems);
    return { table, unitName, problems };
  }

  const { header, body } = splitHeader(content.map(cellsOf), spec);
  table.header = header.map((r) => cellTexts(r.cells));
  // A table no template describes: its columns are the ones its own header prints.
  const inferred = !spec.header.length;
  if (inferred) spec = { ...spec, header: printedHeader(header, body, spec) };
  const read = readByLayout(spec, header, body, file);
  if (read) {
    table.header = read.header;
    table.rows = read.rows;
    table.rowSources = read.sources;
    problems.push(...read.problems);
    return { table, unitName, problems };
  }
  const spans = amountSpans(spec, header, body);
  if (spans) table.header = alignedHeader(spans, width(spec), body);
  placeRows(spec, body, placer(spec, header, body, spans), table, problems, file);
  // A table published empty still prints its grid: a header and one blank row (the 三公 table is
  // always one row). The text shows no blank row, so it is put back.
  if (!table.rows.length && header.length && (inferred || spec.layout === 'three-public' || spec.layout === 'three-public-and-operating')) {
    table.rows.push(new Array<string>(Math.max(1, width(spec))).fill(''));
    table.rowSources!.push(sourceOf(header[header.length - 1]!.line, file));
  }
  return { table, unitName, problems };
}

/** Points between a labelled line and the furthest line of its row (a cell wrapped over three lines). */
const ROW_REACH = 24;

/**
 * Rows of a code matrix read from positioned words: a row printed over several lines (a name wrapped
 * above and below its code, an amount on a line of its own) is put together by where each line
 * stands — every line without a code or total label goes to the labelled line nearest to it.
 */
function regroupByPosition(body: RawRow[], spec: TemplateTable): RawRow[] {
  if (spec.layout !== 'code-matrix' || body.some((r) => r.tabbed || r.line.y === undefined)) return body;
  const labelled = (r: RawRow) => {
    const texts = printedTexts(r);
    if (!texts.length) return false;
    if (joinCode(texts[0]!) || splitCodeName(texts[0]!) || leadingCode(texts)) return true;
    const joined = norm(texts.join(''));
    if (/^(?:合计|总计)/.test(joined)) return true;
    // A name with its amounts on one line (rows by unit, without codes).
    return printsAmount(texts) && !texts.every(isAmount);
  };
  const anchors = body.filter(labelled);
  if (!anchors.length) return body;
  const extra = new Map<RawRow, { above: Cell[][]; below: Cell[][]; amounts: Cell[] }>();
  // Lines with no labelled line on their page stay where they are.
  const attached = new Set<RawRow>();
  for (const a of anchors) extra.set(a, { above: [], below: [], amounts: [] });
  for (const r of body) {
    if (extra.has(r)) continue;
    const cells = r.cells.filter((c) => c.text !== '');
    if (!cells.length) continue;
    let best: RawRow | undefined;
    for (const a of anchors) {
      if (a.line.page !== r.line.page) continue;
      if (!best || Math.abs(a.line.y! - r.line.y!) < Math.abs(best.line.y! - r.line.y!)) best = a;
    }
    // A line far from every labelled line (a running header, a note) is no part of a row.
    if (!best || Math.abs(best.line.y! - r.line.y!) > ROW_REACH) continue;
    attached.add(r);
    const e = extra.get(best)!;
    e.amounts.push(...cells.filter((c) => isAmount(c.text)));
    const words = cells.filter((c) => !isAmount(c.text));
    if (words.length) (r.line.y! < best.line.y! ? e.above : e.below).push(words);
  }
  return body
    .filter((r) => !attached.has(r))
    .map((a) => {
      const e = extra.get(a);
      if (!e || (!e.above.length && !e.below.length && !e.amounts.length)) return a;
      const own = a.cells.filter((c) => c.text !== '');
      const lead: Cell[] = [];
      let i = 0;
      const lc = leadingCode(cellTexts(own));
      if (lc) for (; i < lc.used; i++) lead.push(own[i]!);
      const ownNames: Cell[] = [];
      for (; i < own.length && !isAmount(own[i]!.text); i++) ownNames.push(own[i]!);
      const names = [...e.above.flat(), ...ownNames, ...e.below.flat()];
      const name: Cell[] = names.length ? [{ text: names.map((c) => c.text).join(''), start: Math.min(...names.map((c) => c.start)), end: Math.max(...names.map((c) => c.end)) }] : [];
      const amounts = [...own.slice(i), ...e.amounts].sort((x, y) => x.start - y.start);
      return { ...a, cells: [...lead, ...name, ...amounts] };
    });
}

/** The body rows placed into the table; in a space-aligned code matrix, wrapped lines joined first. */
function placeRows(spec: TemplateTable, body: RawRow[], place: Place, table: DisclosureTable, problems: Problem[], file?: string): void {
  body = regroupByPosition(body, spec);
  let pendingAmounts: Cell[] = [];
  for (const r of body) {
    if (!r.tabbed && spec.layout === 'code-matrix') {
      const texts = r.cells.filter((c) => c.text !== '');
      // Amounts printed on a line of their own, above the row they belong to (wrapped names).
      if (texts.length && texts.every((c) => isAmount(c.text)) && !leadingCode(cellTexts(texts))) {
        pendingAmounts.push(...texts);
        continue;
      }
      // A name wrapped onto the next line: join it to the row above.
      if (texts.length && table.rows.length && texts.every((c) => !isAmount(c.text)) && !isBodyRow(r, spec)) {
        const prev = table.rows[table.rows.length - 1]!;
        prev[1] = prev[1] + cellTexts(texts).join('');
        continue;
      }
      if (pendingAmounts.length) {
        r.cells = [...r.cells, ...pendingAmounts].sort((a, b) => a.start - b.start);
        pendingAmounts = [];
      }
    }
    const placed = place(r, problems, file);
    // A 合计 cell left blank while the row prints its parts: most likely a shifted reading.
    if (spec.layout === 'code-matrix' && placed[2] === '' && placed.slice(3).some((c) => isAmount(c)) && /合计|总计/.test(leafLabels(spec.header)[2] ?? '')) {
      problems.push({ message: `表${spec.no}「${spec.title}」：合计栏空白而本行印有分项金额，疑为读取错列（${placed[0] || placed[1]}）`, source: sourceOf(r.line, file) });
    }
    table.rows.push(placed);
    table.rowSources!.push(sourceOf(r.line, file));
  }
  if (pendingAmounts.length) {
    problems.push({
      message: `表${spec.no}「${spec.title}」：金额未能归入任何一行（${pendingAmounts.map((c) => c.text).join(' ')}）`,
      source: sourceOf(body[body.length - 1]!.line, file),
    });
  }
}

type Place = (r: RawRow, problems: Problem[], file?: string) => string[];

/** Whether every word of a line is a header word. */
function repeatsHeader(r: RawRow, headerWords: Set<string>): boolean {
  let any = false;
  for (const c of r.cells) {
    const t = norm(c.text);
    if (!t) continue;
    if (!headerWords.has(t)) return false;
    any = true;
  }
  return any;
}

/** "类 款 项" printed under the code column's header: a header line, wherever it falls. */
function isCodeLevelLine(r: RawRow): boolean {
  if (r.cells.length > 3) return false;
  let any = false;
  for (const c of r.cells) {
    const t = norm(c.text);
    if (!t) continue;
    if (!/^[类款项]+$/.test(t)) return false;
    any = true;
  }
  return any;
}

function amountsOnly(r: RawRow): boolean {
  let any = false;
  for (const c of r.cells) {
    if (!c.text) continue;
    if (!isAmount(c.text)) return false;
    any = true;
  }
  return any;
}

/** Amount columns found in a space-aligned header, with the template's label columns before them. */
interface AmountSpans {
  lead: number;
  layout: HeaderLayout;
  columns: Column[];
  /** Template group labels → the column they start at. */
  spanning: ReadonlyMap<string, number>;
}

/**
 * The amount columns of a space-aligned code-matrix or three-public table, from its header words:
 * the rightmost columns, one per template amount column, accepted when at least half of them print
 * the template's label. Null when the header does not show them (then amounts are placed from the
 * positions of the body's amounts).
 */
function amountSpans(spec: TemplateTable, header: RawRow[], body: RawRow[]): AmountSpans | null {
  const amountsOnlyTable = spec.layout === 'other' && leafLabels(spec.header).every((h) => !/名称|编码|代码|^项目$/.test(norm(h)));
  const lead = spec.layout === 'code-matrix' ? 2 : spec.layout === 'three-public' || spec.layout === 'three-public-and-operating' || amountsOnlyTable ? 0 : -1;
  if (lead < 0 || !header.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const k = width(spec) - lead;
  const spanning = spanningLabels(spec.header);
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanning,
  );
  if (k <= 0 || layout.columns.length < k) return null;
  const columns = layout.columns.slice(layout.columns.length - k);
  const leaf = leafLabels(spec.header).slice(lead);
  const named = columns.filter((c, i) => sameLabel(columnText(c), leaf[i] ?? '')).length;
  if (named * 2 < k) return null;
  return { lead, layout, columns, spanning };
}

/**
 * The header as cells aligned to the table's columns: one row per line of group labels (each
 * under the first column it spans), then the leaf row (a column's stacked words joined). Words over
 * the code and name columns go to the code column when they start before the names do.
 */
function alignedHeader(spans: AmountSpans, n: number, body: RawRow[]): string[][] {
  const { lead, layout, columns } = spans;
  const rows: string[][] = [];
  // A group label over the code columns ("功能分类科目编码" over 类 款 项) is a label-area word.
  const firstAmount = columns[0]!.start;
  const groups: HeaderWord[] = [];
  const labelAreaGroups: HeaderWord[] = [];
  for (const g of layout.groups) (lead === 0 || g.end > firstAmount ? groups : labelAreaGroups).push(g);
  const groupLines: number[] = [];
  for (const g of groups) if (!groupLines.includes(g.line)) groupLines.push(g.line);
  for (const line of groupLines) {
    const row = new Array<string>(n).fill('');
    for (const g of groups) {
      if (g.line !== line) continue;
      // A template group label goes where the template starts it; another under its first column.
      let at = spans.spanning.get(norm(g.text)) ?? -1;
      if (at < 0) {
        let j = columns.findIndex((c) => c.start < g.end && g.start < c.end);
        if (j < 0) j = columns.findIndex((c) => c.start >= g.start);
        at = j < 0 ? n - 1 : lead + j;
      }
      row[at] = row[at] ? `${row[at]} ${g.text}` : g.text;
    }
    rows.push(row);
  }
  const leaf = new Array<string>(n).fill('');
  for (let i = 0; i < columns.length; i++) leaf[lead + i] = columnText(columns[i]!);
  if (lead > 0) {
    const words: HeaderWord[] = [];
    const labelColumns = layout.columns.length - columns.length;
    for (let i = 0; i < labelColumns; i++) words.push(...layout.columns[i]!.words);
    words.push(...labelAreaGroups);
    words.sort((a, b) => a.line - b.line || a.start - b.start);
    const nameStart = namesStart(body) ?? words.find((w) => /名称/.test(w.text))?.start ?? null;
    const code: string[] = [];
    const name: string[] = [];
    for (const w of words) (nameStart === null || w.start < nameStart - 1 ? code : name).push(w.text);
    leaf[0] = code.join(' ');
    if (lead > 1) leaf[1] = name.join(' ');
  }
  rows.push(leaf);
  return rows;
}

/** Where the names start in rows printed with a leading code (the most common position). */
function namesStart(body: RawRow[]): number | null {
  const counts = new Map<number, number>();
  for (const r of body) {
    const tokens = r.cells.filter((c) => c.text);
    const lc = leadingCode(cellTexts(tokens));
    const name = lc ? tokens[lc.used] : undefined;
    if (name && !isAmount(name.text)) counts.set(name.start, (counts.get(name.start) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [at, n] of counts) if (best === null || n > counts.get(best)!) best = at;
  return best;
}

/** Amounts placed under the columns their spans overlap; a far placement is reported. */
function placeBySpans(amounts: Cell[], spans: AmountSpans, n: number, spec: TemplateTable, r: RawRow, problems: Problem[], file: string | undefined, lead: string[]): string[] | null {
  const a = alignAmounts(amounts, spans.columns, r.line.cells !== undefined);
  if (!a) return null;
  const out = [...lead, ...new Array<string>(n - lead.length).fill('')];
  a.at.forEach((j, i) => {
    out[lead.length + j] = amounts[i]!.text;
    if (a.distance[i]! > FAR) {
      problems.push({
        message: `表${spec.no}「${spec.title}」：${amounts[i]!.text} 归入“${columnText(spans.columns[j]!)}”列，距表头 ${a.distance[i]} 个字符`,
        source: sourceOf(r.line, file),
      });
    }
  });
  return out;
}

/** Characters between an amount and its column header beyond which the placement is reported. */
const FAR = 8;

function placer(spec: TemplateTable, header: RawRow[], body: RawRow[], spans: AmountSpans | null): Place {
  const n = width(spec);
  if (spec.layout === 'code-matrix') return codeRowPlacer(spec, n, header, body, spans);
  if (spec.layout === 'income-expenditure' || spec.layout === 'fiscal-income-expenditure') return pairRowPlacer(spec, n, body);
  if (spec.layout === 'three-public' || spec.layout === 'three-public-and-operating') {
    const anchors = anchorsFrom(header, body, n, 0);
    return (r, problems, file) => {
      if (r.tabbed) return fit(cellTexts(r.cells), n);
      const amounts = r.cells.filter((c) => c.text);
      const bySpan = spans && amounts.every((c) => isAmount(c.text)) ? placeBySpans(amounts, spans, n, spec, r, problems, file, []) : null;
      if (bySpan) return bySpan;
      return placeAmounts(amounts, n, anchors(r), spec, r, problems, file);
    };
  }
  return (r, problems, file) => {
    if (r.tabbed) return trimEnd(cellTexts(r.cells));
    // A table of amounts only (Jiangsu 支出预算总表): amounts under their header columns.
    const amounts = r.cells.filter((c) => c.text);
    const bySpan = spans && amounts.every((c) => isAmount(c.text)) ? placeBySpans(amounts, spans, n, spec, r, problems, file, []) : null;
    return bySpan ?? cellTexts(r.cells);
  };
}

function fit(cells: string[], n: number): string[] {
  if (n <= 0) return trimEnd(cells);
  const out = cells.slice();
  while (out.length > n && out[out.length - 1] === '') out.pop();
  while (out.length < n) out.push('');
  return out;
}

function trimEnd(cells: string[]): string[] {
  const out = cells.slice();
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

/** The amount tokens of a row: those after its label (codes before the label are not amounts). */
function amountCells(r: RawRow): Cell[] {
  let cells = r.cells.filter((c) => c.text);
  // Codes printed in their own 类 | 款 | 项 columns ("221  02  03") are no amounts.
  const lc = leadingCode(cellTexts(cells));
  if (lc) cells = cells.slice(lc.used);
  const label = cells.findIndex((c) => !isAmount(c.text));
  return (label < 0 ? cells : cells.slice(label)).filter((c) => isFigure(c.text));
}

/** An amount, or a percentage printed in an amount column ("增减(%)": "-60.86%"). */
function isFigure(text: string): boolean {
  return isAmount(text) || /^-?[\d,]+(?:\.\d+)?%$/.test(text);
}

/**
 * Right edges of the amount columns, per page: from rows that fill every column; else the columns
 * the page's amounts cluster into (gaps of 4+ characters) when there are exactly as many.
 */
function anchorsFrom(header: RawRow[], body: RawRow[], n: number, lead: number, ownPage = false): (r: RawRow) => number[] | null {
  const k = n - lead;
  if (k <= 0) return () => null;
  const byPage = new Map<number, number[] | null>();
  const full = (rows: RawRow[]) => {
    const sums = new Array<number>(k).fill(0);
    let count = 0;
    for (const r of rows) {
      const amounts = amountCells(r);
      if (r.tabbed || amounts.length !== k) continue;
      amounts.forEach((c, i) => {
        sums[i] = sums[i]! + c.end;
      });
      count++;
    }
    return count ? sums.map((x) => x / count) : null;
  };
  const clusters = (rows: RawRow[]) => {
    const ends = rows.flatMap((r) => (r.tabbed ? [] : amountCells(r).map((c) => c.end))).sort((a, b) => a - b);
    if (!ends.length) return null;
    const groups: number[][] = [[ends[0]!]];
    for (const e of ends.slice(1)) {
      const g = groups[groups.length - 1]!;
      if (e - g[g.length - 1]! >= 4) groups.push([e]);
      else g.push(e);
    }
    if (groups.length > k) return null;
    return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
  };
  void header;
  // The whole table's anchors, computed only when a page has no full row of its own.
  let whole: number[] | null | undefined;
  const wholeTable = () => (whole === undefined ? (whole = full(body)) : whole);
  return (r) => {
    const page = r.line.page;
    if (!byPage.has(page)) {
      const rows = body.filter((b) => b.line.page === page);
      // Clustering amounts by position is only trusted when it finds every column: pdftotext shifts
      // amounts after long names, and a partial clustering misplaces more than it places.
      const c = clusters(rows);
      byPage.set(page, ownPage ? full(rows) : (full(rows) ?? wholeTable() ?? (c && c.length === k ? c : null)));
    }
    return byPage.get(page) ?? null;
  };
}

function placeAmounts(amounts: Cell[], n: number, anchors: number[] | null, spec: TemplateTable, r: RawRow, problems: Problem[], file: string | undefined, lead: string[] = []): string[] {
  const k = n - lead.length;
  if (amounts.length === k || !anchors || amounts.length > k) {
    if (amounts.length !== k && k > 0 && amounts.length > 0) {
      problems.push({
        message: `表${spec.no}「${spec.title}」：${amounts.length} 个金额对应 ${k} 列，已自左向右排列`,
        source: sourceOf(r.line, file),
      });
    }
    const cells = [...lead];
    for (const c of amounts) cells.push(c.text);
    return fit(cells, n);
  }
  const out = new Array<string>(k).fill('');
  for (const c of amounts) {
    let best = 0;
    for (let i = 1; i < anchors.length; i++) if (Math.abs(anchors[i]! - c.end) < Math.abs(anchors[best]! - c.end)) best = i;
    if (out[best] !== '') {
      problems.push({ message: `表${spec.no}「${spec.title}」：同一列读到两个金额（${out[best]}, ${c.text}）`, source: sourceOf(r.line, file) });
      best = out.indexOf('');
    }
    out[best] = c.text;
  }
  return [...lead, ...out];
}

/** Amounts under the columns whose right edges they end nearest, in order; null when one ends far from every edge. */
function placeByEdges(amounts: Cell[], edges: number[] | null, lead: string[], n: number): string[] | null {
  if (!edges || edges.length !== n - lead.length) return null;
  const a = alignAmounts(
    amounts,
    edges.map((e) => ({ start: e - 1, end: e })),
  );
  if (!a || a.at.some((j, i) => Math.abs(edges[j]! - amounts[i]!.end) > 2)) return null;
  const out = [...lead, ...new Array<string>(n - lead.length).fill('')];
  a.at.forEach((j, i) => {
    out[lead.length + j] = amounts[i]!.text;
  });
  return out;
}

function codeRowPlacer(spec: TemplateTable, n: number, header: RawRow[], body: RawRow[], spans: AmountSpans | null): Place {
  const anchors = anchorsFrom(header, body, n, 2);
  const pageEdges = anchorsFrom(header, body, n, 2, true);
  return (r, problems, file) => {
    if (r.tabbed) {
      const cells = cellTexts(r.cells);
      const code = joinCode(cells[0] ?? '');
      if (code !== null) cells[0] = code;
      else if (cells[0] && !(cells[1] ?? '')) {
        const split = splitCodeName(cells[0]);
        if (split) cells.splice(0, 2, split[0], split[1]);
      } else if (cells[0]) {
        const split = splitCodeName(cells[0]);
        if (split && !isAmount(cells[0])) cells.splice(0, 1, split[0], split[1]);
      }
      return fit(cells, n);
    }
    const tokens = r.cells.filter((c) => c.text);
    let code = '';
    let i = 0;
    const lc = leadingCode(cellTexts(tokens));
    if (lc) {
      code = lc.code;
      i = lc.used;
    } else if (tokens.length) {
      const t0 = tokens[0]!;
      const split = splitCodeName(t0.text);
      if (split) {
        code = split[0];
        tokens[0] = { text: split[1], start: t0.start, end: t0.end };
      }
    }
    const names: string[] = [];
    while (i < tokens.length && !isAmount(tokens[i]!.text)) names.push(tokens[i++]!.text);
    const amounts = tokens.slice(i);
    const stray = amounts.filter((c) => !isFigure(c.text));
    if (stray.length) {
      problems.push({ message: `表${spec.no}「${spec.title}」：金额中夹有文字（${stray.map((c) => c.text).join(' ')}）`, source: sourceOf(r.line, file) });
    }
    const lead = [code, names.join(' ')];
    // Fewer amounts than columns: blank cells vanished from the print. The right edges of the page's
    // full rows say where each column ends (amounts are right-aligned), more surely than header words.
    const byEdges = !stray.length && amounts.length < n - 2 ? placeByEdges(amounts, pageEdges(r), lead, n) : null;
    if (byEdges) return byEdges;
    const bySpan = spans && !stray.length ? placeBySpans(amounts, spans, n, spec, r, problems, file, lead) : null;
    if (bySpan) return bySpan;
    return placeAmounts(amounts, n, anchors(r), spec, r, problems, file, lead);
  };
}

/**
 * Income/expenditure tables print groups side by side (收入 | 支出 [| 支出用途]), each a label and
 * its amounts. Label columns come from the template header (项目 / 项目名称 / 科目名称); a label
 * token joins the group whose column it starts in, found by the widest gaps between label starts.
 */
function pairRowPlacer(spec: TemplateTable, n: number, body: RawRow[]): Place {
  const leaf: string[] = spec.header[spec.header.length - 1] ?? [];
  const labelCols: number[] = [];
  leaf.forEach((h, i) => {
    if (/项目|名称/.test(norm(h))) labelCols.push(i);
  });
  if (!labelCols.length) labelCols.push(0);
  const groupEnd = (g: number) => labelCols[g + 1] ?? n;
  const cuts = labelCuts(body, labelCols.length - 1);
  const groupOf = (pos: number) => groupAt(cuts, pos, 2);
  let widened = false;
  return (r, problems, file) => {
    if (r.tabbed) return fit(cellTexts(r.cells), n);
    const out = new Array<string>(n).fill('');
    let g = -1;
    let slot = 0;
    for (const c of r.cells) {
      if (!c.text) continue;
      if (!isAmount(c.text)) {
        g = Math.min(groupOf(c.start), labelCols.length - 1);
        const at = labelCols[g]!;
        out[at] = out[at] ? out[at] + ' ' + c.text : c.text;
        slot = at + 1;
        continue;
      }
      if (g < 0) {
        g = Math.min(groupOf(c.start), labelCols.length - 1);
        slot = labelCols[g]! + 1;
      }
      if (slot >= groupEnd(g)) {
        if (g < labelCols.length - 1) {
          problems.push({ message: `表${spec.no}「${spec.title}」：金额个数多于列数（${c.text}）`, source: sourceOf(r.line, file) });
          continue;
        }
        // The last group printed more amount columns than the template has: keep them, after it.
        if (!widened) problems.push({ message: `表${spec.no}「${spec.title}」：金额列多于模板的 ${n} 列，多出的单元格保留在行末`, source: sourceOf(r.line, file) });
        widened = true;
      }
      out[slot++] = c.text;
    }
    return out;
  };
}

/** Single characters printed apart to fill a cell ("收   入", "项   目") joined into one word. */
export function joinLetterSpaced(cells: Cell[]): Cell[] {
  const single = (c: Cell) => /^[\u4e00-\u9fff]$/.test(c.text);
  const out: Cell[] = [];
  let run: Cell[] = [];
  const flush = () => {
    if (run.length > 1) out.push({ text: run.map((c) => c.text).join(''), start: run[0]!.start, end: run[run.length - 1]!.end });
    else out.push(...run);
    run = [];
  };
  for (const c of cells) {
    // "2026" "年政府采购项目": a year printed apart from the rest of its header word.
    const prev = out[out.length - 1];
    if (!run.length && prev && /^(?:19|20)\d\d$/.test(prev.text) && c.text.startsWith('年') && c.start - prev.end <= 2) {
      out[out.length - 1] = { text: prev.text + c.text, start: prev.start, end: c.end };
      continue;
    }
    if (single(c) && (!run.length || c.start - run[run.length - 1]!.end <= 4)) {
      run.push(c);
      continue;
    }
    flush();
    if (single(c)) run.push(c);
    else out.push(c);
  }
  flush();
  return out;
}

/**
 * The header a table prints, as template header rows: one row of group labels per printed line of
 * them (each over the first column it spans), then the leaf labels. In a code matrix the label
 * columns left of the first amount column become two (code, name), whatever the print splits
 * them into (类 | 款 | 项 | 名称, or one 项目 column).
 */
export function printedHeader(header: RawRow[], body: RawRow[], spec: TemplateTable): string[][] {
  if (!header.length || header.some((r) => r.tabbed)) {
    // No header printed (or one the reader could not take apart): as many columns as the widest row.
    if (spec.layout !== 'code-matrix') return [[]];
    const widest = Math.max(1, ...body.map((r) => r.cells.filter((c) => isAmount(c.text) && /[.,]/.test(c.text)).length));
    return [['科目编码', '科目名称', ...new Array<string>(widest).fill('')]];
  }
  const layout = headerLayout(
    header.filter((r) => !isColumnNumbers(printedTexts(r))).map((r) => joinLetterSpaced(r.cells)),
    new Map(),
  );
  const cols = layout.columns;
  if (!cols.length) return [[]];
  let labels: string[];
  let amountCols: Column[];
  if (spec.layout === 'code-matrix') {
    // Amounts, not codes: a printed decimal or thousands separator tells them apart (codes are bare digits).
    const amounts: Cell[] = [];
    for (const r of body) for (const c of r.cells) if (isAmount(c.text) && /[.,]/.test(c.text)) amounts.push(c);
    let first = cols.findIndex((c) => amounts.some((a) => a.start < c.end + 1 && c.start - 1 < a.end));
    if (first < 0) first = Math.min(2, cols.length);
    const labelCols = cols.slice(0, first);
    amountCols = cols.slice(first);
    const texts = labelCols.map((c) => columnText(c));
    labels = texts.length >= 2 ? [texts.slice(0, -1).join(' '), texts[texts.length - 1]!] : texts.length === 1 ? [texts[0]!, ''] : ['科目编码', '科目名称'];
  } else {
    labels = [];
    amountCols = cols;
  }
  const leaf = [...labels, ...amountCols.map((c) => columnText(c))];
  const rows: string[][] = [];
  const lines = [...new Set(layout.groups.map((g) => g.line))];
  for (const line of lines) {
    const row = new Array<string>(leaf.length).fill('');
    for (const g of layout.groups) {
      if (g.line !== line) continue;
      const j = amountCols.findIndex((c) => c.start < g.end && g.start < c.end);
      if (j < 0) continue;
      const at = labels.length + j;
      row[at] = row[at] ? `${row[at]} ${g.text}` : g.text;
    }
    if (row.some((c) => c)) rows.push(row);
  }
  rows.push(leaf);
  return rows;
}
