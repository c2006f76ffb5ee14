/**
 * The PDF: A4, a cover, the contents (with page numbers and links), profile, tables (each on its
 * own page, portrait or landscape as its width needs, header rows repeated on each page, rows never
 * split), narrative and glossary; page numbers "第 n 页 / 共 m 页"; an outline (bookmarks) of every
 * part, section and table; /Lang zh-CN; Noto Sans CJK embedded as a subset so text extracts as the
 * right characters. Text sizes are fixed per role (PDF_SIZES) so our reader can tell headings from
 * cells; table cells step down from PDF_SIZES.cell when a table is wide (pdf-columns.ts).
 *
 * Laid out and written directly (pdf-layout.ts, pdf-table.ts, pdf-writer.ts): glyph advances are
 * cached per process and each line of text is one run, which is what made this ~10× cheaper than
 * a general layout engine setting CJK paragraphs character by character.
 */
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, type TableModel } from './table-model.ts';
import { documentTitle, partHeading, tocAnchor, type PartKey } from './document-parts.ts';
import { cjkFont, FontUse, sharedFace, textWidth } from './pdf-font.ts';
import { contentWidthOf, Flow, type TextStyle } from './pdf-layout.ts';
import { planTable, type TablePlan } from './pdf-columns.ts';
import { cellBold, drawTable } from './pdf-table.ts';
import { embedFont, num, PdfFile, pdfString } from './pdf-writer.ts';
import { writeOutline, type OutlineItem } from './pdf-outline.ts';

export const PDF_SIZES = { cover: 22, coverLine: 14, part: 16, section: 12, caption: 13, meta: 9, cell: 8, body: 10.5, term: 12, note: 8.5, footer: 8 } as const;

/** Keywords prefix in the PDF info dictionary carrying fields that are not printed. */
export const PDF_KEYWORDS_PREFIX = 'gongkai:';

/** Body paragraphs: the first line indented by two characters, as Chinese prose is set. */
const PARAGRAPH: TextStyle = { size: PDF_SIZES.body, marginBottom: 5, keep: true, firstIndent: 2 * PDF_SIZES.body };
/** The contents list keeps this much room at the right of each entry for its page number. */
const TOC_NUMBER_ROOM = 4 * PDF_SIZES.body;

/** Where a heading was set: page index and the top of its first line. */
type Mark = { page: number; top: number };

interface Marks {
  parts: Partial<Record<PartKey, Mark>>;
  sections: Map<NarrativeSection, Mark>;
  tables: Map<string, Mark>;
  /** The contents page's heading. */
  contents?: Mark;
  /** Contents entries as laid out: the entry, its last line's position and page. */
  toc: { entry: string; page: number; top: number; firstTop: number; firstPage: number }[];
}

/** Each "\n"-separated paragraph on its own, kept on one page. */
function paragraphs(flow: Flow, text: string): void {
  for (const line of text.split('\n')) flow.text(line, PARAGRAPH);
}

function sections(flow: Flow, list: NarrativeSection[], marks: Marks): void {
  for (const s of list) {
    marks.sections.set(s, flow.text(s.heading, { size: PDF_SIZES.section, bold: true, marginTop: 8, marginBottom: 6, balance: true, keep: true }));
    paragraphs(flow, s.text);
  }
}

function part(flow: Flow, d: Disclosure, key: PartKey, marks: Marks, orientation: TablePlan['orientation'] = 'portrait'): void {
  flow.newPage(orientation);
  marks.parts[key] = flow.text(partHeading(d, key), { size: PDF_SIZES.part, bold: true, marginBottom: 10, balance: true });
}

/** "单位名称：…" on the left and the amount unit on the right of one line. */
function metaLine(flow: Flow, m: TableModel): void {
  const size = PDF_SIZES.meta;
  flow.drawLine(m.unitLabel, { size, align: 'right' }, flow.left, flow.contentWidth, flow.y);
  flow.text(`单位名称：${m.unitName}`, { size, width: flow.contentWidth - textWidth(flow.face(), m.unitLabel, size) - size, marginBottom: 3 });
}

function plan(flow: Flow, m: TableModel): TablePlan {
  return planTable(m, contentWidthOf, (text, bold, size) => textWidth(flow.face(bold), text, size), cellBold);
}

