/**
 * readTextDisclosure: a published disclosure as plain text (pdftotext -layout output, form feeds
 * between pages) → the Disclosure it prints. The document is cut into blocks — cover, contents list,
 * profile (概况), tables (recognised by their titles in the chosen template), narrative (情况说明)
 * and glossary (名词解释) — and every block the reader cannot place goes to `unplaced` with a reason.
 */
import type { Disclosure, DisclosureTable, SourceRef, UnplacedBlock } from '../../core/disclosure.ts';
import type { Template, TemplateTable } from '../../core/template.ts';
import { readContents } from './contents.ts';
import { isPageNumber, isPageNumberAt, sourceOf, splitLines, type PrintedLine } from './lines.ts';
import { documentFacts } from './metadata.ts';
import { norm, NUMBERING } from './normalize.ts';
import { readGlossary, readSections, type HeadedLine } from './sections.ts';
import { buildTable, type Problem, type TableBlock } from './table-block.ts';
import { pickTemplate, tableNumberMark } from './template-match.ts';
import { documentYear, familyOf, genericTitles, runningLines, yearInName } from './generic-layout.ts';

export interface ReadResult {
  disclosure: Disclosure;
  problems: Problem[];
}

export class NotADisclosureError extends Error {}

type Part = 'front' | 'profile' | 'tables' | 'narrative' | 'glossary';

/** "第三部分 …情况说明", a part heading; returns the part it opens. */
function partHeading(text: string): Part | null {
  // One form needs 第 and 部 (第…部分), the other 表, and no NFKC folding produces any of them
  // (no other code point normalises to one): most lines stop here.
  if (!text.includes('表') && !(text.includes('第') && text.includes('部'))) return null;
  const t = norm(text);
  if (t.length > 70) return null;
  const m = /^第[一二三四五六七八九十]+部分(.*)$/.exec(t);
  const rest = m ? m[1]! : null;
  if (rest !== null) {
    if (/名词解释/.test(rest)) return 'glossary';
    if (/情况说明|说明$|情况$/.test(rest)) return 'narrative';
    if (/表$|报表|公开表/.test(rest)) return 'tables';
    if (/概况|职能|职责/.test(rest)) return 'profile';
    return null;
  }
  // A heading for the tables without a part number: "2024年X单位预算公开表".
  if (/(?:预算|决算)(?:公开)?表$|报表$/.test(t) && !NUMBERING.test(text.trim()) && !/[《》;；，,。]/.test(t) && t.length <= 60) return 'tables';
  return null;
}

/** 名词解释, 主要职能, 主要职责, 机构设置, …概况, …说明: a character of each. */
const HEADING_MARK = /[释能责置概说]/;

/**
 * A heading printed on a line of its own (documents without part numbers, e.g. Shanghai):
 * "上海市普陀区司法局主要职能", "名词解释", "2026年部门预算编制说明", "其他相关情况说明".
 */
function standaloneHeading(l: PrintedLine): Part | null {
  const raw = l.text;
  const indented = /^\s{6,}/.test(raw) || l.pageStart;
  if (!indented) return null;
  // Every heading ends in one of these phrases, and each phrase holds a character that no NFKC
  // folding produces: a line without any of them is not a heading.
  if (!HEADING_MARK.test(raw)) return null;
  const t = norm(raw);
  if (!t || t.length > 30 || NUMBERING.test(raw.trim()) || /[。；，,：:]/.test(t)) return null;
  if (/^名词解释$/.test(t)) return 'glossary';
  if (/(?:主要职能|主要职责|机构设置|部门概况|单位概况)$/.test(t)) return 'profile';
  if (/(?:编制说明|情况说明)$/.test(t)) return 'narrative';
  return null;
}

/**
 * A part heading wrapped onto the next line ("第三部分…决算情况" / "说明"): the index of its last
 * line, so the rest is not read as a section of its own.
 */
function wrappedHeadingEnd(lines: PrintedLine[], at: number, part: Part): number {
  let j = at + 1;
  while (j < lines.length && !lines[j]!.text.trim()) j++;
  const next = lines[j];
  if (!next) return at;
  const rest = norm(next.text);
  if (!rest || rest.length > 6 || NUMBERING.test(next.text.trim()) || /[。；，,：:]/.test(rest)) return at;
  return partHeading(lines[at]!.text.trim() + rest) === part && /(?:说明|情况|解释|概况|表)$/.test(rest) ? j : at;
}

