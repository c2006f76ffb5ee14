/**
 * A printed table's amount columns → the template's measures and a clean header.
 *
 * Read headers of published PDFs are rarely clean: merged cells come apart, a label wraps over two
 * lines and into its neighbour ("科目名称 合", "计"). So the columns are not copied cell by cell; the
 * header's text is searched, column by column, for the wordings each measure is printed with, and the
 * header is printed again from what was found — in the document's order and wording, with the merged
 * cells a template describes (a blank cell continues the label to its left or above).
 */
import type { Measure } from '../core/template.ts';
import { measureOfPath } from '../printed/matrix.ts';
import { headerLabel, squash } from './wording.ts';

/** One measure and the wordings provinces print it with, the most specific first. */
interface MeasureWording {
  measure: Measure;
  words: RegExp;
}

/** Expenditure columns: 基本支出 (人员经费, 公用经费), 项目支出. */
const SPENDING: MeasureWording[] = [
  { measure: 'personnel', words: /人员经费|工资福利/ },
  { measure: 'public', words: /日常公用经费|公用经费/ },
  { measure: 'basic', words: /基本支出/ },
  // Shaanxi calls project expenditure 专项业务经费.
  { measure: 'project', words: /项目支出|专项业务经费(?:支出)?/ },
  // Jiangsu's expenditure totals: columns the budget model has no lines for, printed blank.
  { measure: 'reserve', words: /单位预留机动经费|预留机动经费/ },
  { measure: 'carryOut', words: /结转下年(?:资金)?/ },
];

/** Income columns by funding source; 事业单位经营收入 before 事业收入 (it does not contain it). */
const SOURCES: MeasureWording[] = [
  // A PDF wraps long labels ("一般公共" over "预算拨款"): the first words are enough.
  { measure: 'source:general', words: /一般公共(?:预算)?(?:拨款收入|拨款|财政拨款|资金)?/ },
  { measure: 'source:fund', words: /政府性基金(?:预算)?(?:拨款收入|拨款|资金)?/ },
  { measure: 'source:stateCapital', words: /国有资本经营(?:预算)?(?:拨款收入|拨款|资金)?/ },
  { measure: 'source:specialAccount', words: /财政专户(?:管理资金收入|管理资金|拨款收入|拨款)?/ },
  { measure: 'unitOwn', words: /单位资金(?:收入)?/ },
  { measure: 'source:business', words: /事业单位经营收入|经营收入/ },
  { measure: 'source:operating', words: /事业收入/ },
  { measure: 'source:superior', words: /上级补助收入/ },
  { measure: 'source:subordinate', words: /附属单位上缴收入/ },
  { measure: 'source:other', words: /其他收入/ },
  { measure: 'source:carryOver', words: /上年结转结余|上年结余[、,，]?结转|上年结转/ },
];

/** The sources 单位资金 is made of (printed under it where it is printed). */
const UNIT_OWN = new Set<Measure>(['source:operating', 'source:business', 'source:superior', 'source:subordinate', 'source:other']);

/** Canonical labels where the document's own wording is not found whole. */
const CANONICAL: Record<string, string> = {
  total: '合计',
  fiscal: '财政拨款收入',
  otherSources: '其他收入',
  reserve: '单位预留机动经费',
  carryOut: '结转下年资金',
  basic: '基本支出',
  personnel: '人员经费',
  public: '公用经费',
  project: '项目支出',
  unitOwn: '单位资金',
  'source:general': '一般公共预算拨款收入',
  'source:fund': '政府性基金预算拨款收入',
  'source:stateCapital': '国有资本经营预算拨款收入',
  'source:specialAccount': '财政专户管理资金收入',
  'source:operating': '事业收入',
  'source:business': '事业单位经营收入',
  'source:superior': '上级补助收入',
  'source:subordinate': '附属单位上缴收入',
  'source:other': '其他收入',
  'source:carryOver': '上年结转结余',
};

export type ColumnKind = 'spending' | 'sources';

export interface FoundColumns {
  /** Measures in printed order, 合计 first. */
  measures: Measure[];
  /** The label each measure is printed with (document's wording when found whole). */
  labels: Map<Measure, string>;
}

/**
 * The header's text in reading order of columns: per column its cells top to bottom, the columns
 * left to right, so a label over several columns is met before the labels under it.
 */
export function headerText(header: string[][], extra: string[] = []): string {
  const width = Math.max(0, ...header.map((r) => r.length));
  let text = '';
  for (let c = 0; c < width; c++) for (const row of header) text += squash(row[c] ?? '');
  for (const e of extra) text += squash(e);
  return text;
}

/**
 * The measures a header prints, in the order printed. 合计 is always the first column (every
 * province prints one, and the checker sums to it). Wordings for the other kind of column (an
 * expenditure table's 其中：上缴上级支出, a year-on-year column) are not measures and are left out.
 */
