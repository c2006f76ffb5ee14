/**
 * Open data: one CSV per table (UTF-8 with BOM so Excel opens it; header rows, then body rows, as
 * printed), the budget JSON when given, and datapackage.json in the Fiscal Data Package style
 * (measures with currency CNY and factor 10000 for 万元, direction, phase; functional and economic
 * classifications with their levels; unit and year).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField } from '../core/csv.ts';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { spanHeader, tableLabels } from './table-model.ts';
import { documentTitle } from './document-parts.ts';

export function tableCsv(t: DisclosureTable): string {
  const width = Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
  const line = (r: string[]) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')].map(csvField).join(',');
  return '\uFEFF' + [...t.header, ...t.rows].map(line).join('\r\n') + '\r\n';
}

/** Column names: the header path of each column ("基本支出/人员经费"), spans resolved as printed. */
export function headerLabels(t: DisclosureTable): string[] {
  const width = Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
  const cells = spanHeader(t.header.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]));
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    cells.forEach((row) => {
      for (let k = c; k >= 0; k--) {
        const cell = row[k];
        if (!cell) continue;
        if (k + cell.colSpan > c && cell.text.trim() && !parts.includes(cell.text.trim())) parts.push(cell.text.trim());
        break;
      }
    });
    // Row spans cover positions below a cell; those rows contribute nothing new.
    out.push(parts.join('/') || `第${c + 1}列`);
  }
  return out;
}

const CODE_KIND: Record<string, { name: string; levels: string[] }> = {
  function: { name: '支出功能分类', levels: ['类', '款', '项'] },
  'dept-econ': { name: '部门预算支出经济分类', levels: ['类', '款'] },
  'gov-econ': { name: '政府预算支出经济分类', levels: ['类', '款'] },
};

function classificationOf(t: DisclosureTable): keyof typeof CODE_KIND | undefined {
  if (!t.header.some((r) => r.some((c) => /科目编码/.test(c)))) return undefined;
  if (t.key === 'gov-econ' || /政府预算/.test(t.title)) return 'gov-econ';
  if (t.key === 'dept-econ' || t.key === 'general-basic' || /经济分类|基本支出表/.test(t.title)) return 'dept-econ';
  return 'function';
}

function isAmountColumn(t: DisclosureTable, c: number): boolean {
  let seen = false;
  for (const r of t.rows) {
    const v = (r[c] ?? '').trim();
    if (v === '') continue;
    if (!/^-?[\d,]+\.\d{2}$/.test(v)) return false;
    seen = true;
  }
  return seen;
}

export const TEXT_FIELDS = ['标题', '内容'];
export const GLOSSARY_FIELDS = ['名词', '解释'];

export interface DataPackageResult {
  files: string[];
}