/** The document cut into blocks: profile, narrative and glossary lines, tables, and loose text. */
interface Segments {
  parts: Record<'profile' | 'narrative' | 'glossary', HeadedLine[]>;
  blocks: TableBlock[];
  loose: { lines: PrintedLine[]; reason: string }[];
}

function segment(lines: PrintedLine[], titles: Map<number, TemplateTable>, bodyStart: number, skip: ReadonlySet<number>): Segments {
  const parts: Segments['parts'] = { profile: [], narrative: [], glossary: [] };
  const blocks: TableBlock[] = [];
  const loose: Segments['loose'] = [];
  let part: Part = 'front';
  // The part the last part heading opened (titles do not change it).
  let headed: Part = 'front';
  let block: TableBlock | null = null;
  let looseRun: PrintedLine[] = [];
  const flushLoose = (reason: string) => {
    if (looseRun.length) loose.push({ lines: looseRun, reason });
    looseRun = [];
  };
  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (!t || isPageNumberAt(lines, i) || skip.has(i)) continue;
    const spec: TemplateTable | null = titles.get(i) ?? null;
    if (spec) {
      flushLoose('表格之间的文字');
      const opened: TableBlock = { spec, title: l, lines: [], ...(headed === 'narrative' || headed === 'profile' ? { inText: true } : {}) };
      block = opened;
      blocks.push(opened);
      part = 'tables';
      continue;
    }
    const ph = partHeading(l.text);
    const sh = ph ? null : standaloneHeading(l);
    if (ph || sh) {
      block = null;
      flushLoose('表格之间的文字');
      part = (ph ?? sh)!;
      headed = part;
      if (sh && part !== 'glossary') parts[part as 'profile' | 'narrative'].push({ ...l, heading: true });
      if (ph) i = wrappedHeadingEnd(lines, i, ph);
      continue;
    }
    if (block) {
      block.lines.push(l);
      continue;
    }
    if (part === 'front' || part === 'tables') {
      // A table-number mark ("表3", "公开 01 表") just before a title is part of the table's heading.
      if (tableNumberMark(t) !== null) continue;
      looseRun.push(l);
      continue;
    }
    parts[part].push(l);
  }
  flushLoose('表格之间的文字');
  // A document whose tables part follows sheets printed inside its narrative (Xi'an's 绩效自评表)
  // lists its published tables first, then those sheets.
  if (blocks.some((b) => b.inText) && blocks.some((b) => !b.inText)) blocks.sort((a, b) => Number(a.inText ?? false) - Number(b.inText ?? false));
  return { parts, blocks, loose };
}

/** Every table block built; the unit's name, code and region where a table prints them. */
function readTables(blocks: TableBlock[], template: Template, file: string | undefined, problems: Problem[]) {
  const tables: DisclosureTable[] = [];
  let unitName: string | undefined;
  let unitCode = '';
  let regionCode: string | undefined;
  for (const b of blocks) {
    let built = buildTable(b, template, file);
    // A table read by its title's role that prints no codes (Jiangsu's 支出预算总表 is amounts by
    // unit): read again as a plain grid rather than lose its rows.
    if (!built.table.rows.length && !b.spec.header.length && b.spec.layout === 'code-matrix') {
      const again = buildTable({ ...b, spec: { ...b.spec, layout: 'other' } }, template, file);
      if (again.table.rows.length) built = again;
    }
    problems.push(...built.problems);
    if (!unitName && built.unitName) unitName = built.unitName;
    if (b.spec.layout === 'overall-goal') {
      const nameRow = built.table.rows.find((r) => /名称$/.test(norm(r[0] ?? '')));
      const m = nameRow ? /^\s*(\d{4,})\s*(.*?)(?:\s*-\s*(\d{6,}))?\s*$/.exec(nameRow[1] ?? '') : null;
      if (m) {
        unitCode = m[1]!;
        regionCode = m[3];
      }
    }
    if (!built.table.rows.length && !built.table.note) {
      problems.push({ message: `表${b.spec.no}「${b.spec.title}」：只印了表名，未找到表行或空表说明`, source: built.table.source });
    }
    tables.push(built.table);
  }
  return { tables, unitName, unitCode, regionCode };
}

