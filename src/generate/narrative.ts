/**
 * Part 3 (情况说明): one text per template narrative section, every figure computed from the same
 * rounded atoms as the tables (so the narrative equals the tables by construction), year-on-year
 * words and percentages from year-on-year.ts, reasons from budget.reasons. Sections without data
 * state zero; a sentence whose data is absent (no prior-year figure) is left out, never templated.
 */
import { FUNDING_SOURCE_NAMES, type FundingSource } from '../core/budget.ts';
import type { NarrativeSection } from '../core/disclosure.ts';
import { fenToWanCents, formatCents } from '../core/money.ts';
import { ALL_CLASSES, centsIn, centsOf, classMask } from './code-sums.ts';
import { UNIT_OWN_SOURCES, type BuildContext } from './context.ts';
import { projectFunds } from './goal-tables.ts';
import { PROCUREMENT_CATEGORY_NAMES } from './procurement-list.ts';
import { roundItems, sum, sumOf } from './rounding.ts';
import { operatingCostAtoms, roundThreePublic, threePublicCents } from './three-public.ts';
import { changePhrase, percentText, share } from './year-on-year.ts';
import { tableSectionWriters } from './narrative-tables.ts';
import type { NarrativeSectionKey } from '../core/template-layouts.ts';

/**
 * Amounts as the narrative states them: in the template's amount unit (the document's), from the
 * same rounded figures as the tables (0.01 万元), so that 元 and 万元 tables and the text agree.
 */
export function amountText(ctx: BuildContext): (cents: number) => string {
  return ctx.template.amountUnit === '元' ? (cents) => `${formatCents(cents * 10_000)}元` : (cents) => `${formatCents(cents)}万元`;
}
const CAPITAL_CLASSES = ['309', '310'];
const VEHICLE_CODES = ['30913', '31013'];
const EQUIPMENT_CODES = ['30902', '30903', '31002', '31003'];
const BASIC_CLASSES = classMask((c) => c.kind !== 'project');

/** 机关运行经费, or 事业运行经费 for a public institution. */
export function operatingCostName(ctx: BuildContext): string {
  return ctx.budget.unit.kind === '事业' ? '事业运行经费' : '机关运行经费';
}

/** Fills {year} {priorYear} {unit} {operatingCostName} {scopeName} in template text. */
export function fillText(ctx: BuildContext, text: string): string {
  if (!text.includes('{')) return text;
  const { year, unit, scope } = ctx.budget;
  const vars: Record<string, string> = {
    year: String(year),
    priorYear: String(year - 1),
    unit: unit.name,
    operatingCostName: operatingCostName(ctx),
    scopeName: scope === 'department' ? '部门' : '单位',
  };
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** Reason clause: "，主要原因是：…。" or just "。" when none was given. */
function reasonClause(changed: boolean, reason: string): string {
  const r = reason.trim().replace(/[。．.]$/, '');
  return changed && r ? `，主要原因是：${r}。` : '。';
}

/** The narrative (情况说明) sections the template lists, each written from the tables' own figures. */
export function projectNarrative(ctx: BuildContext): NarrativeSection[] {
  const writers: Record<NarrativeSectionKey, () => string> = {
    overview: () => overview(ctx),
    operatingCost: () => operatingCost(ctx),
    procurement: () => procurement(ctx),
    threePublic: () => threePublic(ctx),
    assets: () => assets(ctx),
    performance: () => performance(ctx),
    ...tableSectionWriters(ctx),
  };
  const out: NarrativeSection[] = [];
  for (const s of ctx.template.narrativeSections) {
    const write = writers[s.key as NarrativeSectionKey];
    if (write) out.push({ heading: fillText(ctx, s.heading), text: write(), part: 'narrative' });
    else ctx.warnings.push({ path: `template.narrativeSections.${s.key}`, message: `no writer for narrative section "${s.key}" (${s.heading}); left out` });
  }
  return out;
}

const MAIN_SOURCES: readonly FundingSource[] = ['general', 'fund', 'stateCapital', 'specialAccount'];

function overview(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget, rounded } = ctx;
  const inc = rounded.incomeCents;
  const unitOwn = sumOf(inc, UNIT_OWN_SOURCES);
  const incomeTotal = sumOf(inc, MAIN_SOURCES) + unitOwn + inc.carryOver;
  const econ = ctx.sumsBy('dept-econ');
  const spend = centsIn(econ.total, ALL_CLASSES);
  const basic = centsIn(econ.total, BASIC_CLASSES);
  const project = spend - basic;
  const items = listTotals(ctx);

  const lines = [`按照综合预算的原则，${budget.unit.name}所有收入和支出均纳入部门预算管理。其中：`, `（一）收入预算${w(incomeTotal)}。包括：`];
  for (let i = 0; i < MAIN_SOURCES.length; i++) lines.push(`${i + 1}. ${FUNDING_SOURCE_NAMES[MAIN_SOURCES[i]!]}${w(inc[MAIN_SOURCES[i]!])}；`);
  lines.push(
    `5. 单位资金收入${w(unitOwn)}，其中：${unitOwnParts(inc, w)}；`,
    `6. 上年结转结余${w(inc.carryOver)}。`,
    `（二）支出预算${w(spend)}。包括：`,
    `1. 基本支出${w(basic)}${basicDetail(ctx)}；`,
    `2. 项目支出${w(project)}。`,
    `在支出预算${w(spend)}中，政府采购支出${w(items.procurement)}，债务支出${w(items.debt)}，政府购买服务支出${w(items.purchasedServices)}。`,
  );
  const prior = budget.prior.total;
  if (prior !== undefined) {
    const basis = `${budget.year - 1}年预算`;
    const p = fenToWanCents(prior);
    lines.push(`${budget.year}年预算${changePhrase(incomeTotal, p, basis)}${reasonClause(incomeTotal !== p, budget.reasons.total)}`);
  }
  return lines.join('\n');
}

