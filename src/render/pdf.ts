/**
 * The PDF (pdfmake 0.3 on the server): A4, a cover, the contents, profile, tables (landscape
 * pages, header rows repeated on each page, rows never split), narrative and glossary; page
 * numbers "第 n 页 / 共 m 页"; Noto Sans CJK embedded as a subset so text extracts as the right
 * characters. Text sizes are fixed per role (PDF_SIZES) so our reader can tell headings from cells.
 */
import { createRequire } from 'node:module';
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, type ModelRow, type TableModel } from './table-model.ts';
import { documentTitle, partHeading } from './document-parts.ts';
import { cjkFont, textWidth, useSharedFaces, type PdfFont } from './pdf-font.ts';

const require = createRequire(import.meta.url);

export const PDF_SIZES = { cover: 22, coverLine: 14, part: 16, section: 12, caption: 13, meta: 9, cell: 8, body: 10.5, term: 12, note: 8.5, footer: 8 } as const;

/** Keywords prefix in the PDF info dictionary carrying fields that are not printed. */
export const PDF_KEYWORDS_PREFIX = 'gongkai:';

type Content = Record<string, unknown> | string | Content[];

const A4_LANDSCAPE_WIDTH = 841.89 - 2 * 36;
/** Points kept free in a cell before its text counts as fitting on one line. */
const FIT_SLACK = 0.5;

/**
 * One table cell. A cell whose text fits its column on one line is marked noWrap: pdfmake then
 * lays it out and draws it as one piece instead of one piece per CJK character (its line breaker
 * allows a break after every ideograph), which was most of the render time. The layout is the
 * same, since text that fits is never broken.
 */
function cellNode(row: ModelRow, c: number, m: TableModel, colWidths: number[], font: PdfFont): Content {
  const cell = row.cells[c];
  if (!cell) return {};
  const header = row.style === 'header';
  const bold = header || row.style === 'total' || row.style === 'subtotal' || (m.grid && c === 0);
  let room = 0;
  for (let k = c; k < c + cell.colSpan && k < colWidths.length; k++) room += colWidths[k]!;
  const face = bold ? font.bold : font.normal;
  const fits = !cell.text.includes('\n') && textWidth(face[0], face[1], cell.text, PDF_SIZES.cell) <= room - FIT_SLACK;
  return {
    text: cell.text,
    ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
    alignment: cell.kind === 'number' ? 'right' : header && !m.grid ? 'center' : 'left',
    ...(bold ? { bold: true } : {}),
    ...(fits ? { noWrap: true } : {}),
    ...(header ? { fillColor: '#eef1f4' } : row.style === 'total' ? { fillColor: '#f3f4f6' } : {}),
  };
}

function widths(m: TableModel): number[] {
  const weights: number[] = [];
  for (let c = 0; c < m.columns; c++) {
    let w = 3;
    for (const row of [...m.header, ...m.body]) {
      const cell = row.cells[c];
      if (!cell || cell.colSpan > 1) continue;
      const len = [...cell.text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1.1), 0);
      w = Math.max(w, Math.min(m.grid ? 26 : 34, len));
    }
    weights.push(w);
  }
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const avail = A4_LANDSCAPE_WIDTH - m.columns * 8.5;
  return weights.map((w) => Math.max(18, Math.floor((w / sum) * avail)));
}

function tableNodes(m: TableModel, first: boolean, font: PdfFont): Content[] {
  const rows = [...m.header, ...m.body];
  const colWidths = widths(m);
  const body = rows.map((row) => Array.from({ length: m.columns }, (_, c) => cellNode(row, c, m, colWidths, font)));
  const nodes: Content[] = [
    {
      text: `表${m.label}　${m.title}`,
      fontSize: PDF_SIZES.caption,
      bold: true,
      alignment: 'center',
      margin: [0, 0, 0, 6],
      id: m.id,
      ...(first ? {} : { pageBreak: 'before', pageOrientation: 'landscape' }),
      tocItem: false,
    },
    {
      columns: [
        { text: `单位名称：${m.unitName}`, fontSize: PDF_SIZES.meta },
        { text: m.unitLabel, fontSize: PDF_SIZES.meta, alignment: 'right', width: 'auto' },
      ],
      margin: [0, 0, 0, 3],
    },
  ];
  if (body.length)
    nodes.push({
      table: { headerRows: m.header.length, dontBreakRows: true, keepWithHeaderRows: m.header.length ? 1 : 0, widths: colWidths, body },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#555555', vLineColor: () => '#555555', paddingTop: () => 2, paddingBottom: () => 2 },
      fontSize: PDF_SIZES.cell,
    });
  if (m.note !== undefined) nodes.push({ text: m.note, fontSize: PDF_SIZES.note, margin: [0, 4, 0, 0] });
  return nodes;
}

