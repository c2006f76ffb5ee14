/**
 * Writes the Excel input workbook: the empty template offered for download, or the same workbook
 * filled from a budget (JSON, amounts in yuan) so an officer can edit last year's figures. Written
 * by our own SpreadsheetML writer (src/render/xlsx-writer.ts): a 填表说明 sheet first, code, kind
 * and source columns with data-validation lists fed by the hidden 代码表 sheet (function and
 * economic codes shown with their 类/款 names), and a visible 科目代码 sheet listing every code of
 * the year's catalogue with its class context.
 */
import type { BudgetInput, FundingSource, LineKind } from '../core/budget.ts';
import { loadCatalog, type CatalogEntry } from '../core/catalog.ts';
import { formatCents, yuanToFen } from '../core/money.ts';
import { columnName, WorkbookBuilder, XF, type SheetBuilder, type StyleId } from '../render/xlsx-writer.ts';
import {
  DEBT_COLUMNS,
  GUIDE_LINES,
  INDICATOR_COLUMNS,
  LINE_COLUMNS,
  LINE_KIND_NAMES,
  LIST_COLUMNS,
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

const MAX_ROWS = 2000;
/** A cell: text, or an exact decimal string written as a number ({ n: "1234.50" }). */
type Cell = string | { n: string } | undefined;

/** Yuan amount (string or number) as an Excel number, exact to the fen it prints. */
function amountCell(v: string | number | undefined): Cell {
  if (v === undefined || v === '') return undefined;
  return { n: formatCents(yuanToFen(v), false) };
}

function textCell(v: unknown): Cell {
  if (v === undefined || v === null) return undefined;
  return String(v);
}

function put(ws: SheetBuilder, r: number, c: number, v: Cell | number, style: StyleId = XF.plain) {
  if (v === undefined || v === '') return;
  if (typeof v === 'string') ws.text(r, c, v, style);
  else if (typeof v === 'number') ws.text(r, c, String(v), style);
  else ws.number(r, c, v.n, style === XF.plain ? XF.number : style);
}

/** "2010350 事业运行（201 一般公共服务支出 / 20103 政府办公厅（室）及相关机构事务）": the code with its class context. */
function withContext(e: CatalogEntry, all: Map<string, CatalogEntry>): string {
  const chain: string[] = [];
  for (let p = all.get(e.parent); p; p = all.get(p.parent)) chain.unshift(`${p.code} ${p.name}`);
  return chain.length ? `${e.code} ${e.name}（${chain.join(' / ')}）` : `${e.code} ${e.name}`;
}

const byCode = (a: CatalogEntry, b: CatalogEntry) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export async function writeInputWorkbook(budget?: BudgetInput, opts: { year?: number } = {}): Promise<Buffer> {
  const year = budget?.year ?? opts.year ?? new Date().getFullYear();
  const cat = loadCatalog(year);
  const wb = new WorkbookBuilder({ title: `${year}年预算录入工作簿`, creator: 'Gongkai' });
  const functions = [...cat.function.values()].sort(byCode);
  const econs = [...cat.deptEcon.values()].sort(byCode);

  const lists = {
    function: functions.filter((e) => e.level === 3).map((e) => withContext(e, cat.function)),
    econ: econs.filter((e) => e.level === 2).map((e) => withContext(e, cat.deptEcon)),
    lineKind: Object.values(LINE_KIND_NAMES),
    source: Object.values(SOURCE_NAMES),
    procurementCategory: Object.values(PROCUREMENT_CATEGORY_NAMES),
    operator: OPERATOR_CHOICES,
    yesNo: ['是', '否'],
    unitKind: [...UNIT_KIND_NAMES],
  };
  const listSource = (k: keyof typeof LIST_COLUMNS) => ({ sheet: SHEETS.lists, range: `$${LIST_COLUMNS[k]}$2:$${LIST_COLUMNS[k]}$${lists[k].length + 1}` });

  // 填表说明 first: what to fill in, where, and how amounts and codes are written.
  const guide = wb.addSheet(SHEETS.guide, { landscape: false });
  guide.width(1, 100);
  guide.text(1, 1, `${year}年部门（单位）预算录入工作簿 · 填表说明`, XF.heading);
  GUIDE_LINES.forEach((line, i) => guide.text(i + 3, 1, line, XF.topWrap));

  const keyValueSheet = (name: string, fields: readonly { key: string; label: string }[], values: Record<string, Cell>, note: string) => {
    const ws = wb.addSheet(name, { landscape: false });
    ws.width(1, 30);
    ws.width(2, 80);
    ws.text(1, 1, '项目', XF.head);
    ws.text(1, 2, '内容', XF.head);
    fields.forEach((f, i) => {
      ws.text(i + 2, 1, f.label, XF.topWrapBold);
      put(ws, i + 2, 2, values[f.key], XF.topWrap);
    });
    ws.text(fields.length + 3, 1, note, XF.plain);
    return ws;
  };

  const tableSheet = (name: string, columns: Column[], rows: Record<string, Cell>[]) => {
    const ws = wb.addSheet(name, { landscape: true });
    ws.frozenRows = 1;
    columns.forEach((c, i) => {
      ws.width(i + 1, c.width);
      ws.text(1, i + 1, c.header + (c.required ? ' *' : ''), XF.head);
    });
    rows.forEach((r, j) => columns.forEach((c, i) => put(ws, j + 2, i + 1, r[c.key], c.amount ? XF.number : XF.plain)));
    columns.forEach((c, i) => {
      const range = `${columnName(i + 1)}2:${columnName(i + 1)}${MAX_ROWS}`;
      const codes = c.list === 'function' || c.list === 'econ';
      if (c.list)
        ws.validate(range, {
          type: 'list',
          source: listSource(c.list),
          errorStyle: codes ? 'warning' : 'stop',
          errorTitle: '不在列表中',
          error: codes ? '该编码不在内置科目表中；请核对（可继续录入）。' : '请从下拉列表中选择。',
        });
      if (c.amount) ws.validate(range, { type: 'decimal', min: '0', errorTitle: '金额', error: '请输入以元为单位、最多两位小数的非负数。' });
    });
    return ws;
  };
  const u = budget?.unit;
  const profileValues: Record<string, Cell> = u
    ? {
        code: u.code,
        name: u.name,
        regionCode: u.regionCode,
        kind: u.kind,
        supervisor: u.supervisor,
        year: { n: String(budget.year) },
        approvalDate: budget.approvalDate,
        dutiesIntro: u.dutiesIntro,
        duties: (u.duties ?? []).join('\n'),
        organisation: u.organisation,
        unitsIncluded: (u.unitsIncluded ?? []).join('\n'),
        overallGoals: budget.overallGoal?.goals,
      }
    : { year: { n: String(year) } };
  const profile = keyValueSheet(SHEETS.profile, PROFILE_FIELDS, profileValues, '带 * 的表头为必填列；金额一律以“元”为单位。单位类型：行政 / 事业 / 参公。');
  const kindRow = PROFILE_FIELDS.findIndex((f) => f.key === 'kind') + 2;
  profile.validate(`B${kindRow}`, { type: 'list', source: listSource('unitKind'), allowBlank: false, error: '请选择 行政 / 事业 / 参公。' });

  tableSheet(
    SHEETS.lines,
    LINE_COLUMNS,
    (budget?.lines ?? []).map((l) => ({
      functionCode: l.functionCode,
      econCode: l.econCode,
      kind: LINE_KIND_NAMES[l.kind as LineKind],
      source: SOURCE_NAMES[(l.source ?? 'general') as FundingSource],
      projectId: l.projectId,
      amount: amountCell(l.amount),
      unit: l.unit,
      note: textCell(l.note),
    })),
  );
  tableSheet(
    SHEETS.projects,
    PROJECT_COLUMNS,
    (budget?.projects ?? []).map((p) => ({ id: p.id, name: p.name, supervisor: p.supervisor, implementer: p.implementer, goal: p.goal, needsGoals: p.needsGoals === false ? '否' : '是' })),
  );
  const indicatorRows: Record<string, Cell>[] = [];
  for (const i of budget?.overallGoal?.indicators ?? []) indicatorRows.push({ owner: '整体', ...i });
  for (const p of budget?.projects ?? []) for (const i of p.indicators ?? []) indicatorRows.push({ owner: p.id, ...i });
  tableSheet(SHEETS.indicators, INDICATOR_COLUMNS, indicatorRows);
  tableSheet(
    SHEETS.procurement,
    PROCUREMENT_COLUMNS,
    (budget?.procurement ?? []).map((p) => ({
      name: p.name,
      category: PROCUREMENT_CATEGORY_NAMES[p.category],
      amount: amountCell(p.amount),
      source: SOURCE_NAMES[(p.source ?? 'general') as FundingSource],
      projectId: p.projectId,
    })),
  );
  tableSheet(
    SHEETS.services,
    SERVICE_COLUMNS,
    (budget?.purchasedServices ?? []).map((s) => ({ name: s.name, category: s.category, amount: amountCell(s.amount), projectId: s.projectId })),
  );
  tableSheet(
    SHEETS.debt,
    DEBT_COLUMNS,
    (budget?.debt ?? []).map((d) => ({ name: d.name, functionCode: d.functionCode, amount: amountCell(d.amount) })),
  );

  const p = budget?.prior ?? {};
  const priorValues: Record<string, Cell> = {
    total: amountCell(p.total),
    basic: amountCell(p.basic),
    project: amountCell(p.project),
    'tp.abroad': amountCell(p.threePublic?.abroad),
    'tp.vehiclePurchase': amountCell(p.threePublic?.vehiclePurchase),
    'tp.vehicleRunning': amountCell(p.threePublic?.vehicleRunning),
    'tp.reception': amountCell(p.threePublic?.reception),
    operatingCost: amountCell(p.operatingCost),
    procurement: amountCell(p.procurement),
  };
  keyValueSheet(SHEETS.prior, PRIOR_FIELDS, priorValues, '上年数用于计算增减额和增减幅度；未知的留空。');
  keyValueSheet(SHEETS.reasons, REASON_FIELDS, { ...(budget?.reasons ?? {}) } as Record<string, Cell>, '增减原因写入情况说明。');
  tableSheet(
    SHEETS.tasks,
    TASK_COLUMNS,
    (budget?.overallGoal?.tasks ?? []).map((t) => ({ name: t.name, project: t.project, amount: amountCell(t.amount) })),
  );

  // Every code of the year's catalogue with its 类/款/项 names, for reading (not a validation source).
  const codes = wb.addSheet(SHEETS.codes, { landscape: true });
  codes.frozenRows = 1;
  ['科目类别', '科目编码', '科目名称', '级次', '类', '款'].forEach((h, i) => codes.text(1, i + 1, h, XF.head));
  [14, 12, 36, 6, 28, 36].forEach((w, i) => codes.width(i + 1, w));
  let row = 2;
  for (const [kind, entries, all, levels] of [
    ['支出功能分类', functions, cat.function, ['类', '款', '项']],
    ['部门预算支出经济分类', econs, cat.deptEcon, ['类', '款']],
  ] as const) {
    for (const e of entries) {
      const chain: CatalogEntry[] = [];
      for (let p = all.get(e.parent); p; p = all.get(p.parent)) chain.unshift(p);
      [kind, e.code, e.name, levels[e.level - 1] ?? '', chain[0] ? `${chain[0].code} ${chain[0].name}` : '', chain[1] ? `${chain[1].code} ${chain[1].name}` : ''].forEach((v, i) =>
        put(codes, row, i + 1, v),
      );
      row++;
    }
  }

  const ls = wb.addSheet(SHEETS.lists, { landscape: false, hidden: true });
  const listHeaders = {
    function: '功能分类（项）',
    econ: '部门经济分类（款）',
    lineKind: '支出类型',
    source: '资金来源',
    procurementCategory: '采购类别',
    operator: '符号',
    yesNo: '是否',
    unitKind: '单位类型',
  };
  for (const [k, col] of Object.entries(LIST_COLUMNS) as [keyof typeof LIST_COLUMNS, string][]) {
    const c = col.charCodeAt(0) - 64;
    ls.text(1, c, listHeaders[k]);
    lists[k].forEach((v, i) => ls.text(i + 2, c, v));
  }
  return wb.toBuffer();
}
