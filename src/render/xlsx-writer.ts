/**
 * A minimal SpreadsheetML (.xlsx) writer: sheets of text and number cells with a fixed set of
 * cell styles, merged ranges, column widths, frozen rows, A4 print setup and print-title rows,
 * shared strings, zipped by src/util/zip-writer.ts (yazl). It writes only what the disclosure workbook needs, which
 * makes it ~10× faster than exceljs (no per-cell style objects, no JS zip).
 *
 * Text is always a shared string (t="s"), never a formula; numbers are written as the decimal
 * string they are given, so no float ever passes through here.
 */
import { writeZip } from '../util/zip-writer.ts';

/** The fixed cell styles (indexes into cellXfs of styles.xml below). */
export const XF = {
  plain: 0,
  /** Sheet title: bold 16, centred. */
  title: 1,
  /** Right-aligned (表N, unit label). */
  right: 2,
  /** Header cell: border, bold, grey fill, centred, wrapped. */
  head: 3,
  /** Number in a header-style row: border, bold, grey fill, right, #,##0.00. */
  headNumber: 4,
  /** Body text: border, left, wrapped. */
  text: 5,
  /** Subtotal/total text: border, bold, left, wrapped. */
  textBold: 6,
  /** Body amount: border, right, #,##0.00. */
  number: 7,
  /** Subtotal/total amount: border, bold, right, #,##0.00. */
  numberBold: 8,
  /** Text-sheet heading: bold 14. */
  heading: 9,
  bold: 10,
  /** Text-sheet cells: top-aligned, wrapped (bold for the label column). */
  topWrap: 11,
  topWrapBold: 12,
} as const;
export type StyleId = (typeof XF)[keyof typeof XF];

/** Built-in number format 4 is "#,##0.00". */
const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="4">' +
  '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="16"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFEEF1F4"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>' +
  '<top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="13">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="right"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="4" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>' +
  '<xf numFmtId="4" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="right" vertical="center"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** Characters XML 1.0 cannot carry (and \r, which XML parsers fold into \n), plus lone surrogates. */