/** "（1）事业收入…；（2）…" over the 单位资金 sources. */
function unitOwnParts(inc: Record<FundingSource, number>, w: (cents: number) => string): string {
  let out = '';
  for (let i = 0; i < UNIT_OWN_SOURCES.length; i++) {
    const s = UNIT_OWN_SOURCES[i]!;
    out += `${i ? '；' : ''}（${i + 1}）${FUNDING_SOURCE_NAMES[s]}${w(inc[s])}`;
  }
  return out;
}

/** Basic expenditure by economic 类 (the 3-digit keys) that are not zero: "（工资福利支出…，…）", or "" for none. */
function basicDetail(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { keys, byKey } = ctx.sumsBy('dept-econ');
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key.length !== 3) continue;
    const cents = centsIn(byKey[i]!, BASIC_CLASSES);
    if (cents !== 0) out += `${out ? '，' : '（'}${ctx.nameOf('dept-econ', key)}${w(cents)}`;
  }
  return out ? `${out}）` : '';
}

/** Totals of the list tables (13, 14, 15), as printed there. */
export function listTotals(ctx: BuildContext): { procurement: number; debt: number; purchasedServices: number } {
  const b = ctx.budget;
  return {
    procurement: roundItems(b.procurement.map((p) => p.amount)).total,
    debt: roundItems(b.debt.map((d) => d.amount)).total,
    purchasedServices: roundItems(b.purchasedServices.map((p) => p.amount)).total,
  };
}

function operatingCost(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget } = ctx;
  const atoms = operatingCostAtoms(ctx);
  let total = 0;
  const codeSet = new Set<string>();
  for (const a of atoms) {
    total += a.cents;
    if (a.cents !== 0) codeSet.add(a.line.econCode);
  }
  const names: string[] = [];
  for (const c of [...codeSet].sort()) {
    const n = ctx.nameOf('dept-econ', c);
    if (n !== '') names.push(n);
  }
  let text = `${budget.year}年${budget.unit.name}${operatingCostName(ctx)}预算${w(total)}`;
  if (names.length) text += `，包括${names.join('、')}`;
  const prior = budget.prior.operatingCost;
  if (prior !== undefined) {
    const p = fenToWanCents(prior);
    text += `，${changePhrase(total, p, '上年')}${reasonClause(total !== p, budget.reasons.operatingCost)}`;
  } else text += '。';
  return text;
}

