/**
 * One read table → one template table: its role (the reader's key) decides the layout, the rows it
 * lists and the lines it covers (the rule catalogue gives each role one meaning); its title, columns,
 * header, amount unit and empty-table note are the document's.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import type { Measure, TableLayout, TableRole, TemplateTable } from '../core/template.ts';
import { findMeasures, headerText, labelOf, measureHeader, spanLabel, type ColumnKind } from './columns.ts';
import { threePublicColumns } from './three-public.ts';
import { squash, tableTitle } from './wording.ts';

interface RoleShape {
  layout: TableLayout;
  rows?: TemplateTable['rows'];
  filter?: TemplateTable['filter'];
  /** Amount columns: by kind of spending or by funding source; absent for fixed-column layouts. */
  columns?: ColumnKind;
  /** Measures the role's columns may hold (general-basic prints no 基本支出 beside its parts). */
  allowed?: Measure[];
}

/**
 * What each role means, as the generator's layouts print it: the rule roles, and the informational
 * tables some layouts print (财政拨款支出表, 财政拨款基本支出表, 机关运行经费表; template-layouts.ts).
 */
const SHAPES: Partial<Record<TableRole | 'fiscal-expenditure' | 'fiscal-basic' | 'operating-cost', RoleShape>> = {
  summary: { layout: 'income-expenditure' },
  'fiscal-summary': { layout: 'fiscal-income-expenditure' },
  income: { layout: 'code-matrix', rows: 'function', columns: 'sources' },
  expenditure: { layout: 'code-matrix', rows: 'function', columns: 'spending' },
  'function-expenditure': { layout: 'code-matrix', rows: 'function', columns: 'spending' },
  'general-expenditure': { layout: 'code-matrix', rows: 'function', filter: { sources: ['general'] }, columns: 'spending' },
  'general-basic': { layout: 'code-matrix', rows: 'dept-econ', filter: { sources: ['general'], kinds: ['personnel', 'public'] }, columns: 'spending', allowed: ['personnel', 'public'] },
  'fund-expenditure': { layout: 'code-matrix', rows: 'function', filter: { sources: ['fund'] }, columns: 'spending', allowed: ['basic', 'project'] },
  'state-capital-expenditure': { layout: 'code-matrix', rows: 'function', filter: { sources: ['stateCapital'] }, columns: 'spending', allowed: ['basic', 'project'] },
  'fiscal-expenditure': { layout: 'code-matrix', rows: 'function', filter: { sources: ['general', 'fund'] }, columns: 'spending' },
  'fiscal-basic': { layout: 'code-matrix', rows: 'dept-econ', filter: { sources: ['general', 'fund'], kinds: ['personnel', 'public'] }, columns: 'spending', allowed: ['personnel', 'public'] },
  'operating-cost': { layout: 'code-matrix', rows: 'dept-econ', filter: { sources: ['general'], kinds: ['public'] }, columns: 'spending', allowed: [] },
  'gov-econ': { layout: 'code-matrix', rows: 'gov-econ', columns: 'spending', allowed: ['basic', 'project'] },
  'dept-econ': { layout: 'code-matrix', rows: 'dept-econ', columns: 'spending' },
  'three-public': { layout: 'three-public' },
  projects: { layout: 'project-list', columns: 'sources' },
  procurement: { layout: 'procurement-list', columns: 'sources' },
  'purchased-services': { layout: 'purchased-services-list' },
  debt: { layout: 'debt-list' },
  'overall-goal': { layout: 'overall-goal' },
  'project-goal': { layout: 'project-goal' },
};

export interface InferredTable {
  table?: TemplateTable;
  /** Why the table was left out or what was changed, for the person who reviews the template. */
  notes: string[];
}

export interface TableContext {
  year: number;
  unitName: string;
  /** The document's amount unit: a table printing another states its own. */
  amountUnit: AmountUnit;
}

/** The amount unit a table's "单位：元" label states, if any. */
export function unitOfLabel(label: string): AmountUnit | undefined {
  const l = squash(label);
  if (/万元/.test(l)) return '万元';
  if (/单位[:：]元|^元$/.test(l)) return '元';
  return undefined;
}

