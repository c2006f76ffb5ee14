/**
 * The figures behind the charts, taken from the printed Disclosure (not the budget), so a chart
 * always shows what the tables print: expenditure by function class (table 3), by economic class
 * (table 12, else 6), basic vs project (table 3 total row), and year-on-year where the narrative states it.
 */
import { formatCents, parsePrintedCents, parseScaled } from '../core/money.ts';
import type { Disclosure, DisclosureTable } from '../core/disclosure.ts';

export interface ChartSeries {
  id: string;
  title: string;
  kind: 'bar' | 'pie';
  unit: string;
  items: { name: string; cents: number }[];
}

function findTable(d: Disclosure, key: string, no: number): DisclosureTable | undefined {
  return d.tables.find((t) => t.key === key) ?? d.tables.find((t) => t.no === no && !t.key);
}

function unitOf(t: DisclosureTable): string {
  return /元/.test(t.unitLabel) ? t.unitLabel.replace(/^单位[：:]\s*/, '') : '万元';
}

/** Columns of a code table by header wording: code, name, total, basic (小计 or 基本支出), project. */
function columns(t: DisclosureTable) {
  const width = Math.max(0, ...t.header.map((r) => r.length));
  const label = (c: number) =>
    t.header
      .map((r) => r[c] ?? '')
      .filter(Boolean)
      .join('/');
  const find = (re: RegExp) => {
    for (let c = 0; c < width; c++) if (re.test(label(c))) return c;
    return -1;
  };
  return {
    code: find(/科目编码/),
    name: find(/科目名称/),
    total: find(/合计/),
    basic: find(/基本支出\/小计|基本支出$/),
    project: find(/项目支出/),
  };
}

function amount(text: string | undefined): number | null {
  if (text === undefined) return null;
  return parsePrintedCents(text);
}

function classRows(t: DisclosureTable): { name: string; cents: number }[] {
  const c = columns(t);
  if (c.code < 0 || c.total < 0) return [];
  const out: { name: string; cents: number }[] = [];
  for (const r of t.rows) {
    const code = (r[c.code] ?? '').trim();
    const v = amount(r[c.total]);
    if (/^\d{3}$/.test(code) && v !== null && v !== 0) out.push({ name: `${code} ${c.name >= 0 ? (r[c.name] ?? '').trim() : ''}`.trim(), cents: v });
  }
  return out;
}

function totalRow(t: DisclosureTable): string[] | undefined {
  return t.rows.find((r) => r.some((x) => /^合\s*计$/.test(x.trim())));
}

const YOY = /比\s*(\d{4})\s*年(?:预算)?(增加|减少|增长|下降)\s*([\d,]+(?:\.\d+)?)\s*万元/;

export function chartSeries(d: Disclosure): ChartSeries[] {
  const out: ChartSeries[] = [];
  const t3 = findTable(d, 'expenditure', 3);
  if (t3) {
    const items = classRows(t3);
    if (items.length) out.push({ id: 'chart-function', title: '支出按功能分类（类）', kind: 'bar', unit: unitOf(t3), items });
    const c = columns(t3);
    const tr = totalRow(t3);
    const basic = tr && c.basic >= 0 ? amount(tr[c.basic]) : null;
    const project = tr && c.project >= 0 ? amount(tr[c.project]) : null;
    if (basic !== null && project !== null && basic + project !== 0)
      out.push({
        id: 'chart-basic-project',
        title: '基本支出与项目支出',
        kind: 'pie',
        unit: unitOf(t3),
        items: [
          { name: '基本支出', cents: basic },
          { name: '项目支出', cents: project },
        ],
      });
  }
  const econ = findTable(d, 'dept-econ', 12);
  const econItems = econ ? classRows(econ) : [];
  const t6 = findTable(d, 'general-basic', 6);
  const econFinal = econItems.length ? { t: econ!, items: econItems } : t6 ? { t: t6, items: classRows(t6) } : undefined;
  if (econFinal && econFinal.items.length) out.push({ id: 'chart-economic', title: '支出按经济分类（类）', kind: 'bar', unit: unitOf(econFinal.t), items: econFinal.items });
  const yoy = yearOnYear(d, t3);
  if (yoy) out.push(yoy);
  return out;
}

function yearOnYear(d: Disclosure, t3: DisclosureTable | undefined): ChartSeries | undefined {
  if (!t3) return undefined;
  const tr = totalRow(t3);
  const c = columns(t3);
  const now = tr && c.total >= 0 ? amount(tr[c.total]) : null;
  if (now === null) return undefined;
  for (const s of d.narrative) {
    const m = YOY.exec(s.text);
    if (!m) continue;
    const delta = parseScaled(m[3]!, 2, true);
    if (delta === null) continue;
    const prior = /减少|下降/.test(m[2]!) ? now + delta : now - delta;
    return {
      id: 'chart-yoy',
      title: '预算总额与上年比较',
      kind: 'bar',
      unit: '万元',
      items: [
        { name: `${m[1]}年`, cents: prior },
        { name: `${d.year}年`, cents: now },
      ],
    };
  }
  return undefined;
}

/** The chart's figures in words, for its text alternative. */
export function describeChart(s: ChartSeries): string {
  return `${s.title}（单位：${s.unit}）：${s.items.map((i) => `${i.name} ${formatCents(i.cents)}`).join('；')}`;
}