export function buildDataPackageDescriptor(d: Disclosure, files: { table: DisclosureTable; path: string; label: string }[], hasBudget: boolean) {
  const factor = (d.amountUnit ?? '万元') === '元' ? 1 : 10000;
  const phase = d.kind === 'final-account' ? 'executed' : 'approved';
  const resources = files.map(({ table: t, path, label }) => {
    const names = headerLabels(t);
    const tf = (t.amountUnit ?? (/单位[：:]\s*元/.test(t.unitLabel) ? '元' : d.amountUnit ?? '万元')) === '元' ? 1 : factor;
    const cls = classificationOf(t);
    const fields = names.map((name, c) => ({ name, type: isAmountColumn(t, c) ? 'number' : 'string' }));
    const measures: Record<string, unknown> = {};
    const dimensions: Record<string, unknown> = {};
    fields.forEach((f, c) => {
      if (f.type === 'number')
        measures[`m${c + 1}`] = { source: f.name, currency: 'CNY', factor: tf, direction: /收入/.test(f.name) && t.no !== 3 ? 'revenue' : 'expenditure', phase };
    });
    if (cls) {
      const codeCol = names.findIndex((n) => /科目编码/.test(n));
      const nameCol = names.findIndex((n) => /科目名称/.test(n));
      dimensions[cls === 'function' ? 'functional-classification' : 'economic-classification'] = {
        dimensionType: 'classification',
        classificationType: cls === 'function' ? 'functional' : 'economic',
        name: CODE_KIND[cls]!.name,
        levels: CODE_KIND[cls]!.levels.map((l, i) => ({ level: i + 1, name: l, codeLength: [3, 5, 7][i] })),
        attributes: { code: { source: names[codeCol] }, label: { source: names[nameCol] } },
        primaryKey: ['code'],
      };
    }
    return {
      name: `table-${label}`,
      title: `表${label} ${t.title}${t.project ? `（${t.project}）` : ''}`,
      path,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8-sig',
      dialect: { header: t.header.length > 0, headerRowCount: t.header.length, delimiter: ',' },
      gongkai: { no: t.no, label, title: t.title, unitLabel: t.unitLabel, ...(t.key ? { key: t.key } : {}), ...(t.project !== undefined ? { project: t.project } : {}), ...(t.note !== undefined ? { note: t.note } : {}) },
      schema: { fields },
      ...(Object.keys(measures).length ? { model: { measures, dimensions } } : {}),
    };
  });
  return {
    profile: 'fiscal-data-package',
    name: `gongkai-${d.unit.code || 'unit'}-${d.year}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
    title: documentTitle(d),
    fiscalPeriod: { start: `${d.year}-01-01`, end: `${d.year}-12-31` },
    countryCode: 'CN',
    unit: { code: d.unit.code, name: d.unit.name, ...(d.unit.kind ? { kind: d.unit.kind } : {}), ...(d.unit.supervisor ? { supervisor: d.unit.supervisor } : {}) },
    year: d.year,
    template: d.template,
    granularity: d.scope === 'department' ? 'department' : 'unit',
    phase,
    currency: 'CNY',
    amountUnit: d.amountUnit ?? '万元',
    factor,
    toc: d.toc,
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.scope ? { scope: d.scope } : {}),
    resources: [
      ...resources,
      { name: 'profile', path: 'profile.csv', format: 'csv', encoding: 'utf-8-sig', title: '概况', schema: { fields: TEXT_FIELDS.map((name) => ({ name, type: 'string' })) } },
      { name: 'narrative', path: 'narrative.csv', format: 'csv', encoding: 'utf-8-sig', title: '情况说明', schema: { fields: TEXT_FIELDS.map((name) => ({ name, type: 'string' })) } },
      { name: 'glossary', path: 'glossary.csv', format: 'csv', encoding: 'utf-8-sig', title: '名词解释', schema: { fields: GLOSSARY_FIELDS.map((name) => ({ name, type: 'string' })) } },
      ...(hasBudget ? [{ name: 'budget', path: 'budget.json', format: 'json', mediatype: 'application/json', title: '预算数据（元）' }] : [])],
  };
}

/** Writes the data package into `dir` (created if needed) and returns the file names written. */
export function writeDataPackage(d: Disclosure, budget: unknown | undefined, dir: string): DataPackageResult {
  mkdirSync(dir, { recursive: true });
  const labels = tableLabels(d);
  const written: string[] = [];
  const files = d.tables.map((t, i) => {
    const path = `table-${labels[i]}.csv`;
    writeFileSync(join(dir, path), tableCsv(t));
    written.push(path);
    return { table: t, path, label: labels[i]! };
  });
  const csv = (rows: string[][]) => '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  writeFileSync(join(dir, 'profile.csv'), csv([TEXT_FIELDS, ...(d.profile ?? []).map((s) => [s.heading, s.text])]));
  writeFileSync(join(dir, 'narrative.csv'), csv([TEXT_FIELDS, ...d.narrative.map((s) => [s.heading, s.text])]));
  writeFileSync(join(dir, 'glossary.csv'), csv([GLOSSARY_FIELDS, ...d.glossary.map((g) => [g.term, g.text])]));
  written.push('profile.csv', 'narrative.csv', 'glossary.csv');
  if (budget !== undefined) {
    writeFileSync(join(dir, 'budget.json'), JSON.stringify(budget, null, 2) + '\n');
    written.push('budget.json');
  }
  writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(buildDataPackageDescriptor(d, files, budget !== undefined), null, 2) + '\n');
  written.push('datapackage.json');
  return { files: written };
}
