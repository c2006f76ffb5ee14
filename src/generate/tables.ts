/**
 * One projection per template layout; the template decides which tables, in which order. The
 * projections that exist are the contract in src/core/template-layouts.ts (PROJECTION_SPECS): the
 * type below makes this registry name every one of them, and the template schema refuses a
 * generation template naming any other.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import { formatCents } from '../core/money.ts';
import type { TemplateTable } from '../core/template.ts';
import type { ProjectionName } from '../core/template-layouts.ts';
import { codeMatrixTable } from './code-matrix.ts';
import type { BuildContext } from './context.ts';
import { debtListTable } from './debt-list.ts';
import { fiscalIncomeExpenditureTable } from './fiscal-income-expenditure.ts';
import { overallGoalTable, projectGoalTables } from './goal-tables.ts';
import { incomeExpenditureTable } from './income-expenditure.ts';
import { incomeSourcesTable } from './income-sources.ts';
import { procurementListTable } from './procurement-list.ts';
import { projectListTable } from './project-list.ts';
import { purchasedServicesListTable } from './purchased-services-list.ts';
import { threePublicTable } from './three-public.ts';
import { totalsTable } from './totals.ts';

type Projection = (ctx: BuildContext, t: TemplateTable) => DisclosureTable | DisclosureTable[];

export const PROJECTIONS: Record<ProjectionName, Projection> = {
  'income-expenditure': incomeExpenditureTable,
  'fiscal-income-expenditure': fiscalIncomeExpenditureTable,
  'code-matrix': codeMatrixTable,
  totals: totalsTable,
  'income-sources': incomeSourcesTable,
  'three-public': threePublicTable,
  'three-public-and-operating': threePublicTable,
  'project-list': projectListTable,
  'debt-list': debtListTable,
  'procurement-list': procurementListTable,
  'purchased-services-list': purchasedServicesListTable,
  'overall-goal': overallGoalTable,
  'project-goal': projectGoalTables,
};

/** A template table's projection: the one it names, else the one its layout is named after. */
export function projectionOf(t: TemplateTable): Projection | undefined {
  const name = t.projection ?? t.layout;
  return Object.hasOwn(PROJECTIONS, name) ? PROJECTIONS[name as ProjectionName] : undefined;
}

/**
 * The context a table is printed with: amounts are rounded once (0.01 万元, rounding.ts) for the
 * whole package, and a table in 元 prints those same amounts in 元, so that it agrees with the
 * 万元 tables and the narrative to the cent.
 */
function contextFor(ctx: BuildContext, t: TemplateTable): BuildContext {
  if ((t.amountUnit ?? ctx.template.amountUnit) === '万元') return ctx;
  return { ...ctx, cell: (cents: number) => (cents === 0 ? '' : formatCents(cents * 10_000)) };
}

/** Every table of the template, each by the projection its layout names. */
export function projectTables(ctx: BuildContext): DisclosureTable[] {
  const out: DisclosureTable[] = [];
  for (const t of ctx.template.tables) {
    const f = projectionOf(t);
    // The template schema refuses a generation template naming no projection; buildDisclosure
    // refuses reading templates: reaching here without one is a programming error.
    if (!f) throw new Error(`template ${ctx.template.id} table ${t.no}: layout "${t.layout}" has no projection`);
    const r = f(contextFor(ctx, t), t);
    out.push(...(Array.isArray(r) ? r : [r]));
  }
  return out;
}
