/**
 * .pdf (text layer) → Disclosure. Pages become text lines (items grouped by baseline, sorted by x)
 * and ruled tables (ruled-tables.ts); lines are classified by font size — cover, contents, part
 * headings, section headings, table captions, unit lines, notes, paragraphs — the way our PDF
 * prints them and most portal PDFs do. Wrapped paragraph lines join; a larger gap or a new page
 * starts a new paragraph. Tables continued on the next page drop their repeated header rows.
 * A PDF with no text at all is a scanned document and is refused with a clear message.
 */
import type { Disclosure, DisclosureTable, GlossaryEntry, NarrativeSection } from '../../core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate, type Template } from '../../core/template.ts';
import { UnreadableInputError } from '../errors.ts';
import type { ReadOutcome, ReadProblem } from '../index.ts';
import { blockToTable, guessHeaderRows, NOTE, templateHeaderRows, templateTableFor } from '../xlsx/printed-table.ts';
import { checkPdfPages, InputRejected, LIMITS, readDeadline } from '../guards.ts';
import { pageRules, pageSize, pageText, type PageContent, type PdfPage, type TextItem } from './page-content.ts';
import { loadPdfjs } from './pdfjs.ts';
import { ruledTables, type RuledTable } from './ruled-tables.ts';

interface Line {
  page: number;
  y: number;
  size: number;
  text: string;
  /** Text pieces separated by wide gaps ("单位名称：…" … "单位：万元"). */
  parts: string[];
}

type Event = { kind: 'line'; line: Line } | { kind: 'table'; page: number; y: number; table: RuledTable };

const FOOTER = /^第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页$|^-?\s*\d+\s*-?$/;
const PART = /^第([一二三四])部分/;
const PART_TABLES = /^第二部分/;
const PART_AFTER_TABLES = /^第[三四]部分/;
const PART_KEYS = { 一: 'profile', 二: 'tables', 三: 'narrative', 四: 'glossary' } as const;
const CAPTION = /^表\s*(\d{1,2})(?:\s*[-—]\s*(\d+))?\s+(.+)$/;
/** Noto CJK's line height (ascent + descent) in em, times the renderer's LINE_HEIGHT (src/render/pdf-layout.ts). */
const LINE_STEP = 1.448 * 1.15;

function toLines(items: TextItem[], page: number): Line[] {
  const rows: TextItem[][] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const row = rows.find((r) => Math.abs(r[0]!.y - it.y) < Math.max(1, it.size * 0.3));
    if (row) row.push(it);
    else rows.push([it]);
  }
  return rows.map((r) => {
    r.sort((a, b) => a.x - b.x);
    const parts: string[] = [];
    let cur = '';
    let end = -Infinity;
    for (const it of r) {
      const wideBlank = it.str.trim() === '' && it.width > it.size * 1.5;
      if (wideBlank || (cur && it.x - end > it.size * 1.5)) {
        if (cur) parts.push(cur);
        cur = wideBlank ? '' : it.str;
      } else cur += it.str;
      end = it.x + it.width;
    }
    if (cur) parts.push(cur);
    return { page, y: r[0]!.y, size: r.reduce((m, i) => Math.max(m, i.size), -Infinity), text: parts.join(' '), parts };
  });
}

/**
 * Which pages can hold a table that matters, judged from their text alone: the operator list that
 * yields ruling lines costs twice a page's text, and most of it on pages of running prose, where
 * pdfjs builds an outline for every glyph. A page gets its rules when a line of it has text in
 * several places (cells side by side), or when it lies between the 第二部分 heading and the next
 * part (a table continued by one wide cell), or when the document has no 第二部分 line at all.
 * Skipping the rest changes nothing: grids outside the tables part are only reported.
 */
export function pagesNeedingRules(pages: PageContent[]): boolean[] {
  const lines = pages.map((p) =>
    toLines(
      p.items.filter((i) => i.str !== ''),
      p.page,
    ).filter((l) => l.text.trim() !== ''),
  );
  const pagesWith = (re: RegExp) => lines.flatMap((ls, i) => (ls.some((l) => re.test(l.text.trim())) ? [i] : []));
  const second = pagesWith(PART_TABLES);
  if (!second.length) return pages.map(() => true);
  const later = pagesWith(PART_AFTER_TABLES);
  // The last 第二部分 line before the last later-part line: the contents page lists them all first.
  const lastLater = later.length ? later[later.length - 1]! : Infinity;
  const from = second.filter((i) => i < lastLater).pop() ?? second[0]!;
  const to = later.find((i) => i > from) ?? pages.length - 1;
  return lines.map((ls, i) => (i >= from && i <= to) || ls.some((l) => l.parts.length > 1));
}

