/**
 * Templates are data: a province's layout (tables, titles, header rows, aliases, empty-table notes,
 * amount unit per table, narrative sections, glossary terms) lives in data/templates/<id>.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AmountUnit } from './disclosure.ts';

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

/** The part a table plays in a disclosure, whatever a province calls or numbers it (rules find tables by role). */
export type TableRole =
  | 'summary'
  | 'income'
  | 'expenditure'
  | 'fiscal-summary'
  | 'general-expenditure'
  | 'general-basic'
  | 'three-public'
  | 'fund-expenditure'
  | 'state-capital-expenditure'
  | 'projects'
  | 'function-expenditure'
  | 'gov-econ'
  | 'dept-econ'
  | 'debt'
  | 'procurement'
  | 'purchased-services'
  | 'overall-goal'
  | 'project-goal';

export type TableLayout =
  | 'income-expenditure'
  | 'fiscal-income-expenditure'
  | 'code-matrix'
  | 'three-public'
  | 'project-list'
  | 'debt-list'
  | 'procurement-list'
  | 'purchased-services-list'
  | 'overall-goal'
  | 'project-goal'
  | 'three-public-and-operating'
  | 'other';

/**
 * Amount columns of a code-matrix / list table: total | basic | personnel | public | project |
 * unitOwn (单位资金小计) | source:<FundingSource>.
 */
export type Measure = string;

export interface TemplateTable {
  no: number;
  key: string;
  title: string;
  layout: TableLayout;
  header: string[][];
  rows?: 'function' | 'dept-econ' | 'gov-econ' | 'unit';
  filter?: { sources?: string[]; kinds?: string[] };
  measures?: Measure[];
  emptyNote?: string;
  aliases?: string[];
  /** Amount unit where it differs from the template's (Shanghai prints tables 1–8 in 元). */
  amountUnit?: AmountUnit;
  unitLabel?: string;
}

export interface Template {
  id: string;
  name: string;
  region: string;
  kind: 'budget' | 'final-account';
  amountUnit: AmountUnit;
  documentTitle: string;
  tocParts: Record<string, string>;
  profileSections: string[];
  narrativeSections: { key: string; heading: string; required: boolean }[];
  glossaryTerms: { term: string; text: string; unitKinds?: string[] }[];
  /** The glossary must explain every function item (项) code the tables use, and no other (Liaoning). */
  glossaryCoversFunctionCodes?: boolean;
  tables: TemplateTable[];
}

/** The layout used when none is named: Liaoning's 17-table unit budget (the Yingkou reference). */
export const DEFAULT_TEMPLATE = 'liaoning-2024';

const cache = new Map<string, Template>();

/** Loads a template by id (data/templates/<id>.json) or by file path. */
export function loadTemplate(idOrPath: string = DEFAULT_TEMPLATE): Template {
  const hit = cache.get(idOrPath);
  if (hit) return hit;
  const path = idOrPath.endsWith('.json') ? idOrPath : join(DATA_DIR, 'templates', `${idOrPath}.json`);
  let t: Template;
  try {
    t = JSON.parse(readFileSync(path, 'utf8')) as Template;
  } catch (e) {
    throw new Error(`template ${idOrPath}: cannot load ${path} (${(e as Error).message})`);
  }
  if (!t.id || !Array.isArray(t.tables)) throw new Error(`template ${path}: not a template (needs id and tables)`);
  cache.set(idOrPath, t);
  return t;
}

export function listTemplates(): string[] {
  return readdirSync(join(DATA_DIR, 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}

export function unitLabelOf(t: Template, table: TemplateTable): string {
  return table.unitLabel ?? `单位：${table.amountUnit ?? t.amountUnit}`;
}
