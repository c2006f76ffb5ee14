/** Reads our open-data folder (datapackage.json + CSVs) back into a Disclosure, for the round trip. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';

/** RFC 4180 CSV, keeping blank rows (a printed row of empty cells is still a row). */
export function parseCsvKeepBlank(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

interface Resource {
  name: string;
  path: string;
  dialect?: { headerRowCount?: number };
  gongkai?: { no: number; title: string; unitLabel: string; key?: string; project?: string; note?: string };
}

export function readDataPackage(dir: string): Disclosure {
  const dp = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as {
    unit: { code: string; name: string };
    year: number;
    template: string;
    kind?: 'budget' | 'final-account';
    scope?: 'unit' | 'department';
    amountUnit?: '万元' | '元';
    toc: string[];
    resources: Resource[];
  };
  const csv = (p: string) => parseCsvKeepBlank(readFileSync(join(dir, p), 'utf8'));
  const tables: DisclosureTable[] = dp.resources
    .filter((r) => r.gongkai)
    .map((r) => {
      const g = r.gongkai!;
      const rows = csv(r.path);
      const h = r.dialect?.headerRowCount ?? 0;
      return {
        no: g.no,
        title: g.title,
        unitLabel: g.unitLabel,
        header: rows.slice(0, h),
        rows: rows.slice(h),
        ...(g.note !== undefined ? { note: g.note } : {}),
        ...(g.key ? { key: g.key } : {}),
        ...(g.project !== undefined ? { project: g.project } : {}),
      };
    });
  const sections = (p: string) => csv(p).slice(1).map(([heading = '', text = '']) => ({ heading, text }));
  const profile = sections('profile.csv').map((s) => ({ ...s, part: 'profile' as const }));
  return {
    unit: { code: dp.unit.code, name: dp.unit.name },
    year: dp.year,
    template: dp.template,
    ...(dp.kind ? { kind: dp.kind } : {}),
    ...(dp.scope ? { scope: dp.scope } : {}),
    ...(dp.amountUnit ? { amountUnit: dp.amountUnit } : {}),
    toc: dp.toc,
    ...(profile.length ? { profile } : {}),
    tables,
    narrative: sections('narrative.csv').map((s) => ({ ...s, part: 'narrative' as const })),
    glossary: sections('glossary.csv').map((s) => ({ term: s.heading, text: s.text })),
    source: { file: join(dir, 'datapackage.json'), format: 'json' },
  };
}
