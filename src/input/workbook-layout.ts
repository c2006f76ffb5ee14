/**
 * The Excel input workbook (预算录入工作簿): sheet names, column headers and the Chinese names of
 * enumerated values. The writer (template download) and the reader share this one description.
 */
import { FUNDING_SOURCE_NAMES, UNIT_KINDS, type FundingSource, type LineKind } from '../core/budget.ts';

export const SHEETS = {
  guide: '填表说明',
  profile: '单位信息',
  lines: '支出明细',
  projects: '项目',
  indicators: '绩效指标',
  procurement: '政府采购',
  services: '购买服务',
  debt: '债务',
  prior: '上年数',
  reasons: '变动原因',
  tasks: '整体绩效任务',
  codes: '科目代码',
  lists: '代码表',
} as const;

/** The 填表说明 sheet, one paragraph a row. */
export const GUIDE_LINES = [
  '一、本工作簿用于录入部门（单位）预算数据。填好后在预算公开平台的“编制”页面上传，平台据此生成全部公开表格、情况说明和名词解释，并逐项检查。',
  '二、填写顺序：先填“单位信息”，再填“支出明细”（每一行是一笔支出：功能分类科目、部门经济分类科目、支出类型、资金来源、金额），然后填“项目”“绩效指标”“政府采购”“购买服务”“债务”“上年数”“变动原因”“整体绩效任务”。',
  '三、表头带 * 的列为必填列；不适用的工作表留空即可，不要删除工作表或改动表头。',
  '四、金额一律以“元”为单位，最多两位小数，不能为负数；公开表格中的“万元”由平台换算，不要自行换算。',
  '五、“功能分类科目编码”填 7 位的项级编码，“部门经济分类科目编码”填 5 位的款级编码；可从下拉列表选择（列表中的编码后附有所属的类、款名称），也可直接输入编码。全部科目及其所属类、款见“科目代码”工作表。',
  '六、支出类型：人员经费、公用经费为基本支出，项目支出须在“项目编号”列填写“项目”表中的项目编号。',
  '七、“预算批复日期”可写 2025-02-10、2025/2/10 或 2025年2月10日；平台据此计算是否在批复后 20 日内公开。',
  '八、“主要职责”“预算单位构成”每行写一条（单元格内换行：Alt+Enter）。',
  '九、以 = + - @ 开头的文字在电子表格中会被当作公式，请避免；平台生成的公开文件会把这类文字作为文字保存，并在检查结果中提示。',
  '十、上传后如有错误，平台会指出工作表、行和列，草稿不会被改动；改正后重新上传即可。',
];

/** Key/value sheets: column A label, column B value; rows found by label. */
export const PROFILE_FIELDS = [
  { key: 'code', label: '单位编码', required: true },
  { key: 'name', label: '单位名称', required: true },
  { key: 'regionCode', label: '行政区划代码', required: true },
  { key: 'kind', label: '单位类型', required: true },
  { key: 'supervisor', label: '主管部门', required: true },
  { key: 'year', label: '预算年度', required: true },
  { key: 'approvalDate', label: '预算批复日期', required: false },
  { key: 'dutiesIntro', label: '职责概述', required: false },
  { key: 'duties', label: '主要职责（每行一条）', required: false },
  { key: 'organisation', label: '机构设置', required: false },
  { key: 'unitsIncluded', label: '预算单位构成（每行一个）', required: false },
  { key: 'overallGoals', label: '整体绩效目标', required: false },
] as const;

export const PRIOR_FIELDS = [
  { key: 'total', label: '上年支出合计（元）' },
  { key: 'basic', label: '上年基本支出（元）' },
  { key: 'project', label: '上年项目支出（元）' },
  { key: 'tp.abroad', label: '上年因公出国（境）费（元）' },
  { key: 'tp.vehiclePurchase', label: '上年公务用车购置费（元）' },
  { key: 'tp.vehicleRunning', label: '上年公务用车运行费（元）' },
  { key: 'tp.reception', label: '上年公务接待费（元）' },
  { key: 'operatingCost', label: '上年运行经费（元）' },
  { key: 'procurement', label: '上年政府采购（元）' },
] as const;

export const REASON_FIELDS = [
  { key: 'total', label: '支出总额增减原因' },
  { key: 'threePublic', label: '“三公”经费增减原因' },
  { key: 'abroad', label: '因公出国（境）费增减原因' },
  { key: 'reception', label: '公务接待费增减原因' },
  { key: 'vehicle', label: '公务用车费增减原因' },
  { key: 'operatingCost', label: '运行经费增减原因' },
] as const;

