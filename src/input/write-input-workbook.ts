/**
 * Writes the Excel input workbook: the empty template offered for download, or the same workbook
 * filled from a budget (JSON, amounts in yuan) so an officer can edit last year's figures.
 * Code, kind and source columns carry data-validation lists fed by the hidden 代码表 sheet.
 */
import ExcelJS from 'exceljs';
import type { BudgetInput, FundingSource, LineKind } from '../core/budget.ts';
import { loadCatalog } from '../core/catalog.ts';
import { formatCents, yuanToFen } from '../core/money.ts';
import {
  DEBT_COLUMNS,
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
type Cell = string | number | undefined;

/** Yuan amount (string or number) as an Excel number, exact to the fen it prints. */
function amountCell(v: string | number | undefined): Cell {
  if (v === undefined || v === '') return undefined;
  return Number(formatCents(yuanToFen(v), false));
}

/** A formula-looking text is written as text so Excel never evaluates user input. */
function textCell(v: unknown): Cell {
  if (v === undefined || v === null) return undefined;
  return String(v);
}

export async function writeInputWorkbook(budget?: BudgetInput, opts: { year?: number } = {}): Promise<Buffer> {
  const year = budget?.year ?? opts.year ?? new Date().getFullYear();
  const cat = loadCatalog(year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';

  const header = { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } } as const;

  const lists = {
    function: [...cat.function.values()].filter((e) => e.level === 3).map((e) => `${e.code} ${e.name}`),
    econ: [...cat.deptEcon.values()].filter((e) => e.level === 2).map((e) => `${e.code} ${e.name}`),
    lineKind: Object.values(LINE_KIND_NAMES),
    source: Object.values(SOURCE_NAMES),
    procurementCategory: Object.values(PROCUREMENT_CATEGORY_NAMES),
    operator: OPERATOR_CHOICES,
    yesNo: ['是', '否'],
    unitKind: [...UNIT_KIND_NAMES],
  };
  const listRange = (k: keyof typeof LIST_COLUMNS) => `${SHEETS.lists}!$${LIST_COLUMNS[k]}$2:$${LIST_COLUMNS[k]}$${lists[k].length + 1}`;

  const keyValueSheet = (name: string, fields: readonly { key: string; label: string }[], values: Record<string, Cell>, note: string) => {
    const ws = wb.addWorksheet(name);
    ws.columns = [
      { header: '项目', width: 30 },
      { header: '内容', width: 80 },
    ];
    ws.getRow(1).font = header.font;
    fields.forEach((f, i) => {
      const row = ws.getRow(i + 2);
      row.getCell(1).value = f.label;
      const v = values[f.key];
      if (v !== undefined) row.getCell(2).value = v;
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    });
    ws.getRow(fields.length + 3).getCell(1).value = note;
    ws.getRow(fields.length + 3).getCell(1).font = { italic: true, color: { argb: 'FF666666' } };
    return ws;
  };

  const tableSheet = (name: string, columns: Column[], rows: Record<string, Cell>[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ header: c.header + (c.required ? ' *' : ''), key: c.key, width: c.width }));
    ws.getRow(1).font = header.font;
    ws.getRow(1).eachCell((c) => (c.fill = header.fill));
    for (const r of rows) ws.addRow(r);
    columns.forEach((c, i) => {
      const letter = ws.getColumn(i + 1).letter;
      if (c.amount) ws.getColumn(i + 1).numFmt = '#,##0.00';
      if (c.list)
        (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${MAX_ROWS}`, {
          type: 'list',
          allowBlank: true,
          formulae: [listRange(c.list)],
          showErrorMessage: true,
          errorStyle: c.list === 'function' || c.list === 'econ' ? 'warning' : 'stop',
          errorTitle: '不在列表中',
          error: c.list === 'function' || c.list === 'econ' ? '该编码不在内置科目表中；请核对（可继续录入）。' : '请从下拉列表中选择。',
        });
      if (c.amount)
        (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${MAX_ROWS}`, {
          type: 'decimal',
          operator: 'greaterThanOrEqual',
          allowBlank: true,
          formulae: [0],
          showErrorMessage: true,
          errorTitle: '金额',
          error: '请输入以元为单位、最多两位小数的非负数。',
        });
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
        year: budget.year,
        approvalDate: budget.approvalDate,
        dutiesIntro: u.dutiesIntro,
        duties: (u.duties ?? []).join('\n'),
        organisation: u.organisation,
        unitsIncluded: (u.unitsIncluded ?? []).join('\n'),
        overallGoals: budget.overallGoal?.goals,
      }
    : { year };
  const profile = keyValueSheet(SHEETS.profile, PROFILE_FIELDS, profileValues, '带 * 的表头为必填列；金额一律以“元”为单位。单位类型：行政 / 事业 / 参公。');
  (profile as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`B${PROFILE_FIELDS.findIndex((f) => f.key === 'kind') + 2}`, {
    type: 'list',
    allowBlank: false,
    formulae: [listRange('unitKind')],
    showErrorMessage: true,
    error: '请选择 行政 / 事业 / 参公。',
  });

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
    (budget?.procurement ?? []).map((p) => ({ name: p.name, category: PROCUREMENT_CATEGORY_NAMES[p.category], amount: amountCell(p.amount), source: SOURCE_NAMES[(p.source ?? 'general') as FundingSource], projectId: p.projectId })),
  );
  tableSheet(SHEETS.services, SERVICE_COLUMNS, (budget?.purchasedServices ?? []).map((s) => ({ name: s.name, category: s.category, amount: amountCell(s.amount), projectId: s.projectId })));
  tableSheet(SHEETS.debt, DEBT_COLUMNS, (budget?.debt ?? []).map((d) => ({ name: d.name, functionCode: d.functionCode, amount: amountCell(d.amount) })));

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
  tableSheet(SHEETS.tasks, TASK_COLUMNS, (budget?.overallGoal?.tasks ?? []).map((t) => ({ name: t.name, project: t.project, amount: amountCell(t.amount) })));

  const ls = wb.addWorksheet(SHEETS.lists, { state: 'hidden' });
  const listHeaders = { function: '功能分类（项）', econ: '部门经济分类（款）', lineKind: '支出类型', source: '资金来源', procurementCategory: '采购类别', operator: '符号', yesNo: '是否', unitKind: '单位类型' };
  for (const [k, col] of Object.entries(LIST_COLUMNS) as [keyof typeof LIST_COLUMNS, string][]) {
    ls.getCell(`${col}1`).value = listHeaders[k];
    lists[k].forEach((v, i) => (ls.getCell(`${col}${i + 2}`).value = v));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