export function readTextDisclosure(text: string, opts: { file?: string } = {}): ReadResult {
  return readPrintedLines(splitLines(text), opts);
}

/** The same reading from printed lines already split (a PDF's lines carry their cells' positions). */
export function readPrintedLines(lines: PrintedLine[], opts: { file?: string } = {}): ReadResult {
  const file = opts.file;
  const problems: Problem[] = [];
  const unplaced: UnplacedBlock[] = [];
  const toc = readContents(lines);
  const coverEnd = toc.start >= 0 ? toc.start : Math.min(lines.findIndex((l) => partHeading(l.text) !== null) >>> 0, 6);
  const generic = genericTitles(lines, toc.start >= 0 ? toc.end : 0);
  // A tables-only file has no cover: its first lines are a table's title and header.
  const firstTitle = generic.tables.length ? Math.min(...generic.titles.keys()) : Infinity;
  const facts = documentFacts(lines, Math.min(coverEnd, firstTitle));
  // The chosen template's title lines, by line index (found while choosing it).
  let bodyStart = toc.start >= 0 ? toc.end : coverEnd;
  const picked = pickTemplate(lines, facts.kind);
  // A template is used only for a document it was recognised in; any other layout is read table by
  // table from its own titles and headers, never through another province's template.
  const family = familyOf(picked, generic, facts.kind);
  const template = family.recognised ? picked.template : generic.template(facts.kind);
  const titles = family.recognised ? picked.titles : generic.titles;
  // A tables-only file opens with its first table: the body starts there, not after a cover.
  if (!family.recognised) bodyStart = Math.min(bodyStart, firstTitle);
  const skip = runningLines(lines);
  if (!family.recognised) for (const i of generic.continued) skip.add(i);
  const { parts, blocks, loose } = segment(lines, titles, bodyStart, skip);
  // Inferred tables are numbered in the order they are listed (published tables before sheets
  // printed inside the narrative).
  if (!family.recognised) {
    const numbered = new Set<TemplateTable>();
    for (const b of blocks) {
      if (numbered.has(b.spec)) continue;
      numbered.add(b.spec);
      b.spec.no = numbered.size;
      if (b.spec.key.startsWith('table-')) b.spec.key = `table-${b.spec.no}`;
    }
  }
  const read = readTables(blocks, template, file, problems);
  const { tables, unitCode, regionCode } = read;
  const unitName = facts.unitName || read.unitName;

  // Narrative, profile, glossary.
  const profile = readSections(parts.profile, 'profile', file);
  const narrative = readSections(parts.narrative, 'narrative', file);
  const glossary = readGlossary(parts.glossary, file);
  if (glossary.loose.length) loose.push({ lines: glossary.loose, reason: '名词解释部分中不成条目的文字（应为“术语：释义”）' });

  for (const b of loose) {
    const first = b.lines[0]!;
    const src: SourceRef = sourceOf(first, file);
    unplaced.push({ text: b.lines.map((l) => l.text.trim()).join('\n'), reason: b.reason, source: src });
  }
  // The cover (before the contents list or first part) is the title: not unplaced.

  if (!tables.length && !narrative.length && !toc.entries.length) {
    throw new NotADisclosureError('未找到预算公开的表格、目录或情况说明（可能不是预算公开文件）');
  }
  // Last resort: the year in the file's name, as portals name attachments ("…2026年度部门预算报表.pdf").
  const year = facts.year ?? documentYear(lines) ?? yearInName(file);
  if (year === undefined) problems.push({ message: '封面和表名中未找到年度' });
  if (!unitName) problems.push({ message: '未找到单位名称' });

  const disclosure: Disclosure = {
    unit: { code: unitCode, name: unitName ?? '', ...(regionCode ? { regionCode } : {}) },
    year: year ?? 0,
    template: family.recognised ? template.id : 'unknown',
    layoutFamily: family.report,
    kind: facts.kind,
    ...(facts.scope ? { scope: facts.scope } : {}),
    amountUnit: template.amountUnit,
    toc: toc.entries,
    profile,
    tables,
    narrative,
    glossary: glossary.entries,
    unplaced,
    source: { file: file ?? '', format: 'txt' },
  };
  return { disclosure, problems };
}
