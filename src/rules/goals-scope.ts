/**
 * Which projects the performance-goal statements are about: those that must carry goals (the
 * budget says so per project; a published document does not, so then every project counts).
 */
import type { Budget } from '../core/budget.ts';
import type { RuleContext } from './context.ts';
import { hasGoals, type GoalTable } from './goals.ts';
import { normName, totalOf } from '../printed/matrix.ts';

export interface GoalScope {
  /** Projects that must carry goals (undefined: not known from the tables alone). */
  needing?: number;
  /** Goal tables that state goals, for projects that must carry them. */
  having: GoalTable[];
  /** Funds of the projects that must carry goals (fen). */
  neededFunds?: number;
}

/** Which projects need performance goals and which goal tables the disclosure prints for them. */
export function goalScope(ctx: RuleContext): GoalScope {
  const goals = ctx.goals();
  const budget = ctx.budget;
  if (budget) {
    const needing = budget.projects.filter((p) => p.needsGoals);
    const names = new Set<string>();
    for (const p of needing) names.add(normName(p.name));
    // Printed project funds (表17) where the project has a goal table, else its lines in fen.
    const printed = new Map<string, number>();
    for (const g of goals) if (g.funds !== undefined) printed.set(normName(g.name), g.funds);
    let lineFunds: Map<string, number> | undefined;
    let neededFunds = 0;
    for (const p of needing) {
      const f = printed.get(normName(p.name));
      neededFunds += f ?? (lineFunds ??= projectLineFunds(budget)).get(p.id) ?? 0;
    }
    return { needing: needing.length, having: goals.filter((g) => hasGoals(g) && names.has(normName(g.name))), neededFunds };
  }
  const m = ctx.matrix('expenditure');
  return { having: goals.filter(hasGoals), neededFunds: m ? totalOf(m, 'project') : undefined };
}

/** Fen of the project lines per project id, in one pass over the lines. */
function projectLineFunds(budget: Budget): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of budget.lines) {
    if (l.kind !== 'project' || l.projectId === undefined) continue;
    out.set(l.projectId, (out.get(l.projectId) ?? 0) + l.amount);
  }
  return out;
}
