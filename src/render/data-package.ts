/**
 * Open data: one tidy CSV per table (one header row of column names, then one row per printed row;
 * codes, names and amounts in their own columns; amounts as plain numbers in the table's declared
 * unit), profile / narrative / glossary CSVs, the budget JSON when given, and datapackage.json: a
 * Frictionless tabular data package (Table Schema per resource, encoding "utf-8", default dialect)
 * with the Fiscal Data Package model (measures with currency, factor, direction and phase;
 * dimensions for the function and economic classifications with their levels and for the funding
 * source). The printed header rows stay in each resource's `gongkai` block, so the package reads
 * back into exactly the disclosure it came from (src/roundtrip/read-data-package.ts).
 *
 * Pure: returns the files (paths + bytes); writing them is src/render/write-formats.ts's job.
 */
import { csvDocument } from '../core/csv.ts';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';
import { spanHeader, tableLabels } from './table-model.ts';
import { documentTitle } from './document-parts.ts';

export interface PackageFile {
  path: string;
  data: Buffer;
}

export const TEXT_FIELDS = ['标题', '内容'];
/** UTF-8 without a BOM: the Frictionless clients read a BOM into the first column's name. */
const OPEN_DATA_CSV = { bom: false };
export const GLOSSARY_FIELDS = ['名词', '解释'];

function tableWidth(t: DisclosureTable): number {
  return Math.max(0, ...t.header.map((r) => r.length), ...t.rows.map((r) => r.length));
}

/** Column names: the header path of each column ("基本支出/人员经费"), spans resolved as printed; unique. */
export function headerLabels(t: DisclosureTable): string[] {
  const width = tableWidth(t);
  const cells = spanHeader(t.header.map((r) => [...r, ...Array<string>(Math.max(0, width - r.length)).fill('')]));
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    cells.forEach((row) => {
      for (let k = c; k >= 0; k--) {
        const cell = row[k];
        if (!cell) continue;
        const text = cell.text.replace(/\s+/g, ' ').trim();
        if (k + cell.colSpan > c && text && !parts.includes(text)) parts.push(text);
        break;
      }
    });
    let name = parts.join('/') || `第${c + 1}列`;
    // Table Schema field names are unique within a table.
    while (out.includes(name)) name = `${name}（第${c + 1}列）`;
    out.push(name);
  }
  return out;
}

/** An amount as printed: digits grouped by thousands, a decimal point ("1,861.38", "-3.20"). */
const PRINTED_AMOUNT = /^-?\d{1,3}(,\d{3})*\.\d+$/;

/** A column is a measure when every non-empty body cell is an amount printed the standard way. */
function isAmountColumn(t: DisclosureTable, c: number): boolean {
  let seen = false;
  for (const r of t.rows) {
    const v = r[c] ?? '';
    if (v === '') continue;
    if (!PRINTED_AMOUNT.test(v)) return false;
    seen = true;
  }
  return seen;
}

/** "1,861.38" → "1861.38" (the number a client reads); the inverse is `printedAmount`. */
export function plainAmount(printed: string): string {
  return printed.replace(/,/g, '');
}

/** "1861.38" → "1,861.38": the amount as the table prints it. */
export function printedAmount(plain: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(plain);
  if (!m) return plain;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+$)/g, ',') + (m[3] ?? '');
}

/** The tidy CSV of a table: column names, then each printed row with amounts as plain numbers. */
export function tableCsv(t: DisclosureTable, names = headerLabels(t)): string {
  const width = names.length;
  const amount = names.map((_, c) => isAmountColumn(t, c));
  const rows = t.rows.map((r) => Array.from({ length: width }, (_, c) => (amount[c] && r[c] ? plainAmount(r[c]!) : (r[c] ?? ''))));
  return csvDocument([names, ...rows], OPEN_DATA_CSV);
}

const CLASSIFICATIONS = {
  function: { key: 'functional-classification', type: 'functional', name: '支出功能分类', levels: ['类', '款', '项'] },
  'dept-econ': { key: 'economic-classification', type: 'economic', name: '部门预算支出经济分类', levels: ['类', '款'] },
  'gov-econ': { key: 'economic-classification', type: 'economic', name: '政府预算支出经济分类', levels: ['类', '款'] },
} as const;

function classificationOf(t: DisclosureTable): keyof typeof CLASSIFICATIONS | undefined {
  if (!t.header.some((r) => r.some((c) => /科目编码/.test(c)))) return undefined;
  if (t.key === 'gov-econ' || /政府预算/.test(t.title)) return 'gov-econ';
  if (t.key === 'dept-econ' || t.key === 'general-basic' || /经济分类|基本支出表/.test(t.title)) return 'dept-econ';
  return 'function';
}

/** Funding sources as columns name them (表2, 表9, 表14): the source a measure is money from. */
const FUNDING_SOURCES = [
  '一般公共预算拨款',
  '政府性基金预算拨款',
  '国有资本经营预算拨款',
  '财政专户管理资金',
  '单位资金',
  '事业收入',
  '事业单位经营收入',
  '上级补助收入',
  '附属单位上缴收入',
  '其他收入',
  '上年结转结余',
];

function fundingSourceOf(name: string): string | undefined {
  const last = name.split('/').at(-1)!;
  return FUNDING_SOURCES.find((s) => last.startsWith(s)) ?? (last === '小计' && name.startsWith('单位资金') ? '单位资金' : undefined);
}

/** Income, not expenditure: the income table's columns and the 收入 side of the summary tables. */
function isRevenue(t: DisclosureTable, name: string): boolean {
  return t.key === 'income' || /^收\s*入/.test(name) || (/收入/.test(t.title) && !/支出/.test(t.title));
}

