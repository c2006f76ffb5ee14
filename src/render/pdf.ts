/**
 * The PDF: A4, a cover, the contents, profile, tables (landscape pages, header rows repeated on
 * each page, rows never split), narrative and glossary; page numbers "第 n 页 / 共 m 页"; Noto Sans
 * CJK embedded as a subset so text extracts as the right characters. Text sizes are fixed per role
 * (PDF_SIZES) so our reader can tell headings from cells.
 *
 * Laid out and written directly (pdf-layout.ts, pdf-table.ts, pdf-writer.ts): glyph advances are
 * cached per process and each line of text is one run, which is what made this ~10× cheaper than
 * a general layout engine setting CJK paragraphs character by character.
 */
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, type TableModel } from './table-model.ts';
import { documentTitle, partHeading } from './document-parts.ts';
import { cjkFont, FontUse, sharedFace, textWidth } from './pdf-font.ts';
import { Flow, type Orientation, type TextStyle } from './pdf-layout.ts';
import { drawTable } from './pdf-table.ts';
import { embedFont, PdfFile, pdfString } from './pdf-writer.ts';

export const PDF_SIZES = { cover: 22, coverLine: 14, part: 16, section: 12, caption: 13, meta: 9, cell: 8, body: 10.5, term: 12, note: 8.5, footer: 8 } as const;

/** Keywords prefix in the PDF info dictionary carrying fields that are not printed. */
export const PDF_KEYWORDS_PREFIX = 'gongkai:';

const PARAGRAPH: TextStyle = { size: PDF_SIZES.body, marginBottom: 5, keep: true };

/** Each "\n"-separated paragraph on its own, kept on one page. */
function paragraphs(flow: Flow, text: string): void {
  for (const line of text.split('\n')) flow.text(line, PARAGRAPH);
}

function sections(flow: Flow, list: NarrativeSection[]): void {
  for (const s of list) {
    flow.text(s.heading, { size: PDF_SIZES.section, bold: true, marginTop: 8, marginBottom: 6 });
    paragraphs(flow, s.text);
  }
}

function part(flow: Flow, d: Disclosure, key: 'profile' | 'tables' | 'narrative' | 'glossary', orientation: Orientation = 'portrait'): void {
  flow.newPage(orientation);
  flow.text(partHeading(d, key), { size: PDF_SIZES.part, bold: true, marginBottom: 10 });
}

/** "单位名称：…" on the left and the amount unit on the right of one line. */
function metaLine(flow: Flow, m: TableModel): void {
  const size = PDF_SIZES.meta;
  flow.drawLine(m.unitLabel, { size, align: 'right' }, flow.left, flow.contentWidth, flow.y);
  flow.text(`单位名称：${m.unitName}`, { size, width: flow.contentWidth - textWidth(flow.face(), m.unitLabel, size), marginBottom: 3 });
}

function table(flow: Flow, m: TableModel, first: boolean): void {
  if (!first) flow.newPage('landscape');
  flow.text(`表${m.label}　${m.title}`, { size: PDF_SIZES.caption, bold: true, align: 'center', marginBottom: 6 });
  metaLine(flow, m);
  if (m.header.length + m.body.length) drawTable(flow, m, PDF_SIZES.cell);
  if (m.note !== undefined) flow.text(m.note, { size: PDF_SIZES.note, marginTop: 4 });
}

function layout(d: Disclosure, flow: Flow): void {
  flow.newPage('portrait');
  flow.text(documentTitle(d), { size: PDF_SIZES.cover, bold: true, align: 'center', marginTop: 180, marginBottom: 30 });
  flow.text(`单位名称：${d.unit.name}`, { size: PDF_SIZES.coverLine, align: 'center', marginBottom: 10 });
  flow.text(`${d.year}年`, { size: PDF_SIZES.coverLine, align: 'center' });

  flow.newPage('portrait');
  flow.text('目 录', { size: PDF_SIZES.part, bold: true, align: 'center', marginBottom: 12 });
  for (const e of d.toc) flow.text(e, { size: PDF_SIZES.body, marginBottom: 5, indent: /^第.部分/.test(e.trim()) ? 0 : 18, keep: true });

  if (d.profile?.length) {
    part(flow, d, 'profile');
    sections(flow, d.profile);
  }
  part(flow, d, 'tables', 'landscape');
  buildTableModels(d).forEach((m, i) => table(flow, m, i === 0));
  part(flow, d, 'narrative');
  sections(flow, d.narrative);
  part(flow, d, 'glossary');
  for (const g of d.glossary) {
    flow.text(g.term, { size: PDF_SIZES.term, bold: true, marginTop: 6, marginBottom: 3, keep: true });
    paragraphs(flow, g.text);
  }
}

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  const font = cjkFont();
  const fonts = { normal: new FontUse(sharedFace(...font.normal)), bold: new FontUse(sharedFace(...font.bold)) };
  const flow = new Flow(fonts);
  layout(d, flow);
  flow.footers(PDF_SIZES.footer, 12, (n, total) => `第 ${n} 页 / 共 ${total} 页`);

  const pdf = new PdfFile();
  const pagesRef = pdf.ref();
  const contents = flow.pages.map((page) => pdf.stream(pdf.ref(), '', page.content()));
  const f1 = embedFont(pdf, fonts.normal, 'GKAAAA');
  const f2 = embedFont(pdf, fonts.bold, 'GKAAAB');
  const resources = `<< /Font << /F1 ${f1} 0 R /F2 ${f2} 0 R >> /ProcSet [/PDF /Text] >>`;
  const kids = flow.pages.map((page, i) =>
    pdf.object(pdf.ref(), `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 ${page.width} ${page.height}] /Resources ${resources} /Contents ${contents[i]} 0 R >>`),
  );
  pdf.object(pagesRef, `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`);
  const root = pdf.object(pdf.ref(), `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`);
  const title = documentTitle(d);
  const keywords = PDF_KEYWORDS_PREFIX + JSON.stringify({ code: d.unit.code, template: d.template, kind: d.kind, scope: d.scope, amountUnit: d.amountUnit });
  const info = pdf.object(
    pdf.ref(),
    `<< /Title ${pdfString(title)} /Author ${pdfString('gongkai')} /Subject ${pdfString(d.unit.name)} /Keywords ${pdfString(keywords)} /Creator ${pdfString('gongkai')} /Producer ${pdfString('gongkai')} >>`,
  );
  return pdf.finish(root, info);
}