function table(flow: Flow, m: TableModel, p: TablePlan, first: boolean, marks: Marks): void {
  if (!first) flow.newPage(p.orientation);
  marks.tables.set(m.id, flow.text(`表${m.label}　${m.title}`, { size: PDF_SIZES.caption, bold: true, align: 'center', marginBottom: 6, balance: true }));
  metaLine(flow, m);
  if (m.header.length + m.body.length)
    p.parts.forEach((part, i) => {
      if (i > 0) flow.y += 10;
      drawTable(flow, part.model, p.size, part.widths);
    });
  if (m.note !== undefined) flow.text(m.note, { size: PDF_SIZES.note, marginTop: 4 });
}

function contents(flow: Flow, d: Disclosure, marks: Marks): void {
  marks.contents = flow.text('目 录', { size: PDF_SIZES.part, bold: true, align: 'center', marginBottom: 12 });
  for (const e of d.toc) {
    const indent = /^第.部分/.test(e.trim()) ? 0 : 18;
    const width = flow.contentWidth - indent - TOC_NUMBER_ROOM;
    const at = flow.text(e, { size: PDF_SIZES.body, marginBottom: 5, indent, width, keep: true });
    const lastTop = flow.y - 5 - flow.lineHeight(PDF_SIZES.body);
    marks.toc.push({ entry: e, page: flow.pages.length - 1, top: lastTop, firstTop: at.top, firstPage: at.page });
  }
}

function layout(d: Disclosure, flow: Flow, marks: Marks, models: TableModel[]): void {
  flow.newPage('portrait');
  flow.text(documentTitle(d), { size: PDF_SIZES.cover, bold: true, align: 'center', marginTop: 180, marginBottom: 30, balance: true });
  flow.text(`单位名称：${d.unit.name}`, { size: PDF_SIZES.coverLine, align: 'center', marginBottom: 10, balance: true });
  flow.text(`${d.year}年`, { size: PDF_SIZES.coverLine, align: 'center' });

  flow.newPage('portrait');
  contents(flow, d, marks);

  if (d.profile?.length) {
    part(flow, d, 'profile', marks);
    sections(flow, d.profile, marks);
  }
  const plans = models.map((m) => plan(flow, m));
  part(flow, d, 'tables', marks, plans[0]?.orientation ?? 'landscape');
  models.forEach((m, i) => table(flow, m, plans[i]!, i === 0, marks));
  part(flow, d, 'narrative', marks);
  sections(flow, d.narrative, marks);
  part(flow, d, 'glossary', marks);
  for (const g of d.glossary) {
    flow.text(g.term, { size: PDF_SIZES.term, bold: true, marginTop: 6, marginBottom: 3, keep: true, balance: true });
    paragraphs(flow, g.text);
  }
}

