/**
 * Classification catalogs (政府收支分类科目) as data, one folder per year under data/catalogs/.
 * File roles by name: expenditure_function*.csv / function_*additions.csv (支出功能分类),
 * econ_dept_to_gov*.csv (部门→政府 correspondence), econ_dept*.csv (部门经济分类),
 * econ_gov*.csv (政府经济分类), function_descriptions*.csv (说明 for the glossary).
 *
 * A kind of list is *complete* for a year when its folder holds an official edition of it
 * (`*_official.csv`, or `*_imported.csv` written by `gongkai catalog import`). Against a complete
 * list a code it lacks is an error; against the partial lists gathered so far only a warning.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from './csv.ts';
import { DATA_DIR } from './template.ts';
import type { UnitKind } from './budget.ts';

export interface CatalogEntry {
  code: string;
  name: string;
  level: 1 | 2 | 3;
  parent: string;
}

export interface Catalog {
  year: number;
  function: Map<string, CatalogEntry>;
  deptEcon: Map<string, CatalogEntry>;
  govEcon: Map<string, CatalogEntry>;
  /** key `${deptCode}|${unitKind}` → government code */
  deptToGov: Map<string, string>;
  functionDescriptions: Map<string, string>;
  /** Which lists are an official edition in full (see above); the shipped lists are partial. */
  complete: Record<CatalogListKind, boolean>;
}

export type CatalogListKind = 'function' | 'deptEcon' | 'govEcon';

/** Chinese names of the lists, for messages. */
export const CATALOG_LIST_NAMES: Record<CatalogListKind, string> = {
  function: '支出功能分类科目',
  deptEcon: '部门预算支出经济分类科目',
  govEcon: '政府预算支出经济分类科目',
};

/** An official edition in full, by file name: `<prefix>_official.csv` or `<prefix>_imported.csv`. */
const isOfficialEdition = (file: string) => /_(official|imported)\.csv$/.test(file);

function levelOf(code: string, lengths: number[]): 1 | 2 | 3 {
  const i = lengths.indexOf(code.length);
  return (i < 0 ? 3 : i + 1) as 1 | 2 | 3;
}

function addEntries(into: Map<string, CatalogEntry>, rows: Record<string, string>[], lengths: number[]) {
  for (const r of rows) {
    const code = r.code ?? '';
    if (!/^\d+$/.test(code) || !r.name) continue;
    const level = levelOf(code, lengths);
    const parentLen = lengths[level - 2];
    into.set(code, { code, name: r.name, level, parent: r.parent_code || (parentLen ? code.slice(0, parentLen) : '') });
  }
}

export const FUNCTION_LENGTHS = [3, 5, 7];
export const ECON_LENGTHS = [3, 5];

const CATALOGS = join(DATA_DIR, 'catalogs');
const cache = new Map<number, Catalog>();
/** Year folders per catalogs root (listed once: every validation and build asks). */
const yearFolders = new Map<string, number[]>();

/** Folder used for a year: its own, else the newest earlier one, else the oldest available. */
export function catalogYearFor(year: number, root = CATALOGS): number {
  let years = yearFolders.get(root);
  if (!years) {
    years = readdirSync(root)
      .filter((d) => /^\d{4}$/.test(d))
      .map(Number)
      .sort((a, b) => a - b);
    if (years.length) yearFolders.set(root, years);
  }
  if (years.length === 0) throw new Error(`${root} 下没有任何年度的科目表`);
  const earlier = years.filter((y) => y <= year);
  return earlier.length ? earlier[earlier.length - 1]! : years[0]!;
}

/** The classification catalogue for a budget year (the nearest edition at or before it), loaded once per year. */
export function loadCatalog(year: number, root = CATALOGS): Catalog {
  const y = catalogYearFor(year, root);
  const hit = cache.get(y);
  if (hit) return hit;
  const dir = join(root, String(y));
  const cat: Catalog = {
    year: y,
    function: new Map(),
    deptEcon: new Map(),
    govEcon: new Map(),
    deptToGov: new Map(),
    functionDescriptions: new Map(),
    complete: { function: false, deptEcon: false, govEcon: false },
  };
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    : [];
  for (const f of files) {
    const rows = parseCsvRecords(readFileSync(join(dir, f), 'utf8'));
    if (f.startsWith('function_descriptions')) for (const r of rows) cat.functionDescriptions.set(r.code!, r.description!);
    else if (f.startsWith('expenditure_function') || f.startsWith('function_')) {
      addEntries(cat.function, rows, FUNCTION_LENGTHS);
      if (isOfficialEdition(f)) cat.complete.function = true;
    } else if (f.startsWith('econ_dept_to_gov')) for (const r of rows) cat.deptToGov.set(`${r.dept_econ_code}|${r.unit_kind}`, r.gov_econ_code!);
    else if (f.startsWith('econ_dept')) {
      addEntries(cat.deptEcon, rows, ECON_LENGTHS);
      if (isOfficialEdition(f)) cat.complete.deptEcon = true;
    } else if (f.startsWith('econ_gov')) {
      addEntries(cat.govEcon, rows, ECON_LENGTHS);
      if (isOfficialEdition(f)) cat.complete.govEcon = true;
    }
  }
  cache.set(y, cat);
  return cat;
}

/**
 * Government economic code for a department code and unit kind: an exact row, else the row of its
 * 类; 参公 units use the 机关 (行政) block. Returns undefined when the correspondence has no row.
 */
export function govEconFor(cat: Catalog, deptCode: string, kind: UnitKind): string | undefined {
  const kinds: string[] = kind === '参公' ? ['参公', '行政'] : [kind];
  for (const k of kinds) {
    const exact = cat.deptToGov.get(`${deptCode}|${k}`);
    if (exact) return exact;
  }
  for (const k of kinds) {
    const cls = cat.deptToGov.get(`${deptCode.slice(0, 3)}|${k}`);
    // A class-to-class row (301→501) books unlisted items on the class's 其他 item (50199).
    if (cls) return cls.length === 3 ? `${cls}99` : cls;
  }
  return undefined;
}

/** Clears cached catalogs (after an import). */
export function clearCatalogCache() {
  cache.clear();
  yearFolders.clear();
}
