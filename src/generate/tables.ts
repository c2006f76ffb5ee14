/** One projection per template layout; the template decides which tables, in which order. */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TableLayout, TemplateTable } from '../core/template.ts';
import { codeMatrixTable } from './code-matrix.ts';
import type { BuildContext } from './context.ts';
import { debtListTable } from './debt-list.ts';
import { fiscalIncomeExpenditureTable } from './fiscal-income-expenditure.ts';
import { overallGoalTable, projectGoalTables } from './goal-tables.ts';
import { incomeExpenditureTable } from './income-expenditure.ts';
import { procurementListTable } from './procurement-list.ts';
import { projectListTable } from './project-list.ts';
import { purchasedServicesListTable } from './purchased-services-list.ts';
import { tableOf } from './table-shell.ts';
import { threePublicTable } from './three-public.ts';

type Projection = (ctx: BuildContext, t: TemplateTable) => DisclosureTable | DisclosureTable[];

const PROJECTIONS: Partial<Record<TableLayout, Projection>> = {
  'income-expenditure': incomeExpenditureTable,
  'fiscal-income-expenditure': fiscalIncomeExpenditureTable,
  'code-matrix': codeMatrixTable,
  'three-public': threePublicTable,
  'project-list': projectListTable,
  'debt-list': debtListTable,
  'procurement-list': procurementListTable,
  'purchased-services-list': purchasedServicesListTable,
  'overall-goal': overallGoalTable,
  'project-goal': projectGoalTables,
};

export function projectTables(ctx: BuildContext): DisclosureTable[] {
  const out: DisclosureTable[] = [];
  for (const t of ctx.template.tables) {
    const f = PROJECTIONS[t.layout];
    if (!f) {
      ctx.warnings.push({ path: `template.tables[${t.no}]`, message: `layout "${t.layout}" of table ${t.no} ${t.title} has no projection; printed with its header only` });
      out.push(tableOf(ctx, t, []));
      continue;
    }
    const r = f(ctx, t);
    out.push(...(Array.isArray(r) ? r : [r]));
  }
  return out;
}