export function buildDataPackageDescriptor(d: Disclosure, files: { table: DisclosureTable; path: string; label: string; names: string[] }[], hasBudget: boolean) {
  const packageUnit = d.amountUnit ?? '万元';
  const phase = d.kind === 'final-account' ? 'executed' : 'approved';
  const textResource = (name: string, path: string, title: string, fields: string[]) => ({
    name,
    path,
    profile: 'tabular-data-resource',
    title,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    schema: { fields: fields.map((f) => ({ name: f, type: 'string' })) },
  });
  const resources = files.map(({ table: t, path, label, names }) => {
    const unit = t.amountUnit ?? (/单位[：:]\s*元/.test(t.unitLabel) ? '元' : packageUnit);
    const factor = unit === '元' ? 1 : 10000;
    const cls = classificationOf(t);
    const fields = names.map((name, c) => (isAmountColumn(t, c) ? { name, type: 'number', description: `金额，单位：${unit}`, unit } : { name, type: 'string' }));
    const measures: Record<string, unknown> = {};
    const dimensions: Record<string, unknown> = {};
    fields.forEach((f, c) => {
      if (f.type !== 'number') return;
      const source = fundingSourceOf(f.name);
      measures[`m${c + 1}`] = {
        source: f.name,
        title: f.name,
        currency: 'CNY',
        factor,
        direction: isRevenue(t, f.name) ? 'revenue' : 'expenditure',
        phase,
        ...(source ? { fundingSource: source } : {}),
      };
    });
    const sources = [...new Set(Object.values(measures).flatMap((m) => ((m as { fundingSource?: string }).fundingSource ? [(m as { fundingSource: string }).fundingSource] : [])))];
    if (sources.length)
      dimensions['funding-source'] = {
        dimensionType: 'classification',
        classificationType: 'financing-source',
        title: '资金来源',
        // The sources are columns (a wide table): each measure names its source.
        values: sources,
        attributes: Object.fromEntries(
          Object.entries(measures).flatMap(([id, m]) =>
            (m as { fundingSource?: string }).fundingSource ? [[id, { source: (m as { source: string }).source, constant: (m as { fundingSource: string }).fundingSource }]] : [],
          ),
        ),
        primaryKey: Object.keys(measures).filter((id) => (measures[id] as { fundingSource?: string }).fundingSource),
      };
    if (cls) {
      const c = CLASSIFICATIONS[cls];
      const codeField = names.find((n) => /科目编码/.test(n));
      const nameField = names.find((n) => /科目名称/.test(n));
      if (codeField)
        dimensions[c.key] = {
          dimensionType: 'classification',
          classificationType: c.type,
          title: c.name,
          levels: c.levels.map((l, i) => ({ level: i + 1, name: l, codeLength: [3, 5, 7][i] })),
          attributes: { code: { source: codeField }, ...(nameField ? { label: { source: nameField, labelfor: 'code' } } : {}) },
          primaryKey: 'code',
        };
    }
    return {
      name: `table-${label}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-'),
      path,
      profile: 'tabular-data-resource',
      title: `表${label} ${t.title}${t.project ? `（${t.project}）` : ''}`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      gongkai: {
        no: t.no,
        label,
        title: t.title,
        unitLabel: t.unitLabel,
        amountUnit: unit,
        // The rows printed above the body, which the one-row CSV header summarises.
        header: t.header,
        ...(t.key ? { key: t.key } : {}),
        ...(t.project !== undefined ? { project: t.project } : {}),
        ...(t.note !== undefined ? { note: t.note } : {}),
        ...(t.amountUnit !== undefined ? { tableAmountUnit: t.amountUnit } : {}),
      },
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
    amountUnit: packageUnit,
    factor: packageUnit === '元' ? 1 : 10000,
    toc: d.toc,
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.scope ? { scope: d.scope } : {}),
    // The budget input (amounts in 元) is not a table, so it sits beside the resources.
    ...(hasBudget ? { budget: { path: 'budget.json', mediatype: 'application/json', title: '预算数据（元）' } } : {}),
    resources: [
      ...resources,
      textResource('profile', 'profile.csv', '概况', TEXT_FIELDS),
      textResource('narrative', 'narrative.csv', '情况说明', TEXT_FIELDS),
      textResource('glossary', 'glossary.csv', '名词解释', GLOSSARY_FIELDS),
    ],
  };
}

/** The data package's files (paths relative to its folder, bytes), datapackage.json last. */
export function dataPackageFiles(d: Disclosure, budget?: unknown): PackageFile[] {
  const labels = tableLabels(d);
  const out: PackageFile[] = [];
  const add = (path: string, text: string) => out.push({ path, data: Buffer.from(text, 'utf8') });
  const tables = d.tables.map((t, i) => {
    const path = `table-${labels[i]}.csv`;
    const names = headerLabels(t);
    add(path, tableCsv(t, names));
    return { table: t, path, label: labels[i]!, names };
  });
  add('profile.csv', csvDocument([TEXT_FIELDS, ...(d.profile ?? []).map((s) => [s.heading, s.text])], OPEN_DATA_CSV));
  add('narrative.csv', csvDocument([TEXT_FIELDS, ...d.narrative.map((s) => [s.heading, s.text])], OPEN_DATA_CSV));
  add('glossary.csv', csvDocument([GLOSSARY_FIELDS, ...d.glossary.map((g) => [g.term, g.text])], OPEN_DATA_CSV));
  if (budget !== undefined) add('budget.json', JSON.stringify(budget, null, 2) + '\n');
  add('datapackage.json', JSON.stringify(buildDataPackageDescriptor(d, tables, budget !== undefined), null, 2) + '\n');
  return out;
}
