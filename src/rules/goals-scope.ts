/**
 * Which projects the performance-goal statements are about: those that must carry goals (the
 * budget says so per project; a published document does not, so then every project counts).
 */
import type { RuleContext } from './context.ts';
import { hasGoals, type GoalTable } from './goals.ts';
import { normName, totalOf } from './matrix.ts';

export interface GoalScope {
  /** Projects that must carry goals (undefined: not known from the tables alone). */
  needing?: number;
  /** Goal tables that state goals, for projects that must carry them. */
  having: GoalTable[];
  /** Funds of the projects that must carry goals (fen). */
  neededFunds?: number;
}

export function goalScope(ctx: RuleContext): GoalScope {
  const goals = ctx.goals();
  if (ctx.budget) {
    const needing = ctx.budget.projects.filter((p) => p.needsGoals);
    const ids = new Set(needing.map((p) => p.id));
    const names = new Set(needing.map((p) => normName(p.name)));
    // Printed project funds (表17) where the project has a goal table, else its lines in fen.
    const printed = new Map(goals.filter((g) => g.funds !== undefined).map((g) => [normName(g.name), g.funds!]));
    let neededFunds = 0;
    for (const p of needing) {
      const f = printed.get(normName(p.name));
      neededFunds += f ?? ctx.budget.lines.filter((l) => l.kind === 'project' && l.projectId === p.id).reduce((a, l) => a + l.amount, 0);
    }
    void ids;
    return { needing: needing.length, having: goals.filter((g) => hasGoals(g) && names.has(normName(g.name))), neededFunds };
  }
  const m = ctx.matrix('expenditure');
  return { having: goals.filter(hasGoals), neededFunds: m ? totalOf(m, 'project') : undefined };
}
