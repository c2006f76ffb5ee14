/**
 * The budget: the one canonical input. A zod schema validates the JSON shape; `parseBudget`
 * (budget-validate.ts) adds the catalog checks and converts amounts to exact fen.
 *
 * Amounts in JSON are yuan (元) as a decimal string ("3580600.00") or a number with at most two
 * decimals; inside the program every amount is integer fen.
 */
import { z } from 'zod';
import type { Fen } from './money.ts';

/** A code of `n` digits; the message completes the field's Chinese label (budget-messages.ts). */
const digits = (n: number) => z.string().regex(new RegExp(`^\\d{${n}}$`), `应为${n}位数字`);

export const FUNCTION_ITEM_CODE = digits(7);
export const DEPT_ECON_CODE = digits(5);

/** Yuan amount in JSON. Converted to fen by budget-validate. */
export const Amount = z.union([z.string(), z.number()]);

export const UNIT_KINDS = ['行政', '事业', '参公'] as const;
export const LINE_KINDS = ['personnel', 'public', 'project'] as const;
export const FUNDING_SOURCES = [
  'general', // 一般公共预算拨款
  'fund', // 政府性基金预算拨款
  'stateCapital', // 国有资本经营预算拨款
  'specialAccount', // 财政专户管理资金
  'operating', // 单位资金: 事业收入
  'business', // 单位资金: 事业单位经营收入
  'superior', // 单位资金: 上级补助收入
  'subordinate', // 单位资金: 附属单位上缴收入
  'other', // 单位资金: 其他收入
  'carryOver', // 上年结转结余
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type LineKind = (typeof LINE_KINDS)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];

export const FUNDING_SOURCE_NAMES: Record<FundingSource, string> = {
  general: '一般公共预算拨款收入',
  fund: '政府性基金预算拨款收入',
  stateCapital: '国有资本经营预算拨款收入',
  specialAccount: '财政专户管理资金收入',
  operating: '事业收入',
  business: '事业单位经营收入',
  superior: '上级补助收入',
  subordinate: '附属单位上缴收入',
  other: '其他收入',
  carryOver: '上年结转结余',
};

export const OPERATORS = ['=', '>=', '<=', '>', '<', '≥', '≤', ''] as const;

export const IndicatorSchema = z.strictObject({
  level1: z.string().min(1),
  level2: z.string().min(1),
  level3: z.string().min(1),
  operator: z.enum(OPERATORS).default(''),
  value: z.string(),
  unit: z.string().default(''),
  deadline: z.string().default(''),
});

export const UnitProfileSchema = z.strictObject({
  code: z.string().min(1),
  name: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/, '应为6位行政区划代码'),
  kind: z.enum(UNIT_KINDS),
  supervisor: z.string().min(1),
  duties: z.array(z.string()).default([]),
  dutiesIntro: z.string().default(''),
  organisation: z.string().default(''),
  unitsIncluded: z.array(z.string()).default([]),
});

export const LineSchema = z.strictObject({
  unit: z.string().optional(),
  functionCode: FUNCTION_ITEM_CODE,
  econCode: DEPT_ECON_CODE,
  govEconCode: digits(5).optional(),
  kind: z.enum(LINE_KINDS),
  source: z.enum(FUNDING_SOURCES).default('general'),
  projectId: z.string().optional(),
  amount: Amount,
  note: z.string().optional(),
});

export const ProjectSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().optional(),
  supervisor: z.string().default(''),
  implementer: z.string().default(''),
  goal: z.string().default(''),
  indicators: z.array(IndicatorSchema).default([]),
  /** Projects that must carry performance goals (default: all). */
  needsGoals: z.boolean().default(true),
});

export const OverallGoalSchema = z.strictObject({
  tasks: z.array(z.strictObject({ name: z.string().min(1), project: z.string().default(''), amount: Amount })).default([]),
  goals: z.string().default(''),
  indicators: z.array(IndicatorSchema).default([]),
});

export const ProcurementSchema = z.strictObject({
  name: z.string().min(1),
  category: z.enum(['goods', 'services', 'works']),
  amount: Amount,
  source: z.enum(FUNDING_SOURCES).default('general'),
  projectId: z.string().optional(),
  unit: z.string().optional(),
});

export const PurchasedServiceSchema = z.strictObject({
  name: z.string().min(1),
  category: z.string().default(''),
  amount: Amount,
  projectId: z.string().optional(),
  unit: z.string().optional(),
});

