/**
 * 三公 expenses: derived from the fiscal-appropriation lines on 30212 / 30217 / 30231 / 31013, or
 * taken from budget.threePublic where given (each part an atom of its own, rounding.ts rule 6).
 * The total is always the sum of the printed parts. The template's measures choose the columns
 * (template-layouts.ts THREE_PUBLIC_MEASURES): Shanghai adds 机关运行经费, Jiangsu 会议费 and 培训费
 * and their grand total.
 */
import { THREE_PUBLIC_CODES, type ThreePublic } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { fenToWanCents } from '../core/money.ts';
import type { TemplateTable } from '../core/template.ts';
import { centsOf, classMask } from './code-sums.ts';
import { DEFAULT_THREE_PUBLIC_MEASURES } from '../core/template-layouts.ts';
import { FISCAL_SOURCES, type Atom, type BuildContext } from './context.ts';
import { tableOf } from './table-shell.ts';

const FISCAL_CLASSES = classMask((c) => FISCAL_SOURCES.includes(c.source));

/** The 三公 parts in printed units (0.01 万元), with 公务用车 and the total. */
export interface ThreePublicCents extends Record<keyof ThreePublic, number> {
  vehicle: number;
  total: number;
}

/** The 三公 parts (printed units) with 公务用车 and the total added. */
export function withTotals(p: Record<keyof ThreePublic, number>): ThreePublicCents {
  const vehicle = p.vehiclePurchase + p.vehicleRunning;
  return { abroad: p.abroad, vehiclePurchase: p.vehiclePurchase, vehicleRunning: p.vehicleRunning, reception: p.reception, vehicle, total: p.abroad + vehicle + p.reception };
}

/** Stated 三公 amounts rounded to 0.01 万元, with their totals. */
export function roundThreePublic(p: ThreePublic): ThreePublicCents {
  return withTotals({
    abroad: fenToWanCents(p.abroad),
    vehiclePurchase: fenToWanCents(p.vehiclePurchase),
    vehicleRunning: fenToWanCents(p.vehicleRunning),
    reception: fenToWanCents(p.reception),
  });
}

/** The 三公 figures: as stated in the budget, else the fiscal lines on the 三公 economic codes. */
export function threePublicCents(ctx: BuildContext): ThreePublicCents {
  if (ctx.budget.threePublic) return roundThreePublic(ctx.budget.threePublic);
  const sums = ctx.sumsBy('dept-econ');
  const part = (code: string) => centsOf(sums, code, FISCAL_CLASSES);
  return withTotals({
    abroad: part(THREE_PUBLIC_CODES.abroad),
    vehiclePurchase: part(THREE_PUBLIC_CODES.vehiclePurchase),
    vehicleRunning: part(THREE_PUBLIC_CODES.vehicleRunning),
    reception: part(THREE_PUBLIC_CODES.reception),
  });
}

/** 会议费 and 培训费: fiscal-appropriation lines on these department economic codes. */
const MEETING_CODE = '30215';
const TRAINING_CODE = '30216';

/** Operating costs (机关运行经费): basic public costs funded by the general public budget (= the 公用经费 of the general basic table). */
export function operatingCostAtoms(ctx: BuildContext): Atom[] {
  return ctx.atoms.filter((a) => a.line.kind === 'public' && a.line.source === 'general');
}

/** 机关运行经费 in 0.01 万元. */
export function operatingCostCents(ctx: BuildContext): number {
  let total = 0;
  for (const a of operatingCostAtoms(ctx)) total += a.cents;
  return total;
}

/** The amount of each 三公-table measure. */
function measureCents(ctx: BuildContext, p: ThreePublicCents, measure: string): number {
  const sums = () => ctx.sumsBy('dept-econ');
  switch (measure) {
    case 'total':
      return p.total;
    case 'abroad':
      return p.abroad;
    case 'reception':
      return p.reception;
    case 'vehicle':
      return p.vehicle;
    case 'vehiclePurchase':
      return p.vehiclePurchase;
    case 'vehicleRunning':
      return p.vehicleRunning;
    case 'operatingCost':
      return operatingCostCents(ctx);
    case 'meeting':
      return centsOf(sums(), MEETING_CODE, FISCAL_CLASSES);
    case 'training':
      return centsOf(sums(), TRAINING_CODE, FISCAL_CLASSES);
    case 'grand':
      return p.total + centsOf(sums(), MEETING_CODE, FISCAL_CLASSES) + centsOf(sums(), TRAINING_CODE, FISCAL_CLASSES);
  }
  throw new Error(`三公 measure "${measure}" (the template schema allows only THREE_PUBLIC_MEASURES)`);
}

/** The 三公 table with the template's columns (parts, 公务用车 split, 机关运行经费, 会议费, 培训费). */
export function threePublicTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const p = threePublicCents(ctx);
  const row = (t.measures ?? DEFAULT_THREE_PUBLIC_MEASURES).map((m) => ctx.cell(measureCents(ctx, p, m)));
  return tableOf(ctx, t, [row]);
}
