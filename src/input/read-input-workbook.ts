/**
 * Reads a filled input workbook into budget JSON (amounts as yuan strings). Every bad cell is
 * reported by sheet, row and column with a Chinese message; nothing is guessed. Read with
 * @e965/xlsx (no formula evaluation, no external references).
 */
import * as XLSX from '@e965/xlsx';
import { validateBudget } from '../core/budget-validate.ts';
import type { BudgetInput, FundingSource, LineKind } from '../core/budget.ts';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import { formatCents, MoneyError, yuanToFen } from '../core/money.ts';
import {
  DEBT_COLUMNS,
  INDICATOR_COLUMNS,
  LINE_COLUMNS,
  LINE_KIND_NAMES,
  OPERATOR_CHOICES,
  PRIOR_FIELDS,
  PROCUREMENT_CATEGORY_NAMES,
  PROCUREMENT_COLUMNS,
  PROFILE_FIELDS,
  PROJECT_COLUMNS,
  REASON_FIELDS,
  SERVICE_COLUMNS,
  SHEETS,
  SOURCE_NAMES,
  TASK_COLUMNS,
  UNIT_KIND_NAMES,
  type Column,
} from './workbook-layout.ts';

export interface CellError {
  sheet: string;
  /** Excel row number (1-based); 0 when the problem concerns the whole sheet. */
  row: number;
  /** Column letter ("C"), or "" for a whole row or sheet. */
  column: string;
  message: string;
}

export type InputWorkbookResult =
  | { budget: BudgetInput; errors?: undefined; notWorkbook?: undefined }
  | { errors: CellError[]; budget?: undefined /** The file is no workbook at all (one message, no cells). */; notWorkbook?: true };

export const NOT_A_WORKBOOK = '该文件不是 Excel 工作簿';

/**
 * Whether the zip's central directory names `name`: a byte search for the name after a central
 * directory signature, enough to tell a workbook from another Office file before parsing it.
 */
function hasZipEntry(buf: Uint8Array, name: string): boolean {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const needle = Buffer.from(name, 'utf8');
  for (let at = b.indexOf(needle); at >= 0; at = b.indexOf(needle, at + 1)) if (at >= 46 && b.readUInt32LE(at - 46) === 0x02014b50) return true;
  return false;
}

const MAX_DATA_ROWS = 20_000;

type Raw = string | number | boolean | Date | undefined | null;

function text(v: Raw): string {
  if (v === undefined || v === null) return '';
  // SheetJS gives a date cell as local midnight of that day.
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).trim();
}

