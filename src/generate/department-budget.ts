/**
 * A department budget (部门预算, scope "department") as the sum of its units' budgets — the
 * department's own organ (本级) being one of them: every line,
 * project, procurement item, purchased service and debt item of every unit, tagged with the unit's
 * code (project ids are prefixed with it, so they stay unique); income, 三公 and prior-year figures
 * are the sums of the units'. Works on budget JSON (amounts in yuan) and sums in exact fen.
 *
 * The department's own texts (duties, reasons for changes, overall goals) are the department's:
 * given in `DepartmentProfile`, or marked 【待填写：…】 (duties, goals) or left empty for the
 * checker to ask for (reasons) — never borrowed from one of its units.
 */
import { FUNDING_SOURCES, type BudgetInput, type FundingSource } from '../core/budget.ts';
import { formatCents, yuanToFen } from '../core/money.ts';

export interface DepartmentProfile {
  code: string;
  name: string;
  regionCode: string;
  duties?: string[];
  dutiesIntro?: string;
  /** Reasons for year-on-year changes, entered at department level. */
  reasons?: Partial<NonNullable<BudgetInput['reasons']>>;
  /** The department's overall goals (整体绩效目标), entered at department level. */
  goals?: string;
}

/** Marks a text the department has still to write. */
export const TO_FILL = (what: string) => `【待填写：${what}】`;

/** The department's own organ (本级): by convention code = department code + "001", or a name ending in 本级. */
export function isOwnOrgan(departmentCode: string, unit: { code: string; name: string }): boolean {
  return unit.code === `${departmentCode}001` || unit.name.endsWith('本级');
}

type Amount = string | number;
const fen = (v: Amount | undefined, what: string) => (v === undefined ? 0 : yuanToFen(v, what));
/** Fen → yuan decimal string ("1234.50"): fen are hundredths of a yuan. */
export const fenToYuan = (f: number) => formatCents(f, false);

const THREE_PUBLIC_KEYS = ['abroad', 'vehiclePurchase', 'vehicleRunning', 'reception'] as const;
const PRIOR_KEYS = ['total', 'basic', 'project', 'operatingCost', 'procurement'] as const;

/** Income a unit budget has from a source: as stated, else the sum of its lines funded by it. */
export function effectiveIncome(b: BudgetInput, s: FundingSource): number {
  const stated = b.income?.[s];
  if (stated !== undefined) return fen(stated, `${b.unit.code} income.${s}`);
  return b.lines.reduce((a, l, i) => ((l.source ?? 'general') === s ? a + fen(l.amount, `${b.unit.code} lines[${i}].amount`) : a), 0);
}

/** A department's budget rolled up from its units' (本级 first), with the department's own texts or 待填写 where it has none. */
export function departmentBudget(dept: DepartmentProfile, units: BudgetInput[]): BudgetInput {
  if (units.length === 0) throw new Error(`department ${dept.code}: no units`);
  const year = units[0]!.year;
  const pid = (u: BudgetInput, id: string | undefined) => (id === undefined ? undefined : `${u.unit.code}-${id}`);

  const income: Partial<Record<FundingSource, string>> = {};
  for (const s of FUNDING_SOURCES) {
    const total = units.reduce((a, u) => a + effectiveIncome(u, s), 0);
    if (total !== 0) income[s] = fenToYuan(total);
  }

  const sumThreePublic = (pick: (u: BudgetInput) => Record<string, Amount | undefined> | undefined) => {
    if (!units.some((u) => pick(u))) return undefined;
    const out: Record<string, string> = {};
    for (const k of THREE_PUBLIC_KEYS) out[k] = fenToYuan(units.reduce((a, u) => a + fen(pick(u)?.[k], `${u.unit.code} ${k}`), 0));
    return out;
  };

  const prior: NonNullable<BudgetInput['prior']> = {};
  for (const k of PRIOR_KEYS) {
    // A prior-year figure is summed only when every unit has it; a partial sum would mislead.
    if (units.every((u) => u.prior?.[k] !== undefined)) prior[k] = fenToYuan(units.reduce((a, u) => a + fen(u.prior![k], `${u.unit.code} prior.${k}`), 0));
  }
  const priorThreePublic = units.every((u) => u.prior?.threePublic) ? sumThreePublic((u) => u.prior?.threePublic) : undefined;
  if (priorThreePublic) prior.threePublic = priorThreePublic;

  // A reason is the department's own; a unit's reason explains that unit's change only. Left
  // empty, the narrative states the change without one and the checker asks for it (未说明原因).
  const reason = (k: keyof NonNullable<BudgetInput['reasons']>) => dept.reasons?.[k]?.trim() ?? '';
  // 本级 first, then the other units in the order given.
  const own = units.filter((u) => isOwnOrgan(dept.code, u.unit));
  units = [...own, ...units.filter((u) => !own.includes(u))];
  const names = units.map((u) => u.unit.name);
  const approval = units
    .map((u) => u.approvalDate)
    .filter((d): d is string => !!d)
    .sort()
    .pop();
  const threePublic = sumThreePublic((u) => u.threePublic);

  return {
    year,
    ...(approval ? { approvalDate: approval } : {}),
    scope: 'department',
    unit: {
      code: dept.code,
      name: dept.name,
      regionCode: dept.regionCode,
      kind: '行政',
      supervisor: dept.name,
      dutiesIntro: dept.dutiesIntro?.trim() || (dept.duties?.length ? '' : TO_FILL(`${dept.name}的主要职责（由主管部门在部门层面填写）`)),
      duties: dept.duties ?? [],
      organisation: `纳入${dept.name}${year}年部门预算编制范围的单位共${units.length}个，包括：${names.join('、')}。${own.length ? '' : `部门本级（${dept.name}本级）的预算尚未编入。`}`,
      unitsIncluded: names,
    },
    units: units.map((u) => ({ code: u.unit.code, name: u.unit.name, kind: u.unit.kind })),
    income,
    lines: units.flatMap((u) => u.lines.map((l) => ({ ...l, unit: u.unit.code, ...(l.projectId !== undefined ? { projectId: pid(u, l.projectId) } : {}) }))),
    projects: units.flatMap((u) => (u.projects ?? []).map((p) => ({ ...p, id: pid(u, p.id)!, unit: u.unit.code }))),
    overallGoal: {
      tasks: units.flatMap((u) => (u.overallGoal?.tasks ?? []).map((t) => ({ ...t, name: `${u.unit.name}：${t.name}`, project: t.project ? pid(u, t.project)! : '' }))),
      goals: dept.goals?.trim() || TO_FILL('部门整体绩效目标'),
      // Indicators are the units' own; the department's are entered with its goals.
      indicators: [],
    },
    ...(threePublic ? { threePublic } : {}),
    procurement: units.flatMap((u) => (u.procurement ?? []).map((p) => ({ ...p, unit: u.unit.code, ...(p.projectId !== undefined ? { projectId: pid(u, p.projectId) } : {}) }))),
    purchasedServices: units.flatMap((u) => (u.purchasedServices ?? []).map((p) => ({ ...p, unit: u.unit.code, ...(p.projectId !== undefined ? { projectId: pid(u, p.projectId) } : {}) }))),
    debt: units.flatMap((u) => (u.debt ?? []).map((d) => ({ ...d, unit: u.unit.code }))),
    prior,
    reasons: {
      total: reason('total'),
      threePublic: reason('threePublic'),
      abroad: reason('abroad'),
      reception: reason('reception'),
      vehicle: reason('vehicle'),
      operatingCost: reason('operatingCost'),
    },
    codeNames: Object.assign({}, ...units.map((u) => u.codeNames ?? {})),
  };
}