const FONT_PROGRAM = /\/FontFile[23]?\s+\d+\s+\d+\s+R/g;
const TO_UNICODE = /\/ToUnicode\s+\d+\s+\d+\s+R/g;

/**
 * A copy of the file whose font descriptors no longer point at their embedded font programs (the
 * references are blanked with spaces, so every byte offset stays valid). Text comes from each
 * font's ToUnicode map and advance widths from its /W array; the program itself only serves
 * drawing. Without it pdfjs neither converts the font nor builds glyph outlines — the bulk of a
 * page's cost — and a damaged font program cannot send its CFF parser into a 10-second loop.
 * Only when every embedded program can be matched by a ToUnicode map (counted in the raw bytes;
 * objects inside compressed object streams are not seen, and are left as they are).
 */
export function withoutFontPrograms(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const text = Buffer.from(copy.buffer, copy.byteOffset, copy.length).toString('latin1');
  const programs = [...text.matchAll(FONT_PROGRAM)];
  // A font without a ToUnicode map may need its program's glyph names for its text: then all stay.
  if (programs.length > (text.match(TO_UNICODE)?.length ?? 0)) return copy;
  for (const m of programs) copy.fill(0x20, m.index, m.index + m[0].length);
  return copy;
}

async function loadPages(bytes: Uint8Array, file: string): Promise<{ pages: PageContent[]; keywords: string }> {
  const pdfjs = await loadPdfjs();
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: withoutFontPrograms(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false }).promise;
  } catch (e) {
    throw new UnreadableInputError(`无法读取的 PDF（${firstLine(e)}）`, file);
  }
  try {
    checkPdfPages(doc.numPages, `${file} `);
    const pages: PageContent[] = [];
    const pdfPages: PdfPage[] = [];
    // Wall time and text items per document are bounded between pages (pdf.js cannot be interrupted inside one).
    const deadline = readDeadline(`${file} `);
    let items = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      deadline.check();
      const page = (await doc.getPage(p)) as unknown as PdfPage;
      pdfPages.push(page);
      const text = await pageText(page);
      items += text.length;
      if (items > LIMITS.pdfTextItems) throw new InputRejected(`${file} 的文字块超过 ${LIMITS.pdfTextItems} 个，不像一份预算公开文件，已拒绝`, 413);
      pages.push({ page: p, ...pageSize(page), items: text, rules: [] });
    }
    // Checked before any operator list is built: for a scan that would decode every image.
    if (!pages.some((p) => p.items.some((i) => i.str.trim() !== '')))
      throw new UnreadableInputError('PDF 没有文字层（可能为扫描件）：页面是图片；请先做文字识别（OCR），或读取 .xlsx / .html 版本', file);
    const wanted = pagesNeedingRules(pages);
    for (const [i, page] of pdfPages.entries())
      if (wanted[i]) {
        deadline.check();
        pages[i]!.rules = await pageRules(page, pdfjs.OPS);
      }
    const meta = await doc.getMetadata().catch(() => undefined);
    const keywords = String((meta?.info as Record<string, unknown> | undefined)?.Keywords ?? '');
    return { pages, keywords };
  } catch (e) {
    if (e instanceof UnreadableInputError || e instanceof InputRejected) throw e;
    // pdfjs found the damage only once it reached the page tree or a page's content.
    throw new UnreadableInputError(`PDF 已损坏（${firstLine(e)}）`, file);
  } finally {
    await doc.destroy();
  }
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200);