/** "2025-02-10", "2025/2/10", "2025.2.10", "2025年2月10日" → "2025-02-10"; undefined when not a real date. */
export function calendarDate(t: string): string | undefined {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(t.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const invert = <K extends string>(m: Record<K, string>) => new Map(Object.entries(m).map(([k, v]) => [v as string, k as K]));
const LINE_KINDS_BY_NAME = invert(LINE_KIND_NAMES);
const SOURCES_BY_NAME = invert(SOURCE_NAMES);
const CATEGORIES_BY_NAME = invert(PROCUREMENT_CATEGORY_NAMES);

export function readInputWorkbook(buffer: Uint8Array): InputWorkbookResult {
  let wb: XLSX.WorkBook;
  const notWorkbook = (why: string): InputWorkbookResult => ({ errors: [{ sheet: '', row: 0, column: '', message: `${NOT_A_WORKBOOK}：${why}；请下载并填写门户提供的录入模板` }], notWorkbook: true });
  if (buffer.length < 4 || buffer[0] !== 0x50 || buffer[1] !== 0x4b || buffer[2] !== 0x03 || buffer[3] !== 0x04)
    return notWorkbook(buffer[0] === 0xd0 && buffer[1] === 0xcf ? '它是旧版 Office 文件（如 .doc、.xls），不是 .xlsx 格式' : '它不是 Excel（.xlsx）格式');
  // A Word or PowerPoint file renamed .xlsx is a zip too, but without a workbook part.
  if (!hasZipEntry(buffer, 'xl/workbook.xml')) {
    const what = hasZipEntry(buffer, 'word/document.xml') ? '它是 Word 文档' : hasZipEntry(buffer, 'ppt/presentation.xml') ? '它是 PowerPoint 演示文稿' : '其中没有工作簿内容';
    return notWorkbook(`${what}（扩展名虽为 .xlsx）`);
  }
  try {
    wb = XLSX.read(buffer, { type: 'buffer', cellDates: true, cellFormula: false, cellHTML: false, sheetRows: MAX_DATA_ROWS + 1 });
  } catch (e) {
    return notWorkbook(`文件已损坏（${(e as Error).message}）`);
  }
  const errors: CellError[] = [];
  const err = (sheet: string, row: number, column: string, message: string) => errors.push({ sheet, row, column, message });

  const sheetRows = (name: string, required: boolean): Raw[][] | undefined => {
    const ws = wb.Sheets[name];
    if (!ws) {
      if (required) err(name, 0, '', `缺少工作表“${name}”；请使用门户提供的录入模板`);
      return undefined;
    }
    return XLSX.utils.sheet_to_json<Raw[]>(ws, { header: 1, raw: true, defval: undefined, blankrows: true });
  };

  /** Key/value sheet → value by label, with the row it was found on. */
  const keyValues = (name: string, fields: readonly { key: string; label: string }[], required: boolean) => {
    const out = new Map<string, { value: Raw; row: number }>();
    const rows = sheetRows(name, required) ?? [];
    const byLabel = new Map(fields.map((f) => [f.label, f.key]));
    rows.forEach((r, i) => {
      const key = byLabel.get(text(r[0]));
      if (key) out.set(key, { value: r[1], row: i + 1 });
    });
    return out;
  };

  /** Table sheet → records with their Excel row numbers; the header row must match the layout. */
  const table = (name: string, columns: Column[], required: boolean) => {
    const rows = sheetRows(name, required);
    if (!rows) return [];
    const head = (rows[0] ?? []).map((h) => text(h).replace(/\s*\*$/, ''));
    const index = new Map<string, number>();
    columns.forEach((c) => {
      const at = head.indexOf(c.header);
      if (at < 0) err(name, 1, '', `表头缺少“${c.header}”列`);
      else index.set(c.key, at);
    });
    const out: { row: number; get: (k: string) => Raw; col: (k: string) => string }[] = [];
    rows.slice(1).forEach((r, i) => {
      if (r.every((v) => text(v) === '')) return;
      out.push({ row: i + 2, get: (k) => (index.has(k) ? r[index.get(k)!] : undefined), col: (k) => XLSX.utils.encode_col(index.get(k) ?? 0) });
    });
    if (rows.length > MAX_DATA_ROWS) err(name, MAX_DATA_ROWS + 1, '', `行数超过上限 ${MAX_DATA_ROWS}`);
    return out;
  };

  /** An amount cell → yuan string with two decimals, or an error naming the cell. */
  const amount = (sheet: string, row: number, column: string, header: string, v: Raw, required: boolean): string | undefined => {
    const t = text(v);
    if (t === '') {
      if (required) err(sheet, row, column, `“${header}”未填写`);
      return undefined;
    }
    if (typeof v === 'number' || /^[+-]?[\d,，]+(\.\d*)?$/.test(t)) {
      try {
        const fen = yuanToFen(typeof v === 'number' ? v : t.replace(/[,，]/g, ''));
        if (fen < 0) {
          err(sheet, row, column, `“${header}”不能为负数（${t}）`);
          return undefined;
        }
        return formatCents(fen, false);
      } catch (e) {
        if (e instanceof MoneyError) {
          err(sheet, row, column, `“${header}”${t} 不是以元为单位、最多两位小数的金额`);
          return undefined;
        }
        throw e;
      }
    }
    err(sheet, row, column, `“${header}”应为数字金额（元），实际是文字“${t.slice(0, 40)}”`);
    return undefined;
  };

  const required = (sheet: string, r: { row: number; get: (k: string) => Raw; col: (k: string) => string }, c: Column): string => {
    const t = text(r.get(c.key));
    if (c.required && t === '') err(sheet, r.row, r.col(c.key), `“${c.header}”未填写`);
    return t;
  };

  // ── 单位信息 ──
  const prof = keyValues(SHEETS.profile, PROFILE_FIELDS, true);
  const pv = (k: string) => text(prof.get(k)?.value);
  const profRow = (k: string) => prof.get(k)?.row ?? 0;
  for (const f of PROFILE_FIELDS) {
    if (!prof.has(f.key) && wb.Sheets[SHEETS.profile]) err(SHEETS.profile, 0, 'A', `缺少“${f.label}”一行`);
    else if (f.required && pv(f.key) === '') err(SHEETS.profile, profRow(f.key), 'B', `“${f.label}”未填写`);
  }
  const yearText = pv('year');
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  if (yearText && !Number.isInteger(year)) err(SHEETS.profile, profRow('year'), 'B', `“预算年度”应为四位年份，实际是“${yearText}”`);
  if (pv('regionCode') && !/^\d{6}$/.test(pv('regionCode'))) err(SHEETS.profile, profRow('regionCode'), 'B', `“行政区划代码”应为 6 位数字，实际是“${pv('regionCode')}”`);
  const kind = pv('kind');
  if (kind && !(UNIT_KIND_NAMES as readonly string[]).includes(kind)) err(SHEETS.profile, profRow('kind'), 'B', `“单位类型”应为 行政 / 事业 / 参公，实际是“${kind}”`);
  const approvalText = pv('approvalDate');
  const approvalDate = approvalText ? calendarDate(approvalText) : undefined;
  if (approvalText && !approvalDate) err(SHEETS.profile, profRow('approvalDate'), 'B', `“预算批复日期”应为日期，如 2025-02-10 或 2025年2月10日，实际是“${approvalText}”`);
  const cat: Catalog = loadCatalog(Number.isInteger(year) ? year : new Date().getFullYear());

  // ── 项目 ──
  const projectRows = table(SHEETS.projects, PROJECT_COLUMNS, true);
  const projectIds = new Set<string>();
  const projects = projectRows.map((r) => {
    const id = required(SHEETS.projects, r, PROJECT_COLUMNS[0]!);
    const name = required(SHEETS.projects, r, PROJECT_COLUMNS[1]!);
    if (id && projectIds.has(id)) err(SHEETS.projects, r.row, r.col('id'), `项目编号“${id}”重复`);
    projectIds.add(id);
    const needs = text(r.get('needsGoals'));
    if (needs && needs !== '是' && needs !== '否') err(SHEETS.projects, r.row, r.col('needsGoals'), `“需设绩效目标”应为 是 / 否，实际是“${needs}”`);
    return {
      id,
      name,
      supervisor: text(r.get('supervisor')),
      implementer: text(r.get('implementer')),
      goal: text(r.get('goal')),
      needsGoals: needs !== '否',
      indicators: [] as NonNullable<BudgetInput['projects']>[number]['indicators'] & object[],
    };
  });
  const projectRef = (sheet: string, row: number, column: string, id: string) => {
    if (id && !projectIds.has(id)) err(sheet, row, column, `项目编号“${id}”在“${SHEETS.projects}”表中不存在`);
  };

  // ── 支出明细 ──
  const codeOf = (v: Raw, digits: number) => /^\d+/.exec(text(v))?.[0] ?? '';
  const lines = table(SHEETS.lines, LINE_COLUMNS, true).map((r) => {
    const S = SHEETS.lines;
    const fnRaw = required(S, r, LINE_COLUMNS[0]!);
    const functionCode = codeOf(r.get('functionCode'), 7);
    if (fnRaw) {
      if (!/^\d{7}$/.test(functionCode)) err(S, r.row, r.col('functionCode'), `功能分类科目编码应为 7 位数字（项），实际是“${fnRaw}”`);
      else if (!cat.function.has(functionCode) && !cat.function.has(functionCode.slice(0, 5)))
        err(S, r.row, r.col('functionCode'), `未知的功能分类科目编码“${functionCode}”：${cat.year} 年科目表中没有该科目或其所属的款`);
    }
    const ecRaw = required(S, r, LINE_COLUMNS[1]!);
    const econCode = codeOf(r.get('econCode'), 5);
    if (ecRaw) {
      if (!/^3\d{4}$/.test(econCode)) err(S, r.row, r.col('econCode'), `部门经济分类科目编码应为以 3 开头的 5 位数字（款），实际是“${ecRaw}”`);
      else if (!cat.deptEcon.has(econCode) && !cat.deptEcon.has(econCode.slice(0, 3))) err(S, r.row, r.col('econCode'), `未知的部门经济分类科目编码“${econCode}”`);
    }
    const kindName = required(S, r, LINE_COLUMNS[2]!);
    const kind = LINE_KINDS_BY_NAME.get(kindName);
    if (kindName && !kind) err(S, r.row, r.col('kind'), `“支出类型”应为 人员经费 / 公用经费 / 项目支出，实际是“${kindName}”`);
    const sourceName = text(r.get('source'));
    const source = sourceName ? SOURCES_BY_NAME.get(sourceName) : 'general';
    if (!source) err(S, r.row, r.col('source'), `未知的资金来源“${sourceName}”`);
    const projectId = text(r.get('projectId'));
    if (kind === 'project' && !projectId) err(S, r.row, r.col('projectId'), '项目支出必须填写项目编号');
    if (kind && kind !== 'project' && projectId) err(S, r.row, r.col('projectId'), `${kindName}不属于项目，项目编号应留空`);
    projectRef(S, r.row, r.col('projectId'), projectId);
    const amt = amount(S, r.row, r.col('amount'), '金额（元）', r.get('amount'), true);
    const unit = text(r.get('unit'));
    const note = text(r.get('note'));
    return {
      functionCode,
      econCode,
      kind: (kind ?? 'public') as LineKind,
      source: (source ?? 'general') as FundingSource,
      ...(projectId ? { projectId } : {}),
      amount: amt ?? '0',
      ...(unit ? { unit } : {}),
      ...(note ? { note } : {}),
      _row: r.row,
    };
  });
  if (lines.length === 0 && wb.Sheets[SHEETS.lines]) err(SHEETS.lines, 2, '', '至少需要一条支出明细');

  // ── 绩效指标 ──
  const overallIndicators: NonNullable<BudgetInput['overallGoal']>['indicators'] & object[] = [];
  for (const r of table(SHEETS.indicators, INDICATOR_COLUMNS, true)) {
    const S = SHEETS.indicators;
    const owner = required(S, r, INDICATOR_COLUMNS[0]!);
    const [l1, l2, l3] = [1, 2, 3].map((i) => required(S, r, INDICATOR_COLUMNS[i]!));
    const op = text(r.get('operator'));
    if (op && !OPERATOR_CHOICES.includes(op)) err(S, r.row, r.col('operator'), `“符号”应为 = ≥ ≤ > < 之一，实际是“${op}”`);
    const ind = { level1: l1!, level2: l2!, level3: l3!, operator: (op || '') as '=', value: text(r.get('value')), unit: text(r.get('unit')), deadline: text(r.get('deadline')) };
    if (owner === '整体') overallIndicators.push(ind);
    else if (owner) {
      const p = projects.find((x) => x.id === owner);
      if (!p) err(S, r.row, r.col('owner'), `项目编号“${owner}”在“${SHEETS.projects}”表中不存在`);
      else p.indicators.push(ind);
    }
  }

  // ── 政府采购 / 购买服务 / 债务 / 整体绩效任务 ──
  const procurement = table(SHEETS.procurement, PROCUREMENT_COLUMNS, false).map((r) => {
    const S = SHEETS.procurement;
    const name = required(S, r, PROCUREMENT_COLUMNS[0]!);
    const catName = required(S, r, PROCUREMENT_COLUMNS[1]!);
    const category = CATEGORIES_BY_NAME.get(catName);
    if (catName && !category) err(S, r.row, r.col('category'), `“采购类别”应为 货物 / 服务 / 工程，实际是“${catName}”`);
    const sourceName = text(r.get('source'));
    const source = sourceName ? SOURCES_BY_NAME.get(sourceName) : 'general';
    if (!source) err(S, r.row, r.col('source'), `未知的资金来源“${sourceName}”`);
    const projectId = text(r.get('projectId'));
    projectRef(S, r.row, r.col('projectId'), projectId);
    return {
      name,
      category: category ?? 'goods',
      amount: amount(S, r.row, r.col('amount'), '金额（元）', r.get('amount'), true) ?? '0',
      source: source ?? 'general',
      ...(projectId ? { projectId } : {}),
    };
  });
  const purchasedServices = table(SHEETS.services, SERVICE_COLUMNS, false).map((r) => {
    const S = SHEETS.services;
    const projectId = text(r.get('projectId'));
    projectRef(S, r.row, r.col('projectId'), projectId);
    return {
      name: required(S, r, SERVICE_COLUMNS[0]!),
      category: text(r.get('category')),
      amount: amount(S, r.row, r.col('amount'), '金额（元）', r.get('amount'), true) ?? '0',
      ...(projectId ? { projectId } : {}),
    };
  });
  const debt = table(SHEETS.debt, DEBT_COLUMNS, false).map((r) => {
    const S = SHEETS.debt;
    const fc = codeOf(r.get('functionCode'), 7);
    if (text(r.get('functionCode')) && !/^\d{7}$/.test(fc)) err(S, r.row, r.col('functionCode'), `功能分类科目编码应为 7 位数字，实际是“${text(r.get('functionCode'))}”`);
    return { name: required(S, r, DEBT_COLUMNS[0]!), ...(fc ? { functionCode: fc } : {}), amount: amount(S, r.row, r.col('amount'), '金额（元）', r.get('amount'), true) ?? '0' };
  });
  const tasks = table(SHEETS.tasks, TASK_COLUMNS, false).map((r) => ({
    name: required(SHEETS.tasks, r, TASK_COLUMNS[0]!),
    project: text(r.get('project')),
    amount: amount(SHEETS.tasks, r.row, r.col('amount'), '金额（元）', r.get('amount'), true) ?? '0',
  }));

  // ── 上年数 / 变动原因 ──
  const prior = keyValues(SHEETS.prior, PRIOR_FIELDS, false);
  const pa = (k: string) => {
    const f = prior.get(k);
    return f ? amount(SHEETS.prior, f.row, 'B', PRIOR_FIELDS.find((x) => x.key === k)!.label, f.value, false) : undefined;
  };
  const tpKeys = ['abroad', 'vehiclePurchase', 'vehicleRunning', 'reception'] as const;
  const tp = Object.fromEntries(tpKeys.map((k) => [k, pa(`tp.${k}`)]).filter(([, v]) => v !== undefined));
  const priorOut = Object.fromEntries((['total', 'basic', 'project', 'operatingCost', 'procurement'] as const).map((k) => [k, pa(k)]).filter(([, v]) => v !== undefined));
  const reasonsKv = keyValues(SHEETS.reasons, REASON_FIELDS, false);
  const reasons = Object.fromEntries(REASON_FIELDS.map((f) => [f.key, text(reasonsKv.get(f.key)?.value)]));

  if (errors.length) return { errors };

  const budget: BudgetInput = {
    year,
    ...(approvalDate ? { approvalDate } : {}),
    scope: 'unit',
    unit: {
      code: pv('code'),
      name: pv('name'),
      regionCode: pv('regionCode'),
      kind: kind as BudgetInput['unit']['kind'],
      supervisor: pv('supervisor'),
      dutiesIntro: pv('dutiesIntro'),
      duties: splitLines(pv('duties')),
      organisation: pv('organisation'),
      unitsIncluded: splitLines(pv('unitsIncluded')),
    },
    lines: lines.map(({ _row, ...l }) => l),
    projects,
    overallGoal: { tasks, goals: pv('overallGoals'), indicators: overallIndicators },
    procurement,
    purchasedServices,
    debt,
    prior: { ...priorOut, ...(Object.keys(tp).length ? { threePublic: tp } : {}) },
    reasons,
  };
  // The schema and catalog checks; their paths map back to the rows they came from.
  const v = validateBudget(budget, { catalog: cat });
  if (v.errors.length) {
    return {
      errors: v.errors.map((e) => {
        const m = /^lines\[(\d+)\]/.exec(e.path);
        const row = m ? (lines[Number(m[1])]?._row ?? 0) : 0;
        return { sheet: m ? SHEETS.lines : '', row, column: '', message: `数据校验未通过（${e.path}）：${e.message}` };
      }),
    };
  }
  return { budget };
}

function splitLines(s: string): string[] {
  return s
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** "支出明细 第 5 行 F 列：…" */
export function formatCellError(e: CellError): string {
  const where = [e.sheet && `“${e.sheet}”`, e.row ? `第 ${e.row} 行` : '', e.column ? `${e.column} 列` : ''].filter(Boolean).join(' ');
  return where ? `${where}：${e.message}` : e.message;
}
