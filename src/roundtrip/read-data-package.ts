/** Reads our open-data folder (datapackage.json + CSVs) back into a Disclosure, for the round trip. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { parseCsvKeepBlank } from '../core/csv.ts';

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