export async function readPdf(bytes: Uint8Array, file: string): Promise<ReadOutcome> {
  const { pages, keywords } = await loadPages(bytes, file);
  const problems: ReadProblem[] = [];
  const events: Event[] = [];
  for (const p of pages) {
    const tables = ruledTables(p.rules, p.items);
    const used = new Set<TextItem>(tables.flatMap((t) => [...t.used]));
    const lines = toLines(
      p.items.filter((i) => !used.has(i) && i.str !== ''),
      p.page,
    ).filter((l) => l.text.trim() !== '' && !FOOTER.test(l.text.trim()));
    const pageEvents: Event[] = [...lines.map((line) => ({ kind: 'line' as const, line })), ...tables.map((table) => ({ kind: 'table' as const, page: p.page, y: table.top, table }))];
    pageEvents.sort((a, b) => (b.kind === 'line' ? b.line.y : b.y) - (a.kind === 'line' ? a.line.y : a.y));
    events.push(...pageEvents);
  }
  let meta: Record<string, string> = {};
  if (keywords.startsWith('gongkai:'))
    try {
      meta = JSON.parse(keywords.slice('gongkai:'.length)) as Record<string, string>;
    } catch {
      meta = {};
    }
  let template: Template;
  try {
    template = loadTemplate(meta.template || DEFAULT_TEMPLATE);
  } catch {
    template = loadTemplate(DEFAULT_TEMPLATE);
  }

  // Body text size: the most common size among lines.
  const sizeCount = new Map<number, number>();
  for (const e of events) if (e.kind === 'line') sizeCount.set(e.line.size, (sizeCount.get(e.line.size) ?? 0) + e.line.text.length);
  const bodySize = [...sizeCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10.5;

  let part: 'cover' | 'toc' | 'profile' | 'tables' | 'narrative' | 'glossary' = 'cover';
  const coverTitle: string[] = [];
  let unitName = '';
  const toc: string[] = [];
  const profile: NarrativeSection[] = [];
  const narrative: NarrativeSection[] = [];
  const glossary: GlossaryEntry[] = [];
  const tables: DisclosureTable[] = [];
  let block: { top: string[][]; grid: string[][]; note?: string; header?: number; source: { file: string; page: number } } | undefined;
  // Paragraph accumulation: the last line's page/y/size, to decide whether a line continues it.
  let last: Line | undefined;
  let para: { push: (s: string) => void; append: (s: string) => void } | undefined;

  const flushBlock = () => {
    if (!block) return;
    const t = blockToTable(
      { top: block.top, grid: [...block.grid, ...(block.note !== undefined ? [[block.note]] : [])], ...(block.header !== undefined ? { headerRows: block.header } : {}) },
      template,
    );
    t.source = block.source;
    tables.push(t);
    block = undefined;
  };
  const continues = (l: Line) => !!last && last.page === l.page && last.size === l.size && last.y - l.y <= l.size * LINE_STEP + 2.5;
  const addText = (l: Line, target: { push: (s: string) => void; append: (s: string) => void }) => {
    if (para === target && continues(l)) target.append(l.text);
    else {
      target.push(l.text);
      para = target;
    }
    last = l;
  };
  // Sections and glossary entries that already hold a paragraph (the next one starts with "\n").
  const started = new WeakSet<object>();
  const paragraphs = <T extends object>(current: () => T | undefined, create: (s: string) => T, field: (t: T) => { get: () => string; set: (v: string) => void }) => ({
    push: (s: string) => {
      const cur = current();
      if (!cur) {
        const t = create(s);
        started.add(t);
        return;
      }
      const f = field(cur);
      f.set(started.has(cur) ? `${f.get()}\n${s}` : s);
      started.add(cur);
    },
    append: (s: string) => {
      const cur = current();
      if (cur) field(cur).set(field(cur).get() + s);
    },
  });
  const sectionTarget = (list: NarrativeSection[]) =>
    paragraphs(
      () => list[list.length - 1],
      (s) => {
        const t: NarrativeSection = { heading: '', text: s, part: part === 'profile' ? 'profile' : 'narrative' };
        list.push(t);
        return t;
      },
      (t) => ({ get: () => t.text, set: (v) => (t.text = v) }),
    );
  const tocTarget = { push: (s: string) => toc.push(s), append: (s: string) => (toc[toc.length - 1] += s) };
  const glossTarget = paragraphs(
    () => glossary[glossary.length - 1],
    (s) => {
      const g: GlossaryEntry = { term: '', text: s };
      glossary.push(g);
      return g;
    },
    (t) => ({ get: () => t.text, set: (v) => (t.text = v) }),
  );
  const profileTarget = sectionTarget(profile);
  const narrativeTarget = sectionTarget(narrative);
  const headingSize = (l: Line) => l.size > bodySize + 0.75;

  let partLine: Line | undefined;
  for (const e of events) {
    if (e.kind === 'table') {
      if (part !== 'tables') {
        problems.push({ message: `第 ${e.page} 页：公开表部分之外有一张表格`, source: { file, page: e.page } });
        continue;
      }
      const rows = e.table.rows;
      if (!block) {
        const prev = tables[tables.length - 1];
        if (prev) {
          // A grid without its own caption continues the previous table: drop its repeated header.
          const h = prev.header.length;
          const same = h > 0 && prev.header.every((r, i) => r.join('\u0001') === (rows[i] ?? []).slice(0, r.length).join('\u0001'));
          prev.rows.push(...rows.slice(same ? h : 0));
        }
        continue;
      }
      if (block.grid.length === 0) {
        block.grid = rows;
        const goal = /绩效目标表/.test(block.top[0]?.[0] ?? '');
        const tt = templateTableFor(template, block.top[0]?.[0] ?? '', Number(/\d+/.exec(block.top[1]?.[0] ?? '')?.[0] ?? NaN));
        block.header = goal ? 0 : (templateHeaderRows(rows, tt?.header) ?? guessHeaderRows(rows));
      } else {
        const h = block.header ?? 0;
        const same = h > 0 && block.grid.slice(0, h).every((r, i) => r.join('\u0001') === (rows[i] ?? []).join('\u0001'));
        block.grid.push(...rows.slice(same ? h : 0));
      }
      last = undefined;
      continue;
    }
    const l = e.line;
    const text = l.text.trim();
    const pm = PART.exec(text);
    if (part === 'cover') {
      if (/^目\s*录$/.test(text)) {
        part = 'toc';
        last = undefined;
      } else if (/^单位名称[：:]/.test(text)) unitName = text.replace(/^单位名称[：:]\s*/, '');
      else if (l.size > bodySize + 4) coverTitle.push(text);
      continue;
    }
    if (pm && headingSize(l)) {
      flushBlock();
      part = PART_KEYS[pm[1] as keyof typeof PART_KEYS];
      partLine = l;
      last = undefined;
      para = undefined;
      continue;
    }
    if (partLine && l.size === partLine.size && partLine.page === l.page && partLine.y - l.y <= l.size * LINE_STEP + 2.5) {
      // A part heading wrapped onto a second line.
      partLine = l;
      continue;
    }
    partLine = undefined;
    if (part === 'toc') {
      // A page number set apart at the end of a contents line is not part of the entry.
      const n = l.parts.length;
      addText(n > 1 && /^\d{1,4}$/.test(l.parts[n - 1]!.trim()) ? { ...l, text: l.parts.slice(0, -1).join(' '), parts: l.parts.slice(0, -1) } : l, tocTarget);
      continue;
    }
    if (part === 'tables') {
      const cm = CAPTION.exec(text);
      if (cm && headingSize(l)) {
        flushBlock();
        block = { top: [[cm[3]!], [`表${cm[1]}`]], grid: [], source: { file, page: l.page } };
        continue;
      }
      if (block && block.grid.length === 0) {
        block.top.push(l.parts);
        continue;
      }
      if (block && NOTE.test(text)) {
        block.note = text;
        continue;
      }
      if (block && block.note !== undefined && l.size < bodySize) {
        block.note += text;
        continue;
      }
      problems.push({ message: `第 ${l.page} 页：表格之外的文字：${text.slice(0, 40)}`, source: { file, page: l.page } });
      continue;
    }
    if (part === 'profile' || part === 'narrative') {
      const list = part === 'profile' ? profile : narrative;
      if (headingSize(l)) {
        if (para === undefined && last && list.length && list[list.length - 1]!.text === '' && continues(l)) list[list.length - 1]!.heading += text;
        else list.push({ heading: text, text: '', part, source: { file, page: l.page } });
        para = undefined;
        last = l;
        continue;
      }
      addText(l, part === 'profile' ? profileTarget : narrativeTarget);
      continue;
    }
    if (part === 'glossary') {
      if (headingSize(l)) {
        if (para === undefined && last && glossary.length && glossary[glossary.length - 1]!.text === '' && continues(l)) glossary[glossary.length - 1]!.term += text;
        else glossary.push({ term: text, text: '', source: { file, page: l.page } });
        para = undefined;
        last = l;
        continue;
      }
      addText(l, glossTarget);
    }
  }
  flushBlock();
  for (const s of [...profile, ...narrative]) s.source = { file };
  for (const g of glossary) g.source = { file };
  const title = coverTitle.join('');
  const year = Number(/(\d{4})年/.exec(title)?.[1] ?? 0);
  if (!year) problems.push({ message: '封面上未找到年度', source: { file } });
  if (tables.length === 0) problems.push({ message: '未找到表格', source: { file } });
  const disclosure: Disclosure = {
    unit: { code: meta.code ?? '', name: unitName || (/^\d{4}年(.+?)(?:部门|单位)(?:预算|决算)公开$/.exec(title)?.[1] ?? '') },
    year,
    template: template.id,
    ...(meta.kind === 'budget' || meta.kind === 'final-account' ? { kind: meta.kind } : {}),
    ...(meta.scope === 'unit' || meta.scope === 'department' ? { scope: meta.scope } : {}),
    ...(meta.amountUnit === '万元' || meta.amountUnit === '元' ? { amountUnit: meta.amountUnit } : {}),
    toc,
    ...(profile.length ? { profile } : {}),
    tables,
    narrative,
    glossary,
    source: { file, format: 'pdf' },
  };
  return { disclosure, problems };
}