/** Table sheets: header row 1, data from row 2. `list` names a validation list of the 代码表 sheet. */
export interface Column {
  key: string;
  header: string;
  width: number;
  required?: boolean;
  amount?: boolean;
  list?: keyof typeof LIST_COLUMNS;
}

export const LINE_COLUMNS: Column[] = [
  { key: 'functionCode', header: '功能分类科目编码', width: 18, required: true, list: 'function' },
  { key: 'econCode', header: '部门经济分类科目编码', width: 20, required: true, list: 'econ' },
  { key: 'kind', header: '支出类型', width: 12, required: true, list: 'lineKind' },
  { key: 'source', header: '资金来源', width: 24, list: 'source' },
  { key: 'projectId', header: '项目编号', width: 12 },
  { key: 'amount', header: '金额（元）', width: 16, required: true, amount: true },
  { key: 'unit', header: '所属单位编码', width: 14 },
  { key: 'note', header: '备注', width: 24 },
];

export const PROJECT_COLUMNS: Column[] = [
  { key: 'id', header: '项目编号', width: 12, required: true },
  { key: 'name', header: '项目名称', width: 30, required: true },
  { key: 'supervisor', header: '主管部门', width: 24 },
  { key: 'implementer', header: '实施单位', width: 24 },
  { key: 'goal', header: '项目总体目标', width: 50 },
  { key: 'needsGoals', header: '需设绩效目标（是/否）', width: 12, list: 'yesNo' },
];

export const INDICATOR_COLUMNS: Column[] = [
  { key: 'owner', header: '所属（项目编号或“整体”）', width: 16, required: true },
  { key: 'level1', header: '一级指标', width: 14, required: true },
  { key: 'level2', header: '二级指标', width: 16, required: true },
  { key: 'level3', header: '三级指标', width: 30, required: true },
  { key: 'operator', header: '符号', width: 8, list: 'operator' },
  { key: 'value', header: '指标值', width: 12 },
  { key: 'unit', header: '计量单位', width: 10 },
  { key: 'deadline', header: '完成时限', width: 12 },
];

export const PROCUREMENT_COLUMNS: Column[] = [
  { key: 'name', header: '采购项目', width: 30, required: true },
  { key: 'category', header: '采购类别', width: 10, required: true, list: 'procurementCategory' },
  { key: 'amount', header: '金额（元）', width: 16, required: true, amount: true },
  { key: 'source', header: '资金来源', width: 24, list: 'source' },
  { key: 'projectId', header: '项目编号', width: 12 },
];

export const SERVICE_COLUMNS: Column[] = [
  { key: 'name', header: '项目名称', width: 30, required: true },
  { key: 'category', header: '服务类别', width: 20 },
  { key: 'amount', header: '金额（元）', width: 16, required: true, amount: true },
  { key: 'projectId', header: '项目编号', width: 12 },
];

export const DEBT_COLUMNS: Column[] = [
  { key: 'name', header: '项目名称', width: 30, required: true },
  { key: 'functionCode', header: '功能分类科目编码', width: 18, list: 'function' },
  { key: 'amount', header: '金额（元）', width: 16, required: true, amount: true },
];

export const TASK_COLUMNS: Column[] = [
  { key: 'name', header: '任务名称', width: 30, required: true },
  { key: 'project', header: '对应项目', width: 20 },
  { key: 'amount', header: '金额（元）', width: 16, required: true, amount: true },
];

export const LINE_KIND_NAMES: Record<LineKind, string> = { personnel: '人员经费', public: '公用经费', project: '项目支出' };
export const PROCUREMENT_CATEGORY_NAMES = { goods: '货物', services: '服务', works: '工程' } as const;
export const SOURCE_NAMES: Record<FundingSource, string> = FUNDING_SOURCE_NAMES;

/** Columns of the 代码表 sheet feeding the validation lists. */
export const LIST_COLUMNS = {
  function: 'A',
  econ: 'B',
  lineKind: 'C',
  source: 'D',
  procurementCategory: 'E',
  operator: 'F',
  yesNo: 'G',
  unitKind: 'H',
} as const;

export const UNIT_KIND_NAMES = UNIT_KINDS;
export const OPERATOR_CHOICES = ['=', '>=', '<=', '>', '<', '≥', '≤'];
