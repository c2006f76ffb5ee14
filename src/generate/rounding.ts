/**
 * The rounding context: the one tail adjustment (尾差) of generated disclosures.
 *
 * Rule (also in docs/tail-adjustment.md):
 *  1. The atom is one budget line. Every printed cell of every line-based table (1–6, 8–12, 17
 *     funds, narrative totals) is a sum of rounded atoms, so tables add up across rows, columns and
 *     类/款/项 levels, and the same set of lines prints the same figure in every table.
 *  2. The grand total of all lines is rounded once to 0.01 万元 (half away from zero).
 *  3. That rounded total is apportioned over the funding sources by largest remainder (Hamilton,
 *     `apportion` in money.ts; ties to the earlier source in FUNDING_SOURCES order).
 *  4. Each source's rounded total is apportioned over its lines the same way (ties to the earlier
 *     line in input order).
 *  5. Income by source prints the source's rounded total where the stated income equals (or, when
 *     omitted, is) the sum of that source's lines; otherwise the stated income is rounded on its
 *     own, and the checker reports the imbalance.
 *  6. Amounts that are not lines (procurement, purchased services, debt items, overall-goal tasks,
 *     an explicit 三公 override, prior-year figures) are atoms of their own: each is rounded half
 *     away from zero and their totals are sums of the rounded items.
 * Each rounded atom is within 0.01 万元 of its exact value, so no printed figure moves by more
 * than the checker's tolerance (0.01 × number of parts).
 */
import { FUNDING_SOURCES, type Budget, type FundingSource } from '../core/budget.ts';
import { apportion, asFen, fenToWanCents, FEN_PER_WAN_CENT, type Fen } from '../core/money.ts';
import { SOURCE_INDEX } from './code-sums.ts';

export interface RoundedBudget {
  /** Rounded amount (hundredths of 万元) of each line, index-aligned with budget.lines. */
  lineCents: number[];
  /** Rounded total of all lines. */
  grandCents: number;
  /** Rounded total of the lines of each funding source. */
  sourceCents: Record<FundingSource, number>;
  /** Income as printed per source (rule 5). */
  incomeCents: Record<FundingSource, number>;
}

/** Every line rounded once to 0.01 万元 with the one tail adjustment (docs/tail-adjustment.md), so all printed sums agree. */
export function roundBudget(budget: Budget): RoundedBudget {
  // Line positions and amounts per source (index in FUNDING_SOURCES), in input order.
  const positions: number[][] = [];
  const amounts: number[][] = [];
  for (let k = 0; k < FUNDING_SOURCES.length; k++) {
    positions.push([]);
    amounts.push([]);
  }
  const lines = budget.lines;
  for (let i = 0; i < lines.length; i++) {
    const k = SOURCE_INDEX[lines[i]!.source];
    positions[k]!.push(i);
    amounts[k]!.push(lines[i]!.amount);
  }
  const exactBySource: number[] = [];
  for (const a of amounts) exactBySource.push(sum(a));
  const grandCents = fenToWanCents(asFen(sum(exactBySource)));
  const parts = apportion(grandCents, exactBySource, FEN_PER_WAN_CENT);

  const lineCents = new Array<number>(lines.length).fill(0);
  const sourceCents = {} as Record<FundingSource, number>;
  const incomeCents = {} as Record<FundingSource, number>;
  for (let k = 0; k < FUNDING_SOURCES.length; k++) {
    const s = FUNDING_SOURCES[k]!;
    sourceCents[s] = parts[k]!;
    const split = apportion(parts[k]!, amounts[k]!, FEN_PER_WAN_CENT);
    const at = positions[k]!;
    for (let j = 0; j < at.length; j++) lineCents[at[j]!] = split[j]!;
    const stated = budget.income[s];
    incomeCents[s] = !budget.incomeStated[s] || stated === exactBySource[k] ? parts[k]! : fenToWanCents(stated);
  }
  return { lineCents, grandCents, sourceCents, incomeCents };
}

/** Σ of numbers. */
export function sum(xs: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s;
}

/** Σ of some sources' amounts. */
export function sumOf(amounts: Record<FundingSource, number>, sources: readonly FundingSource[]): number {
  let s = 0;
  for (const src of sources) s += amounts[src];
  return s;
}

/** Rounds a list of standalone amounts (rule 6): items and their total, the sum of the items. */
export function roundItems(amounts: readonly Fen[]): { items: number[]; total: number } {
  const items = amounts.map(fenToWanCents);
  return { items, total: sum(items) };
}