export function inferTable(t: DisclosureTable, no: number, ctx: TableContext): InferredTable {
  // The reader names the 机关运行经费 table by its title's role (operating-costs); templates call it operating-cost.
  const role = (t.key === 'operating-costs' ? 'operating-cost' : t.key) as keyof typeof SHAPES | undefined;
  const shape = role ? SHAPES[role] : undefined;
  const name = `表${t.no}「${squash(t.title)}」`;
  if (!role || !shape) return { notes: [`${name}：版式没有与之对应的生成方式（${role ?? '未识别'}），未写入模板，请人工补充`] };
  const notes: string[] = [];
  let title = tableTitle(t.title, ctx.unitName);
  // A project goal table is titled after its project in some layouts ("信息化运行维护绩效目标表").
  if (role === 'project-goal' && !/^(?:部门|单位)?(?:预算)?(?:项目|专项)/.test(title)) title = '项目支出绩效目标表';
  const out: TemplateTable = { no, key: role, title, layout: shape.layout, header: [] };
  if (shape.rows) out.rows = shape.rows;
  if (shape.filter) out.filter = structuredClone(shape.filter);
  const text = headerText(t.header, t.header.length ? [] : wordsOfFirstRows(t));
  const flat = flatShape(t, role, text);
  if (flat) {
    Object.assign(out, flat);
    delete out.rows;
    delete out.filter;
  } else Object.assign(out, columnsOf(t, role, shape, text, name, notes));
  if (out.measures) {
    const dropped = droppedColumns(t, out.measures.length);
    if (dropped) notes.push(`${name}：印有 ${dropped} 个没有数据来源的金额列（如上缴上级支出、上年执行数、增减），模板未列`);
  }
  const unit = unitOfLabel(t.unitLabel);
  // Goal tables print their funds in the document's unit (the generator has no other for them).
  if (unit && unit !== ctx.amountUnit && shape.layout !== 'overall-goal' && shape.layout !== 'project-goal') out.amountUnit = unit;
  else if (unit && unit !== ctx.amountUnit) notes.push(`${name}：印为${unit}，模板按全文的${ctx.amountUnit}印制绩效目标表`);
  const note = emptyNote(t, ctx);
  if (note) out.emptyNote = note;
  else if (/list$/.test(shape.layout) || (shape.filter?.sources && shape.filter.sources.length === 1 && shape.filter.sources[0] !== 'general'))
    // The generator prints an empty table with its note; a document with no note gets the usual wording.
    out.emptyNote = '注：本表为空表，表示本单位本年度无此项预算安排。';
  return { table: out, notes };
}

/** A header the reader left in the body (Beijing's 收入总表): the text of rows before the first amount. */
function wordsOfFirstRows(t: DisclosureTable): string[] {
  const out: string[] = [];
  for (const row of t.rows.slice(0, 3)) for (const c of row) if (!/\d/.test(c)) out.push(c);
  return out;
}

const ALL_SOURCES = ['general', 'fund', 'stateCapital', 'specialAccount', 'operating', 'business', 'superior', 'subordinate', 'other', 'carryOver'];

/**
 * An income table without a column for every source (Shanghai: 财政拨款, 事业收入, 事业单位经营收入,
 * 其他收入): its 其他收入 takes every source no other column takes (otherSources), so its columns add
 * up to 合计 whatever the budget holds. Not under a printed 单位资金 (its 小计 is its parts).
 */
function otherTakesTheRest(measures: Measure[]): Measure[] {
  if (!measures.includes('source:other') || measures.includes('unitOwn')) return measures;
  const covered = new Set(measures.flatMap((m) => (m === 'fiscal' ? ['general', 'fund', 'stateCapital'] : m.startsWith('source:') ? [m.slice(7)] : [])));
  if (ALL_SOURCES.every((s) => covered.has(s))) return measures;
  return measures.map((m) => (m === 'source:other' ? 'otherSources' : m));
}

/** Cells of the first row that prints an amount, trailing blanks cut. */
function amountRowWidth(t: DisclosureTable): number {
  const row = t.rows.find((r) => r.some((c) => /\d/.test(c))) ?? [];
  let n = row.length;
  while (n > 0 && !row[n - 1]!.trim()) n--;
  return n;
}

/** Columns the document prints beyond those the template lists (read from its widest body row). */
function droppedColumns(t: DisclosureTable, measures: number): number {
  const amounts = Math.max(0, ...t.rows.slice(0, 20).map((r) => r.filter((c) => /^-?[\d,]+\.\d+%?$/.test(c.trim())).length));
  return Math.max(0, amounts - measures);
}

/** Code and name column labels: as the document prints them where found, else 科目编码 / 科目名称. */
function codeLabels(text: string, rows: TemplateTable['rows']): string[] {
  const prefix = rows === 'function' ? '功能分类' : rows === 'dept-econ' ? '(?:部门预算)?经济分类' : rows === 'gov-econ' ? '(?:政府预算)?经济分类' : '';
  const code = new RegExp(`(${prefix})?科目(编码|代码)`).exec(text);
  const name = new RegExp(`(${prefix})?科目名称`).exec(text);
  return [code ? code[0] : '科目编码', name ? name[0] : '科目名称'];
}

/**
 * 收支总表 / 财政拨款收支总表: income on the left, expenditure on the right — by function 类, by use
 * (基本支出 / 项目支出, Jiangsu's 支出用途) or both side by side; the fiscal table may split its
 * expenditure by fund (合计, 一般公共预算, 政府性基金预算, 国有资本经营预算: Shanghai). Labels in the
 * document's wording ("本年收入", "财政拨款收入", "金额").
 */