function procurement(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget } = ctx;
  const byCat = { goods: 0, services: 0, works: 0 };
  for (const p of budget.procurement) byCat[p.category] += fenToWanCents(p.amount);
  const total = byCat.goods + byCat.services + byCat.works;
  const parts = (Object.keys(byCat) as (keyof typeof byCat)[]).map((k) => `${PROCUREMENT_CATEGORY_NAMES[k]}${w(byCat[k])}`).join('，');
  let text = `${budget.year}年${budget.unit.name}安排政府采购预算${w(total)}，其中${parts}`;
  if (budget.prior.procurement !== undefined) text += `；${changePhrase(total, fenToWanCents(budget.prior.procurement), '上年')}`;
  return `${text}。`;
}

function threePublic(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget } = ctx;
  const now = threePublicCents(ctx);
  const before = budget.prior.threePublic ? roundThreePublic(budget.prior.threePublic) : undefined;
  const vs = (cur: number, prev: number | undefined, reason: string) =>
    prev === undefined ? '' : `，${changePhrase(cur, prev, '上年')}${cur !== prev && reason.trim() ? `，主要原因是：${reason.trim().replace(/[。．.]$/, '')}` : ''}`;
  const r = budget.reasons;
  const lines = [
    `${budget.year}年${budget.unit.name}财政拨款安排的“三公”经费预算为${w(now.total)}${vs(now.total, before?.total, r.threePublic)}。其中：`,
    `1. 因公出国（境）费${w(now.abroad)}${vs(now.abroad, before?.abroad, r.abroad)}。`,
    `2. 公务接待费${w(now.reception)}${vs(now.reception, before?.reception, r.reception)}。`,
    `3. 公务用车购置及运行费${w(now.vehicle)}${vs(now.vehicle, before?.vehicle, r.vehicle)}。其中：公务用车购置费${w(now.vehiclePurchase)}${vs(now.vehiclePurchase, before?.vehiclePurchase, '')}；公务用车运行费${w(now.vehicleRunning)}${vs(now.vehicleRunning, before?.vehicleRunning, '')}。`,
  ];
  return lines.join('\n');
}

function assets(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget } = ctx;
  const econ = ctx.sumsBy('dept-econ');
  const total = (codes: string[]) => sum(codes.map((c) => centsOf(econ, c, ALL_CLASSES)));
  const capital = total(CAPITAL_CLASSES);
  const vehicles = total(VEHICLE_CODES);
  const equipment = total(EQUIPMENT_CODES);
  return `${budget.unit.name}${budget.year}年安排资本性支出${w(capital)}。其中：购置车辆支出${w(vehicles)}，购置设备支出${w(equipment)}。`;
}

/** Performance-goal coverage: projects needing goals, those having them, their funds, coverage by funds. */
export function goalCoverage(ctx: BuildContext) {
  const funds = projectFunds(ctx);
  const needing = ctx.budget.projects.filter((p) => p.needsGoals);
  const having = needing.filter((p) => p.goal.trim() !== '' || p.indicators.length > 0);
  const neededFunds = sum(needing.map((p) => funds.get(p.id) ?? 0));
  const coveredFunds = sum(having.map((p) => funds.get(p.id) ?? 0));
  const percent = neededFunds === 0 ? (needing.length === having.length ? 10_000 : 0) : share(coveredFunds, neededFunds);
  return { needing: needing.length, having: having.length, coveredFunds, percent };
}

function performance(ctx: BuildContext): string {
  const w = amountText(ctx);
  const { budget } = ctx;
  const c = goalCoverage(ctx);
  const head = `根据预算绩效管理要求，${budget.year}年${budget.unit.name}应编制绩效目标的项目${c.needing}个`;
  if (c.needing === 0) return `${head}。`;
  // Without project goal tables (Shanghai, Jiangsu) a reader cannot see the funds each goal covers:
  // coverage is stated by count of projects, which the text itself lets them verify.
  const byCount = !ctx.template.tables.some((t) => t.key === 'project-goal');
  const percent = byCount ? share(c.having, c.needing) : c.percent;
  return `${head}，实际编制绩效目标的项目${c.having}个，涉及资金${w(c.coveredFunds)}，编制绩效目标项目的覆盖率${percentText(percent)}。`;
}
