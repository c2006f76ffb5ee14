/**
 * 三公 expenses: derived from the fiscal-appropriation lines on 30212 / 30217 / 30231 / 31013, or
 * taken from budget.threePublic where given (each part an atom of its own, rounding.ts rule 6).
 * The total is always the sum of the printed parts.
 */
import { THREE_PUBLIC_CODES, type ThreePublic } from '../core/budget.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import { fenToWanCents } from '../core/money.ts';
import type { TemplateTable } from '../core/template.ts';
import { centsOf, classMask } from './code-sums.ts';
import { FISCAL_SOURCES, type BuildContext } from './context.ts';
import { tableOf } from './table-shell.ts';

const FISCAL_CLASSES = classMask((c) => FISCAL_SOURCES.includes(c.source));

export interface ThreePublicCents extends ThreePublic {
  vehicle: number;
  total: number;
}

export function withTotals(p: ThreePublic): ThreePublicCents {
  const vehicle = p.vehiclePurchase + p.vehicleRunning;
  return { abroad: p.abroad, vehiclePurchase: p.vehiclePurchase, vehicleRunning: p.vehicleRunning, reception: p.reception, vehicle, total: p.abroad + vehicle + p.reception };
}

export function roundThreePublic(p: ThreePublic): ThreePublicCents {
  return withTotals({
    abroad: fenToWanCents(p.abroad),
    vehiclePurchase: fenToWanCents(p.vehiclePurchase),
    vehicleRunning: fenToWanCents(p.vehicleRunning),
    reception: fenToWanCents(p.reception),
  });
}

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

export function threePublicTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const p = threePublicCents(ctx);
  const row = [p.total, p.abroad, p.vehicle, p.vehiclePurchase, p.vehicleRunning, p.reception].map(ctx.cell);
  return tableOf(ctx, t, [row]);
}