export function findMeasures(text: string, kind: ColumnKind, allowed?: readonly Measure[]): FoundColumns {
  // reserve / carryOut only where a caller asks for them (the totals projection prints them).
  const vocabulary = (kind === 'spending' ? SPENDING : SOURCES).filter((w) => (allowed ? allowed.includes(w.measure) : w.measure !== 'reserve' && w.measure !== 'carryOut'));
  const hits: { at: number; measure: Measure; label: string }[] = [];
  for (const { measure, words } of vocabulary) {
    const m = words.exec(text);
    if (m) hits.push({ at: m.index, measure, label: m[0] });
  }
  // 财政拨款 is a column of its own (Shanghai's 财政拨款收入) where no fund type is printed apart;
  // else it is the group label over them.
  const fiscal = kind === 'sources' && (!allowed || allowed.includes('fiscal')) ? /财政拨款(?:收入)?/.exec(text) : null;
  if (fiscal && !hits.some((h) => ['source:general', 'source:fund', 'source:stateCapital'].includes(h.measure))) hits.push({ at: fiscal.index, measure: 'fiscal', label: fiscal[0] });
  // 人员经费 / 公用经费 are parts of 基本支出: listed after it whatever the reading order says.
  hits.sort((a, b) => a.at - b.at);
  const measures: Measure[] = ['total'];
  const labels = new Map<Measure, string>([['total', totalWord(text)]]);
  const ordered = kind === 'spending' ? orderSpending(hits.map((h) => h.measure)) : orderSources(hits.map((h) => h.measure));
  for (const m of ordered) {
    measures.push(m);
    labels.set(m, hits.find((h) => h.measure === m)!.label);
  }
  // 金额 / 预算数 name the total only where it is the one amount column.
  if (measures.length > 1 && !/计$/.test(labels.get('total')!)) labels.set('total', '合计');
  return { measures, labels };
}

/** The total column's word: 合计, else 总计, else a one-column table's 金额 / 预算数. */
function totalWord(text: string): string {
  if (/合计/.test(text)) return '合计';
  if (/总计/.test(text)) return '总计';
  if (/金额/.test(text)) return '金额';
  if (/预算数/.test(text)) return '预算数';
  return '合计';
}

/** basic, personnel, public kept together in that order, where 基本支出 was printed. */
function orderSpending(found: Measure[]): Measure[] {
  const parts = found.filter((m) => m === 'personnel' || m === 'public');
  if (!found.includes('basic')) return found;
  const out: Measure[] = [];
  for (const m of found) {
    if (m === 'personnel' || m === 'public') continue;
    out.push(m);
    if (m === 'basic') out.push(...(['personnel', 'public'] as const).filter((p) => parts.includes(p)));
  }
  return out;
}

/** The sources of 单位资金 printed right after it, where 单位资金 was printed (they are its parts). */
function orderSources(found: Measure[]): Measure[] {
  if (!found.includes('unitOwn')) return found;
  const out: Measure[] = [];
  for (const m of found) {
    if (UNIT_OWN.has(m)) continue;
    out.push(m);
    if (m === 'unitOwn') out.push(...found.filter((p) => UNIT_OWN.has(p)));
  }
  return out;
}

/** A label as the template prints it: the document's wording, else the canonical one. */
export function labelOf(found: FoundColumns, m: Measure): string {
  const l = found.labels.get(m);
  // A label cut by a line wrap ("一般公共"), or worded so the checker would not read it as this
  // column (Shaanxi's 专项业务经费 for 项目支出), is printed in the canonical wording.
  if (!l || !WHOLE_LABEL.test(l)) return CANONICAL[m] ?? m;
  const label = headerLabel(l);
  const read = measureOfPath([label]);
  const same = read === m || m === 'total' || (read === 'source:fiscal' && (m === 'source:general' || m === 'fiscal')) || (m === 'otherSources' && read === 'source:other');
  return same ? label : (CANONICAL[m] ?? label);
}

/** How a complete column label ends. */
const WHOLE_LABEL = /(?:合计|总计|金额|预算数|收入|拨款|资金|预算|经费|支出|结转|结余)$/;

/**
 * A label the document prints over all its amount columns ("本年一般公共预算支出", "收入预算",
 * "2026年预算数"): a cell of a header row above the last, naming money, not one column.
 */
const SPAN = /^(?:本年|\d{4}年度?)?(?:部门)?(?:一般公共预算|政府性基金预算|国有资本经营预算|财政拨款)?(?:基本)?(?:支出|收入)(?:预算)?$|^(?:本年|\d{4}年度?)?预算数?$/;

export function spanLabel(header: string[][]): string | undefined {
  for (const row of header.slice(0, -1))
    for (const cell of row) {
      const c = squash(cell);
      if (c.length >= 3 && SPAN.test(c) && !/^(?:基本|项目)支出$/.test(c)) return headerLabel(c);
    }
  return undefined;
}

/**
 * Header rows for leading text columns and measure columns: one row, or two where a measure has
 * parts printed under it (基本支出 over 小计 / 人员经费 / 公用经费; 单位资金 over 小计 and its sources).
 * A label with nothing under it spans both rows (blank below it). A label over all the amount
 * columns (`span`) adds a row on top.
 */
export function measureHeader(lead: string[], found: FoundColumns, span?: string): string[][] {
  const rows = measureRows(lead, found);
  if (!span) return rows;
  const top = [...lead, span, ...found.measures.slice(1).map(() => '')];
  return [top, ...rows.map((r) => [...lead.map(() => ''), ...r.slice(lead.length)])];
}

function measureRows(lead: string[], found: FoundColumns): string[][] {
  const { measures } = found;
  const groupOf = (m: Measure): Measure | undefined => {
    if ((m === 'personnel' || m === 'public') && measures.includes('basic')) return 'basic';
    if (UNIT_OWN.has(m) && measures.includes('unitOwn')) return 'unitOwn';
    return undefined;
  };
  const grouped = measures.some((m) => groupOf(m) !== undefined);
  if (!grouped) return [[...lead, ...measures.map((m) => labelOf(found, m))]];
  const top = [...lead];
  const under = lead.map(() => '');
  for (const m of measures) {
    const group = groupOf(m);
    const hasParts = measures.some((x) => groupOf(x) === m);
    if (hasParts) {
      top.push(labelOf(found, m));
      under.push('小计');
    } else if (group) {
      top.push('');
      under.push(labelOf(found, m));
    } else {
      top.push(labelOf(found, m));
      under.push('');
    }
  }
  return [top, under];
}