export const DebtItemSchema = z.strictObject({
  name: z.string().min(1),
  functionCode: FUNCTION_ITEM_CODE.optional(),
  amount: Amount,
  unit: z.string().optional(),
});

export const ThreePublicSchema = z.strictObject({
  abroad: Amount.default(0),
  vehiclePurchase: Amount.default(0),
  vehicleRunning: Amount.default(0),
  reception: Amount.default(0),
});

export const PriorYearSchema = z.strictObject({
  total: Amount.optional(),
  basic: Amount.optional(),
  project: Amount.optional(),
  threePublic: ThreePublicSchema.optional(),
  operatingCost: Amount.optional(),
  procurement: Amount.optional(),
});

export const ReasonsSchema = z.strictObject({
  total: z.string().default(''),
  threePublic: z.string().default(''),
  abroad: z.string().default(''),
  reception: z.string().default(''),
  vehicle: z.string().default(''),
  operatingCost: z.string().default(''),
});

export const IncomeSchema = z.strictObject(Object.fromEntries(FUNDING_SOURCES.map((s) => [s, Amount.optional()])) as Record<FundingSource, z.ZodOptional<typeof Amount>>);

export const BudgetSchema = z.strictObject({
  $schema: z.string().optional(),
  year: z.number().int().min(2000).max(2100),
  approvalDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '应为“年-月-日”格式，如 2024-02-10')
    .optional(),
  scope: z.enum(['unit', 'department']).default('unit'),
  unit: UnitProfileSchema,
  /** For a department budget: its units (each line names one of them in `unit`). */
  units: z.array(UnitProfileSchema.pick({ code: true, name: true, kind: true })).default([]),
  /** Income by source; omitted sources default to the sum of lines funded by that source. */
  income: IncomeSchema.default({}),
  lines: z.array(LineSchema).min(1, '至少要有一条支出明细'),
  projects: z.array(ProjectSchema).default([]),
  overallGoal: OverallGoalSchema.default({ tasks: [], goals: '', indicators: [] }),
  threePublic: ThreePublicSchema.optional(),
  procurement: z.array(ProcurementSchema).default([]),
  purchasedServices: z.array(PurchasedServiceSchema).default([]),
  debt: z.array(DebtItemSchema).default([]),
  prior: PriorYearSchema.default({}),
  reasons: ReasonsSchema.default({ total: '', threePublic: '', abroad: '', reception: '', vehicle: '', operatingCost: '' }),
  /** Names for codes the loaded catalog lacks (a warning, not an error). */
  codeNames: z.record(z.string(), z.string()).default({}),
});

export type BudgetInput = z.input<typeof BudgetSchema>;
export type BudgetJson = z.output<typeof BudgetSchema>;
export type Indicator = z.output<typeof IndicatorSchema>;

/** The validated budget with every amount in fen. */
export interface Budget extends Omit<BudgetJson, 'income' | 'lines' | 'overallGoal' | 'threePublic' | 'procurement' | 'purchasedServices' | 'debt' | 'prior'> {
  income: Record<FundingSource, Fen>;
  /** True where the input stated the source's income; false where it was derived from the lines. */
  incomeStated: Record<FundingSource, boolean>;
  lines: Line[];
  overallGoal: { tasks: { name: string; project: string; amount: Fen }[]; goals: string; indicators: Indicator[] };
  threePublic?: ThreePublic;
  procurement: (Omit<BudgetJson['procurement'][number], 'amount'> & { amount: Fen })[];
  purchasedServices: (Omit<BudgetJson['purchasedServices'][number], 'amount'> & { amount: Fen })[];
  debt: (Omit<BudgetJson['debt'][number], 'amount'> & { amount: Fen })[];
  prior: { total?: Fen; basic?: Fen; project?: Fen; threePublic?: ThreePublic; operatingCost?: Fen; procurement?: Fen };
}

export interface Line extends Omit<BudgetJson['lines'][number], 'amount'> {
  amount: Fen;
  /** Index in the input `lines` array, for messages. */
  index: number;
}

export interface ThreePublic {
  abroad: Fen;
  vehiclePurchase: Fen;
  vehicleRunning: Fen;
  reception: Fen;
}

/** 三公 economic codes. */
export const THREE_PUBLIC_CODES = { abroad: '30212', reception: '30217', vehicleRunning: '30231', vehiclePurchase: '31013' } as const;
