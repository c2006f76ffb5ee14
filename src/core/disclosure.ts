/**
 * The Disclosure: the package exactly as printed. Generation writes it (budget → Disclosure),
 * readers write it (published file → Disclosure); rules, renderers, stores and comparisons take it.
 * Every cell is the printed text ("1,861.38", "" for blank, codes as printed in their own column).
 */

export type DocumentKind = 'budget' | 'final-account';
export type DocumentScope = 'unit' | 'department';
export type AmountUnit = '万元' | '元';

export interface DisclosureUnit {
  code: string;
  name: string;
  kind?: string;
  regionCode?: string;
  supervisor?: string;
}

/** Where a read value came from (readers fill it; generated tables leave it out). */
export interface SourceRef {
  file?: string;
  page?: number;
  line?: number;
  sheet?: string;
}

export interface DisclosureTable {
  /** Table number in the template (17 appears once per project). */
  no: number;
  title: string;
  /** "单位：万元" as printed. */
  unitLabel: string;
  header: string[][];
  rows: string[][];
  /** The empty-table note, printed when the table has no data. */
  note?: string;
  /** Template table key (e.g. "expenditure-summary"), so rules need not match titles. */
  key?: string;
  /** Amount unit of this table, where it differs from the document's. */
  amountUnit?: AmountUnit;
  /** Table 17: the project the table belongs to. */
  project?: string;
  /** Reader: amounts it placed without being sure of their column (rules then trust the table less). */
  readingDoubts?: number;
  /** Reader: where the table starts, and per body row where it was printed. */
  source?: SourceRef;
  rowSources?: SourceRef[];
}

export interface NarrativeSection {
  heading: string;
  text: string;
  /** Part the section belongs to: profile (概况), narrative (情况说明). */
  part?: 'profile' | 'narrative';
  source?: SourceRef;
}

export interface GlossaryEntry {
  term: string;
  text: string;
  source?: SourceRef;
}

export interface UnplacedBlock {
  text: string;
  reason: string;
  source?: SourceRef;
}

/** Reader output: which layout family the document was recognised as, and how sure the reader is. */
export interface LayoutFamilyReport {
  /** Template id, or "unknown" when no template describes the layout (tables read by title and header). */
  id: string;
  name: string;
  /** Share of the family's tables whose titles were found (0 when unknown). */
  confidence: number;
  /** Tables found. */
  tables: number;
}

export interface Disclosure {
  unit: DisclosureUnit;
  year: number;
  /** Template id: data/templates/<id>.json (DEFAULT_TEMPLATE in src/core/template.ts when none is named). */
  template: string;
  kind?: DocumentKind;
  scope?: DocumentScope;
  amountUnit?: AmountUnit;
  /** The contents list as printed. */
  toc: string[];
  /** Part 1 (概况): duties, organisation, units included. */
  profile?: NarrativeSection[];
  tables: DisclosureTable[];
  narrative: NarrativeSection[];
  glossary: GlossaryEntry[];
  /** Reader output: blocks it could not place. */
  unplaced?: UnplacedBlock[];
  /** Reader output: the layout family recognised. */
  layoutFamily?: LayoutFamilyReport;
  /** Reader output: the file it came from. */
  source?: { file: string; format: 'txt' | 'xlsx' | 'pdf' | 'html' | 'json' };
}
