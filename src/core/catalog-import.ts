/**
 * Imports an official catalog edition (CSV, or the Ministry's / a province's Excel) into
 * data/catalogs/<year>/. Rows are recognised by a code cell (3/5/7 digits, or "201 03 50") and the
 * name cell beside it; everything else (titles, 说明 columns, blank rows) is skipped and counted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { csvDocument, parseCsv } from './csv.ts';
import { DATA_DIR } from './template.ts';
import { clearCatalogCache, ECON_LENGTHS, FUNCTION_LENGTHS } from './catalog.ts';

export type CatalogKind = 'function' | 'dept-econ' | 'gov-econ';

const FILE_PREFIX: Record<CatalogKind, string> = {
  function: 'expenditure_function',
  'dept-econ': 'econ_dept',
  'gov-econ': 'econ_gov',
};

export interface ImportResult {
  file: string;
  rows: number;
  skipped: number;
  malformed: { line: number; text: string }[];
}

async function readGrid(path: string): Promise<string[][]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xls') {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(path), { type: 'buffer' });
    const out: string[][] = [];
    for (const name of wb.SheetNames) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: false, defval: '' });
      for (const r of rows) out.push(r.map((c) => String(c ?? '')));
    }
    return out;
  }
  return parseCsv(readFileSync(path, 'utf8'));
}

/** Loads an official catalogue edition (CSV or Excel) into data/catalogs/<year>/, reporting malformed and skipped rows. */
export async function importCatalog(path: string, year: number, kind: CatalogKind, root = join(DATA_DIR, 'catalogs')): Promise<ImportResult> {
  const grid = await readGrid(path);
  const lengths = kind === 'function' ? FUNCTION_LENGTHS : ECON_LENGTHS;
  const seen = new Map<string, string>();
  const malformed: ImportResult['malformed'] = [];
  let skipped = 0;
  grid.forEach((row, i) => {
    const k = row.findIndex((c) => /^\d[\d ]*$/.test(c.trim()));
    if (k < 0) return void skipped++;
    const code = row[k]!.replace(/\s+/g, '');
    const name = (row.slice(k + 1).find((c) => c.trim() !== '') ?? '').trim();
    if (!lengths.includes(code.length) || !name) return void malformed.push({ line: i + 1, text: row.join(',') });
    seen.set(code, name);
  });
  const dir = join(root, String(year));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${FILE_PREFIX[kind]}_imported.csv`);
  const rows: string[][] = [['code', 'name', 'level', 'parent_code']];
  for (const [code, name] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
    const level = lengths.indexOf(code.length) + 1;
    rows.push([code, name, String(level), level > 1 ? code.slice(0, lengths[level - 2]) : '']);
  }
  // Read back by the catalogue loader (parseCsv), not opened by people: no BOM.
  writeFileSync(file, csvDocument(rows, { bom: false }));
  clearCatalogCache();
  return { file, rows: seen.size, skipped, malformed };
}