function ledgerColumns(text: string, fiscal: boolean): { sides: ('function' | 'use')[]; measures?: string[]; header: string[][] } {
  const byUse = /支出用途/.test(text);
  const byFunction = /功能分类|功能科目/.test(text) || !byUse;
  const sides: ('function' | 'use')[] = [...(byFunction ? (['function'] as const) : []), ...(byUse ? (['use'] as const) : [])];
  const word = (w: '收入' | '支出') => {
    const m = new RegExp(`(本年|财政拨款)?${w}`).exec(text);
    const found = m ? m[0] : w;
    return found.length === 2 ? `${found[0]} ${found[1]}` : found;
  };
  const amount = /金额/.test(text) && !/预算数/.test(text) ? '金额' : /年初预算数/.test(text) ? '年初预算数' : /\d{4}年预算数|年预算数/.test(text) ? '本年预算数' : '预算数';
  const item = /项目名称/.test(text) ? '项目名称' : '项 目';
  // A fiscal table printing its expenditure by fund: the funds named in its header.
  const funds = fiscal ? (['general', 'fund', 'stateCapital'] as const).filter((f) => ({ general: /一般公共预算/, fund: /政府性基金/, stateCapital: /国有资本经营/ })[f].test(text)) : [];
  const measures = funds.length ? ['total', ...funds.map((f) => `source:${f}`)] : undefined;
  const fundLabels: Record<string, string> = { 'source:general': '一般公共预算', 'source:fund': '政府性基金预算', 'source:stateCapital': '国有资本经营预算' };
  const top = [word('收入'), ''];
  const low = [item, amount];
  sides.forEach((side, i) => {
    const label = sides.length > 1 ? `支出（${side === 'function' ? '功能分类' : '支出用途'}）` : word('支出');
    const last = i === sides.length - 1;
    const amounts = last && measures ? measures.map((m) => (m === 'total' ? '合计' : fundLabels[m]!)) : [amount];
    top.push(label, ...amounts.map(() => ''));
    low.push(side === 'use' && sides.length > 1 ? '项目名称' : item, ...amounts);
  });
  return { sides, ...(measures ? { measures } : {}), header: [top, low] };
}

/**
 * The code levels a table lists where it lists fewer than its codes have (Beijing's 一般公共预算支出表:
 * only 项); undefined when it lists them all or too few rows were read to tell.
 */
function codeLevels(t: DisclosureTable, rows: TemplateTable['rows']): (1 | 2 | 3)[] | undefined {
  // Economic tables keep their 类 rows: the narrative's 工资福利支出 / 商品和服务支出 are checked against them.
  if (rows !== 'function') return undefined;
  const seen = new Set<1 | 2 | 3>();
  let coded = 0;
  for (const r of t.rows) {
    const code = (r[0] ?? '').replace(/\s+/g, '');
    const level = code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
    if (!level || !/^\d+$/.test(code)) continue;
    seen.add(level);
    coded++;
  }
  const all: (1 | 2 | 3)[] = [1, 2, 3];
  if (coded < 3 || all.every((l) => seen.has(l))) return undefined;
  return all.filter((l) => seen.has(l));
}

