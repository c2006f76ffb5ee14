/**
 * Reads our open-data package (datapackage.json + tidy CSVs) back into a Disclosure, for the round
 * trip: the printed header rows come from each resource's `gongkai` block, the body rows from the
 * CSV after its one header row, and amounts (numbers in the CSV) are printed again with grouping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { parseCsvKeepBlank } from '../core/csv.ts';
import { printedAmount } from '../render/data-package.ts';

interface Resource {
  name: string;
  path: string;
  schema?: { fields: { name: string; type: string }[] };
  gongkai?: { no: number; title: string; unitLabel: string; header: string[][]; key?: string; project?: string; note?: string; tableAmountUnit?: '万元' | '元' };
}

/** The package from its files (path → bytes or text), as a zip or a folder gives them. */
export function readDataPackageFiles(files: ReadonlyMap<string, Uint8Array | string>, where = 'datapackage.json'): Disclosure {
  const text = (p: string) => {
    const f = files.get(p);
    if (f === undefined) throw new Error(`数据包缺少文件 ${p}`);
    return typeof f === 'string' ? f : Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('utf8');
  };
  const dp = JSON.parse(text('datapackage.json')) as {
    unit: { code: string; name: string };
    year: number;
    template: string;
    kind?: 'budget' | 'final-account';
    scope?: 'unit' | 'department';
    amountUnit?: '万元' | '元';
    toc: string[];
    resources: Resource[];
  };
  const csv = (p: string) => parseCsvKeepBlank(text(p));
  const tables: DisclosureTable[] = dp.resources
    .filter((r) => r.gongkai)
    .map((r) => {
      const g = r.gongkai!;
      const numbers = (r.schema?.fields ?? []).map((f) => f.type === 'number');
      const rows = csv(r.path)
        .slice(1)
        .map((row) => row.map((v, c) => (numbers[c] && v !== '' ? printedAmount(v) : v)));
      return {
        no: g.no,
        title: g.title,
        unitLabel: g.unitLabel,
        header: g.header,
        rows,
        ...(g.note !== undefined ? { note: g.note } : {}),
        ...(g.key ? { key: g.key } : {}),
        ...(g.project !== undefined ? { project: g.project } : {}),
        ...(g.tableAmountUnit !== undefined ? { amountUnit: g.tableAmountUnit } : {}),
      };
    });
  const sections = (p: string) =>
    csv(p)
      .slice(1)
      .map(([heading = '', text = '']) => ({ heading, text }));
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
    source: { file: where, format: 'json' },
  };
}

/** The package from a folder on disk. */
export function readDataPackage(dir: string): Disclosure {
  const files = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))] as const));
  return readDataPackageFiles(files, join(dir, 'datapackage.json'));
}