/** Where a contents entry leads: its part or table, found as the HTML page finds its anchors. */
function tocTarget(d: Disclosure, entry: string, models: TableModel[], marks: Marks): Mark | undefined {
  const labels = new Map<number, string>();
  for (const m of models) if (!labels.has(m.no)) labels.set(m.no, m.label);
  const anchor = tocAnchor(d, entry, labels);
  if (anchor && anchor in marks.parts) return marks.parts[anchor as PartKey];
  if (anchor) return marks.tables.get(anchor);
  // A section of the profile or narrative listed by its heading.
  const e = entry.trim();
  for (const [s, at] of marks.sections) if (s.heading.trim() === e) return at;
  return undefined;
}

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  const font = cjkFont();
  const fonts = { normal: new FontUse(sharedFace(...font.normal)), bold: new FontUse(sharedFace(...font.bold)) };
  const flow = new Flow(fonts);
  const marks: Marks = { parts: {}, sections: new Map(), tables: new Map(), toc: [] };
  const models = buildTableModels(d);
  layout(d, flow, marks, models);

  // Page numbers in the contents, right-aligned on each entry's last line, known only now.
  const links: { page: number; rect: number[]; to: Mark }[] = [];
  for (const t of marks.toc) {
    const to = tocTarget(d, t.entry, models, marks);
    if (!to) continue;
    const page = flow.pages[t.page]!;
    flow.page = page;
    flow.drawLine(String(to.page + 1), { size: PDF_SIZES.body, align: 'right' }, flow.left, flow.contentWidth, t.top);
    const lh = flow.lineHeight(PDF_SIZES.body);
    // One link over the entry's lines (from its first line to its last, across the whole width).
    if (t.firstPage === t.page) links.push({ page: t.page, rect: [flow.left, page.height - t.top - lh, flow.left + flow.contentWidth, page.height - t.firstTop], to });
  }
  flow.footers(PDF_SIZES.footer, 12, (n, total) => `第 ${n} 页 / 共 ${total} 页`);

  const pdf = new PdfFile();
  const pagesRef = pdf.ref();
  const pageRefs = flow.pages.map(() => pdf.ref());
  const contents = flow.pages.map((page) => pdf.stream(pdf.ref(), '', page.content()));
  const f1 = embedFont(pdf, fonts.normal, 'GKAAAA');
  const f2 = embedFont(pdf, fonts.bold, 'GKAAAB');
  const resources = `<< /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> /ProcSet [/PDF /Text] >>`;
  const dest = (m: Mark) => `[${pageRefs[m.page]} 0 R /XYZ ${num(flow.left - 6)} ${num(flow.pages[m.page]!.height - m.top + 4)} null]`;
  flow.pages.forEach((page, i) => {
    const annots = links.filter((l) => l.page === i).map((l) => pdf.object(pdf.ref(), `<< /Type /Annot /Subtype /Link /Rect [${l.rect.map(num).join(' ')}] /Border [0 0 0] /Dest ${dest(l.to)} >>`));
    const annotsEntry = annots.length ? ` /Annots [${annots.map((a) => `${a} 0 R`).join(' ')}]` : '';
    pdf.object(pageRefs[i]!, `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} /Contents ${contents[i]} 0 R${annotsEntry} >>`);
  });
  pdf.object(pagesRef, `<< /Type /Pages /Kids [${pageRefs.map((k) => `${k} 0 R`).join(' ')}] /Count ${pageRefs.length} >>`);
  const outline = writeOutline(pdf, outlineItems(d, models, marks), dest);
  const root = pdf.object(
    pdf.ref(),
    `<< /Type /Catalog /Pages ${pagesRef} 0 R /Lang (zh-CN)${outline ? ` /Outlines ${outline} 0 R /PageMode /UseOutlines` : ''} /ViewerPreferences << /DisplayDocTitle true >> >>`,
  );
  const title = documentTitle(d);
  const keywords = PDF_KEYWORDS_PREFIX + JSON.stringify({ code: d.unit.code, template: d.template, kind: d.kind, scope: d.scope, amountUnit: d.amountUnit });
  const info = pdf.object(
    pdf.ref(),
    `<< /Title ${pdfString(title)} /Author ${pdfString('gongkai')} /Subject ${pdfString(d.unit.name)} /Keywords ${pdfString(keywords)} /Creator ${pdfString('gongkai')} /Producer ${pdfString('gongkai')} >>`,
  );
  return pdf.finish(root, info);
}

/** The bookmarks: the contents page, then each part with its sections or tables under it. */
function outlineItems(d: Disclosure, models: TableModel[], marks: Marks): OutlineItem<Mark>[] {
  const items: OutlineItem<Mark>[] = marks.contents ? [{ title: '目录', to: marks.contents }] : [];
  const keys: PartKey[] = ['profile', 'tables', 'narrative', 'glossary'];
  for (const key of keys) {
    const at = marks.parts[key];
    if (!at) continue;
    const children: OutlineItem<Mark>[] = [];
    if (key === 'tables') {
      for (const m of models) {
        const t = marks.tables.get(m.id);
        if (t) children.push({ title: `表${m.label} ${m.title}${m.project && !m.title.includes(m.project) ? `（${m.project}）` : ''}`, to: t });
      }
    } else if (key === 'profile' || key === 'narrative') {
      for (const s of (key === 'profile' ? d.profile : d.narrative) ?? []) {
        const t = marks.sections.get(s);
        if (t && s.heading.trim()) children.push({ title: s.heading.trim(), to: t });
      }
    }
    items.push({ title: partHeading(d, key), to: at, children });
  }
  return items;
}