function textLines(text: string, size: number): Content[] {
  return text.split('\n').map((l) => ({ text: l, fontSize: size, margin: [0, 0, 0, 5], unbreakable: true }));
}

function sectionNodes(list: NarrativeSection[]): Content[] {
  return list.flatMap((s) => [{ text: s.heading, fontSize: PDF_SIZES.section, bold: true, margin: [0, 8, 0, 6] }, ...textLines(s.text, PDF_SIZES.body)]);
}

function partNode(d: Disclosure, part: 'profile' | 'tables' | 'narrative' | 'glossary', pageBreak = true, orientation: 'portrait' | 'landscape' = 'portrait'): Content {
  return { text: partHeading(d, part), fontSize: PDF_SIZES.part, bold: true, margin: [0, 0, 0, 10], id: part, ...(pageBreak ? { pageBreak: 'before', pageOrientation: orientation } : {}) };
}

export function pdfDocDefinition(d: Disclosure, font: PdfFont = cjkFont()): Record<string, unknown> {
  const models = buildTableModels(d);
  const title = documentTitle(d);
  const tables = models.flatMap((m, i) => tableNodes(m, i === 0, font));
  const keywords = PDF_KEYWORDS_PREFIX + JSON.stringify({ code: d.unit.code, template: d.template, kind: d.kind, scope: d.scope, amountUnit: d.amountUnit });
  const content: Content[] = [
    { text: title, fontSize: PDF_SIZES.cover, bold: true, alignment: 'center', margin: [0, 180, 0, 30] },
    { text: `单位名称：${d.unit.name}`, fontSize: PDF_SIZES.coverLine, alignment: 'center', margin: [0, 0, 0, 10] },
    { text: `${d.year}年`, fontSize: PDF_SIZES.coverLine, alignment: 'center' },
    { text: '目 录', fontSize: PDF_SIZES.part, bold: true, alignment: 'center', margin: [0, 0, 0, 12], pageBreak: 'before', id: 'contents' },
    ...d.toc.map((e) => ({ text: e, fontSize: PDF_SIZES.body, margin: [/^第.部分/.test(e.trim()) ? 0 : 18, 0, 0, 5], unbreakable: true })),
    ...(d.profile?.length ? [partNode(d, 'profile'), ...sectionNodes(d.profile)] : []),
    partNode(d, 'tables', true, 'landscape'),
    ...tables,
    partNode(d, 'narrative'),
    ...sectionNodes(d.narrative),
    partNode(d, 'glossary'),
    ...d.glossary.flatMap((g) => [{ text: g.term, fontSize: PDF_SIZES.term, bold: true, margin: [0, 6, 0, 3], unbreakable: true }, ...textLines(g.text, PDF_SIZES.body)]),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 40, 36, 40],
    info: { title, author: 'gongkai', subject: d.unit.name, keywords, creator: 'gongkai', producer: 'gongkai (pdfmake)' },
    defaultStyle: { font: 'NotoSansCJK', fontSize: PDF_SIZES.body, lineHeight: 1.15 },
    footer: (current: number, total: number) => ({ text: `第 ${current} 页 / 共 ${total} 页`, alignment: 'center', fontSize: PDF_SIZES.footer, margin: [0, 12, 0, 0] }),
    content,
  };
}

interface PdfMake {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(def: unknown): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

function instance(font: PdfFont): PdfMake {
  if (!pdfmake) {
    pdfmake = require('pdfmake') as PdfMake;
    pdfmake.setUrlAccessPolicy(() => false);
    useSharedFaces();
  }
  const allowed = new Set([font.normal[0], font.bold[0]]);
  pdfmake.setLocalAccessPolicy((p) => allowed.has(p));
  pdfmake.setFonts({ NotoSansCJK: { normal: font.normal, bold: font.bold, italics: font.normal, bolditalics: font.bold } });
  return pdfmake;
}

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  const font = cjkFont();
  return instance(font).createPdf(pdfDocDefinition(d, font)).getBuffer();
}