/** Columns and header rows of a table printed in one of the generator's layouts, in the document's wording. */
function columnsOf(t: DisclosureTable, role: string, shape: RoleShape, text: string, name: string, notes: string[]): Partial<TemplateTable> {
  const out: Partial<TemplateTable> = shape.rows ? { rows: shape.rows } : {};
  switch (shape.layout) {
    case 'income-expenditure':
    case 'fiscal-income-expenditure': {
      const ledger = ledgerColumns(text, shape.layout === 'fiscal-income-expenditure');
      if (ledger.sides.length > 1 || ledger.sides[0] !== 'function') out.expenditureSides = ledger.sides;
      if (ledger.measures) out.measures = ledger.measures;
      out.header = ledger.header;
      return out;
    }
    case 'code-matrix': {
      const found = findMeasures(text, shape.columns!, shape.allowed);
      if (role === 'operating-cost') found.labels.set('total', /机关运行经费支出/.test(text) ? '机关运行经费支出' : '机关运行经费');
      if (shape.columns === 'sources' && !found.measures.includes('source:general') && !found.measures.includes('fiscal')) {
        // Every budget's income has 一般公共预算 money; a header read without it was read badly.
        found.measures.splice(1, 0, 'source:general');
        if (!/计$/.test(found.labels.get('total')!)) found.labels.set('total', '合计');
        notes.push(`${name}：表头中未读到“一般公共预算”列，已按惯例补在合计之后，请核对`);
      }
      out.measures = otherTakesTheRest(found.measures);
      if (out.measures !== found.measures) found.labels.set('otherSources', found.labels.get('source:other') ?? '其他收入');
      // Rows by unit (单位名称 | amounts: Guangzhou's and Shenzhen's 收入总表), not by code.
      if (!hasCodes(t) && /单位名称|预算单位/.test(text) && (role === 'income' || role === 'expenditure')) out.rows = 'unit';
      out.header = measureHeader(out.rows === 'unit' ? ['单位编码', /预算单位/.test(text) ? '预算单位' : '单位名称'] : codeLabels(text, out.rows), found, spanLabel(t.header));
      const levels = codeLevels(t, out.rows);
      if (levels) out.levels = levels;
      return out;
    }
    case 'three-public': {
      const cols = threePublicColumns(text, amountRowWidth(t));
      out.measures = cols.measures;
      out.header = cols.header;
      return out;
    }
    case 'project-list': {
      const found = findMeasures(text, 'sources');
      // The list reader takes the column headed 合计/金额/预算数 as the row total (not 总计).
      found.labels.set('total', '合计');
      out.measures = found.measures;
      out.header = measureHeader(['科目编码', '科目名称', /项目名称/.test(text) ? '项目名称' : '项目'], found);
      return out;
    }
    case 'procurement-list': {
      const found = findMeasures(text, 'sources');
      out.measures = found.measures;
      if (found.measures.length === 1) found.labels.set('total', /金额/.test(text) ? '金额' : '合计');
      out.header = measureHeader([/采购项目/.test(text) ? '采购项目' : '项目名称', '采购类别'], found);
      return out;
    }
    case 'purchased-services-list':
      out.header = [['项目名称', /服务类别/.test(text) ? '服务类别' : '指导性目录', /预算金额/.test(text) ? '预算金额' : '预算数']];
      return out;
    case 'debt-list':
      out.header = [['项目名称', '科目编码', '科目名称', '预算数']];
      return out;
    default:
      return out;
  }
}

/** Whether a table lists rows by classification code (类 / 款 / 项, 3 / 5 / 7 digits). */
function hasCodes(t: DisclosureTable): boolean {
  return t.rows.some((r) => r.slice(0, 2).some((c) => /^\d{3}(?:\d{2}){0,2}$/.test(c.replace(/\s+/g, ''))));
}

/**
 * Tables printed without classification rows (Jiangsu): the income table as a list of sources
 * (项目名称 | 金额, projection income-sources) and the expenditure table as one row of totals
 * (合计 | 基本支出 | 项目支出 | 单位预留机动经费 | 结转下年资金, projection totals).
 */
function flatShape(t: DisclosureTable, role: string, text: string): Partial<TemplateTable> | undefined {
  if ((role !== 'income' && role !== 'expenditure') || hasCodes(t) || !t.rows.some((r) => r.some((c) => /\d/.test(c)))) return undefined;
  // Income listed by source: rows labelled with sources (一、一般公共预算拨款 …), not one row of totals.
  const sourceRows = t.rows.filter((r) => /一般公共预算|财政拨款|政府性基金|财政专户|事业收入|其他收入|上年结转/.test(r.slice(0, 2).join('')));
  if (role === 'income' && sourceRows.length < 2) return undefined;
  if (role === 'income') return { layout: 'other', projection: 'income-sources', header: [[/项目名称/.test(text) ? '项目名称' : '项目', '', /金额/.test(text) ? '金额' : '预算数']] };
  if (t.rows.length > 3) return undefined;
  const found = findMeasures(text, 'spending', ['basic', 'project', 'reserve', 'carryOut']);
  return { layout: 'other', projection: 'totals', measures: found.measures, header: [found.measures.map((m) => labelOf(found, m))] };
}

/**
 * The note the document prints under an empty table, made general; only a note
 * that says the table is empty (not a footnote about rounding or codes).
 */
function emptyNote(t: DisclosureTable, ctx: TableContext): string | undefined {
  const candidates = [t.note ?? '', ...t.rows.flat()].map((c) => c.trim()).filter(Boolean);
  for (const c of candidates) {
    const m = /(?:注|备注)?[:：]?[^。]*(?:空表|无发生额|没有[^。]*(?:支出|收入|安排)|无[^。]*(?:安排|支出))[^。]*。?/.exec(c.replace(/\n/g, ''));
    if (!m) continue;
    let note = m[0].replace(/^合\s*计\s*[（(]?/, '').replace(/[）)]$/, '');
    // Notes are printed as written (no placeholders): the year and unit become 本年度 and 本单位.
    note = note
      .replace(/\s+/g, '')
      .split(squash(ctx.unitName))
      .join('本单位')
      .replace(new RegExp(`${ctx.year}年度?`, 'g'), '本年度');
    if (!/^(?:注|备注)/.test(note)) note = `注：${note}`;
    return note;
  }
  return undefined;
}