const NOT_XML = /[\x00-\x08\x0b\x0c\r\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPE_LIKE = /_(x[0-9A-Fa-f]{4}_)/g;
const NEEDS_WORK = /[&<>"\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;

export function escapeXml(s: string): string {
  return s.replace(XML_SPECIAL, (c) => XML_ENTITY[c]!);
}

/**
 * Cell text for <t>: XML-escaped; characters XML cannot hold become OOXML's _xHHHH_ escapes, and a
 * literal "_xHHHH_" gets its underscore escaped (_x005F_), so a reader decodes the exact text back.
 */
export function escapeCellText(s: string): string {
  if (!NEEDS_WORK.test(s)) return s;
  return s
    .replace(ESCAPE_LIKE, '_x005F_$1')
    .replace(NOT_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(XML_SPECIAL, (c) => XML_ENTITY[c]!);
}

const COLUMN_NAMES: string[] = [];
/** 1 → "A", 27 → "AA". */
export function columnName(c: number): string {
  const cached = COLUMN_NAMES[c];
  if (cached) return cached;
  let n = c;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = (n - 1 - m) / 26;
  }
  COLUMN_NAMES[c] = s;
  return s;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

interface Cell {
  /** Shared-string index for text, the decimal string for numbers, undefined for a style-only cell. */
  v?: number | string;
  s: StyleId;
}

export interface SheetOptions {
  landscape: boolean;
  horizontalCentered?: boolean;
  /** Kept in the workbook but not shown in its tabs (the input workbook's list sheet). */
  hidden?: boolean;
}

/**
 * A data-validation rule over a range ("A2:A2000"): a list fed by a range of another sheet, or a
 * decimal bound. `warning` lets the user keep a value not in the list; `stop` refuses it.
 */
export type DataValidation =
  | { type: 'list'; source: { sheet: string; range: string }; errorStyle?: 'stop' | 'warning'; error?: string; errorTitle?: string; allowBlank?: boolean }
  | { type: 'decimal'; min: string; errorStyle?: 'stop' | 'warning'; error?: string; errorTitle?: string; allowBlank?: boolean };

/** One worksheet; rows and columns are 1-based like Excel's. */
export class SheetBuilder {
  readonly rows: (Cell | undefined)[][] = [];
  readonly merges: string[] = [];
  readonly widths: number[] = [];
  /** Row heights in points, where set (rows of wrapped text); others take the default. */
  readonly heights: number[] = [];
  readonly hiddenRows = new Set<number>();
  frozenRows = 0;
  printTitles: [number, number] | undefined;
  readonly validations: { range: string; rule: DataValidation }[] = [];

  constructor(
    readonly name: string,
    readonly options: SheetOptions,
    private readonly strings: SharedStrings,
  ) {}

  private put(r: number, c: number, cell: Cell) {
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 1 || c < 1 || r > 1_048_576 || c > 16_384) throw new Error(`xlsx: cell (${r}, ${c}) outside the sheet`);
    (this.rows[r] ??= [])[c] = cell;
  }

  text(r: number, c: number, text: string, s: StyleId = XF.plain) {
    this.put(r, c, { v: this.strings.index(text), s });
  }

  /** A number given as its exact decimal string ("1861.38", "-3.2"). */
  number(r: number, c: number, decimal: string, s: StyleId = XF.plain) {
    if (!DECIMAL.test(decimal)) throw new Error(`xlsx: "${decimal}" is not a decimal number`);
    this.put(r, c, { v: decimal, s });
  }

  /** A cell with a style and no value (borders under merged ranges, empty table cells). */
  styled(r: number, c: number, s: StyleId) {
    this.put(r, c, { s });
  }

  merge(r1: number, c1: number, r2: number, c2: number) {
    if (r1 === r2 && c1 === c2) return;
    this.merges.push(`${columnName(c1)}${r1}:${columnName(c2)}${r2}`);
  }

  width(c: number, w: number) {
    this.widths[c] = w;
  }

  /** Row height in points (Excel's limit is 409). */
  height(r: number, points: number) {
    this.heights[r] = Math.min(409, Math.round(points * 4) / 4);
  }

  /** A row kept in the file but neither shown nor printed. */
  hide(r: number) {
    this.hiddenRows.add(r);
  }

  /** Validates the cells of `range` ("C2:C2000") as `rule` says. */
  validate(range: string, rule: DataValidation) {
    if (!/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/.test(range)) throw new Error(`xlsx: bad range "${range}"`);
    this.validations.push({ range, rule });
  }

  private validationsXml(): string {
    if (!this.validations.length) return '';
    const items = this.validations.map(({ range, rule }) => {
      const attrs = [
        `type="${rule.type}"`,
        rule.type === 'decimal' ? 'operator="greaterThanOrEqual"' : '',
        `errorStyle="${rule.errorStyle ?? 'stop'}"`,
        rule.allowBlank === false ? '' : 'allowBlank="1"',
        'showInputMessage="1" showErrorMessage="1"',
        rule.errorTitle ? `errorTitle="${escapeXml(rule.errorTitle)}"` : '',
        rule.error ? `error="${escapeXml(rule.error)}"` : '',
        `sqref="${range}"`,
      ].filter(Boolean);
      const formula = rule.type === 'list' ? `'${rule.source.sheet.replace(/'/g, "''")}'!${rule.source.range}` : rule.min;
      return `<dataValidation ${attrs.join(' ')}><formula1>${escapeXml(formula)}</formula1></dataValidation>`;
    });
    return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
  }

  toXml(selected: boolean): string {
    const out: string[] = [XML_HEAD, `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`, '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'];
    let maxCol = 1;
    for (const row of this.rows) if (row && row.length - 1 > maxCol) maxCol = row.length - 1;
    const maxRow = Math.max(1, this.rows.length - 1);
    out.push(`<dimension ref="A1:${columnName(maxCol)}${maxRow}"/>`);
    const sel = selected ? ' tabSelected="1"' : '';
    if (this.frozenRows > 0) {
      const top = `A${this.frozenRows + 1}`;
      out.push(
        `<sheetViews><sheetView${sel} workbookViewId="0"><pane ySplit="${this.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
      );
    } else out.push(`<sheetViews><sheetView${sel} workbookViewId="0"/></sheetViews>`);
    out.push('<sheetFormatPr defaultRowHeight="15"/>');
    if (this.widths.length) {
      out.push('<cols>');
      this.widths.forEach((w, c) => out.push(`<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`));
      out.push('</cols>');
    }
    out.push('<sheetData>');
    this.rows.forEach((row, r) => {
      if (!row) return;
      const ht = this.heights[r] ? ` ht="${this.heights[r]}" customHeight="1"` : '';
      out.push(`<row r="${r}"${ht}${this.hiddenRows.has(r) ? ' hidden="1"' : ''}>`);
      row.forEach((cell, c) => {
        if (!cell) return;
        const ref = columnName(c) + r;
        const s = cell.s ? ` s="${cell.s}"` : '';
        if (cell.v === undefined) out.push(`<c r="${ref}"${s}/>`);
        else if (typeof cell.v === 'number') out.push(`<c r="${ref}"${s} t="s"><v>${cell.v}</v></c>`);
        else out.push(`<c r="${ref}"${s}><v>${cell.v}</v></c>`);
      });
      out.push('</row>');
    });
    out.push('</sheetData>');
    if (this.merges.length) out.push(`<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
    out.push(this.validationsXml());
    if (this.options.horizontalCentered) out.push('<printOptions horizontalCentered="1"/>');
    out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
    out.push(`<pageSetup paperSize="9" orientation="${this.options.landscape ? 'landscape' : 'portrait'}" fitToWidth="1" fitToHeight="0"/>`);
    out.push('</worksheet>');
    return out.join('');
  }
}

class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  index(text: string): number {
    this.count++;
    let i = this.ids.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.ids.set(text, i);
      this.list.push(text);
    }
    return i;
  }

  toXml(): string {
    const out = [XML_HEAD, `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">`];
    for (const s of this.list) {
      const space = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
      out.push(`<si><t${space}>${escapeCellText(s)}</t></si>`);
    }
    out.push('</sst>');
    return out.join('');
  }
}

/** Excel's rules for sheet names; the caller picks names, this only refuses bad ones. */
function checkSheetName(name: string, seen: Set<string>) {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) throw new Error(`xlsx: invalid sheet name "${name}"`);
  const key = name.toLowerCase();
  if (seen.has(key)) throw new Error(`xlsx: duplicate sheet name "${name}"`);
  seen.add(key);
}

/** A fixed date in the zip entries and no timestamps in docProps, so the same input gives the same bytes. */
const ZIP_DATE = new Date(2000, 0, 1);

export class WorkbookBuilder {
  readonly sheets: SheetBuilder[] = [];
  private readonly strings = new SharedStrings();
  private readonly names = new Set<string>();

  constructor(readonly props: { title: string; creator: string }) {}

  addSheet(name: string, options: SheetOptions): SheetBuilder {
    checkSheetName(name, this.names);
    const ws = new SheetBuilder(name, options, this.strings);
    this.sheets.push(ws);
    return ws;
  }

  private workbookXml(): string {
    const sheets = this.sheets.map((ws, i) => `<sheet name="${escapeXml(ws.name)}" sheetId="${i + 1}"${ws.options.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('');
    const titles = this.sheets
      .map((ws, i) =>
        ws.printTitles ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">'${escapeXml(ws.name.replace(/'/g, "''"))}'!$${ws.printTitles[0]}:$${ws.printTitles[1]}</definedName>` : '',
      )
      .join('');
    return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets>${titles ? `<definedNames>${titles}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
  }

  private workbookRels(): string {
    const n = this.sheets.length;
    const sheets = this.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
    return `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">${sheets}<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  }

  private contentTypes(): string {
    const sheets = this.sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('');
    return (
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>'
    );
  }

  private coreXml(): string {
    return (
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${escapeXml(this.props.title.replace(NOT_XML, ''))}</dc:title><dc:creator>${escapeXml(this.props.creator.replace(NOT_XML, ''))}</dc:creator></cp:coreProperties>`
    );
  }

  async toBuffer(): Promise<Buffer> {
    if (this.sheets.length === 0) throw new Error('xlsx: a workbook needs at least one sheet');
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    const entries = [
      { name: '[Content_Types].xml', data: utf8(this.contentTypes()) },
      {
        name: '_rels/.rels',
        data: utf8(
          `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
            `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
            `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
        ),
      },
      { name: 'docProps/core.xml', data: utf8(this.coreXml()) },
      {
        name: 'docProps/app.xml',
        data: utf8(`${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongkai</Application></Properties>`),
      },
      { name: 'xl/workbook.xml', data: utf8(this.workbookXml()) },
      { name: 'xl/_rels/workbook.xml.rels', data: utf8(this.workbookRels()) },
      { name: 'xl/styles.xml', data: utf8(STYLES_XML) },
      ...this.sheets.map((ws, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: utf8(ws.toXml(i === 0)) })),
      // Shared strings last: every sheet has been serialised, but strings are indexed when cells are set.
      { name: 'xl/sharedStrings.xml', data: utf8(this.strings.toXml()) },
    ];
    return writeZip(entries.map((e) => ({ ...e, date: ZIP_DATE })));
  }
}
