/**
 * What a rule sees: the Disclosure, its template, the budget where one exists, and cached readings
 * of the printed tables (code matrices, two-sided ledgers, goal tables) in exact fen.
 */
import type { Budget } from '../core/budget.ts';
import type { AmountUnit, Disclosure, DisclosureTable, NarrativeSection } from '../core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate, type Template, type TemplateTable } from '../core/template.ts';
import { parseGoalTable, type GoalTable } from './goals.ts';
import { parseLedger, type Ledger } from '../printed/ledger.ts';
import { parseList, type ListTable } from '../printed/list.ts';
import { parseMatrix, type Matrix } from '../printed/matrix.ts';
import { roleOfTable, tableLabel, type TableRole } from '../printed/table-roles.ts';

export interface RuleContext {
  disclosure: Disclosure;
  template: Template;
  /** False when the disclosure names a template we do not have (the Liaoning one stands in). */
  templateKnown: boolean;
  budget?: Budget;
  year: number;
  isFinalAccount: boolean;
  role(t: DisclosureTable): TableRole | undefined;
  /** First table playing a role (or with a template number). */
  table(role: TableRole | number): DisclosureTable | undefined;
  tables(role: TableRole): DisclosureTable[];
  templateTable(t: DisclosureTable): TemplateTable | undefined;
  unitOf(t: DisclosureTable): AmountUnit;
  matrix(role: TableRole | DisclosureTable): Matrix | undefined;
  ledger(role: TableRole): Ledger | undefined;
  /** A list table (表9, 13, 14, 15) read once. */
  list(t: DisclosureTable): ListTable;
  /** Shared results computed once per check (keyed by the computing module). */
  memo<T>(key: string, compute: () => T): T;
  goals(): GoalTable[];
  overallGoal(): GoalTable | undefined;
  label(t: DisclosureTable): string;
  sections(): NarrativeSection[];
  /** All narrative text with whitespace removed. */
  narrativeText(): string;
}

export interface ContextOptions {
  budget?: Budget;
  template?: string | Template;
}

/** The amount unit a printed unit label names ("单位：万元" → 万元), or undefined. */
export function unitFromLabel(label: string | undefined): AmountUnit | undefined {
  if (!label) return undefined;
  if (/万\s*元/.test(label)) return '万元';
  if (/元/.test(label)) return '元';
  return undefined;
}

/** A published document read from its print (not a budget we generated, not our own JSON). */
export function readFromPrint(ctx: Pick<RuleContext, 'budget' | 'disclosure'>): boolean {
  return ctx.budget === undefined && ctx.disclosure.source !== undefined && ctx.disclosure.source.format !== 'json';
}

/**
 * What every rule of one check sees: the disclosure, its template (the Liaoning one standing in, and
 * `templateKnown` false, when the disclosure names one we do not have), the budget where there is one,
 * and readings of its printed tables computed once and shared.
 */
export function createContext(disclosure: Disclosure, opts: ContextOptions = {}): RuleContext {
  let template: Template;
  let templateKnown = true;
  try {
    template = typeof opts.template === 'object' ? opts.template : loadTemplate(opts.template ?? disclosure.template ?? DEFAULT_TEMPLATE);
  } catch {
    template = loadTemplate(DEFAULT_TEMPLATE);
    templateKnown = false;
  }
  const roles = new Map<DisclosureTable, TableRole | undefined>();
  const role = (t: DisclosureTable) => {
    let r = roles.get(t);
    if (r === undefined && !roles.has(t)) roles.set(t, (r = roleOfTable(t, templateKnown ? template : undefined)));
    return r;
  };
  // Tables by role, in document order, indexed once: rules ask for them many times per check.
  let byRole: Map<TableRole, DisclosureTable[]> | undefined;
  const roleIndex = (): Map<TableRole, DisclosureTable[]> => {
    if (!byRole) {
      byRole = new Map();
      for (const t of disclosure.tables) {
        const k = role(t);
        if (k === undefined) continue;
        const list = byRole.get(k);
        if (list) list.push(t);
        else byRole.set(k, [t]);
      }
    }
    return byRole;
  };
  const tables = (r: TableRole): DisclosureTable[] => roleIndex().get(r)?.slice() ?? [];
  const table = (r: TableRole | number) => (typeof r === 'number' ? disclosure.tables.find((t) => t.no === r) : roleIndex().get(r)?.[0]);
  const templateTables = new Map<DisclosureTable, TemplateTable | undefined>();
  const templateTable = (t: DisclosureTable) => {
    if (templateTables.has(t)) return templateTables.get(t);
    const r = role(t);
    const found = template.tables.find((x) => x.key === r) ?? (templateKnown ? template.tables.find((x) => x.no === t.no) : undefined);
    templateTables.set(t, found);
    return found;
  };
  const units = new Map<DisclosureTable, AmountUnit>();
  const unitOf = (t: DisclosureTable): AmountUnit => {
    let u = units.get(t);
    if (u === undefined) {
      u = t.amountUnit ?? unitFromLabel(t.unitLabel) ?? templateTable(t)?.amountUnit ?? disclosure.amountUnit ?? template.amountUnit;
      units.set(t, u);
    }
    return u;
  };
  const matrices = new Map<DisclosureTable, Matrix>();
  const matrix = (r: TableRole | DisclosureTable) => {
    const t = typeof r === 'string' ? table(r) : r;
    if (!t) return undefined;
    let m = matrices.get(t);
    if (!m) matrices.set(t, (m = parseMatrix(t, unitOf(t), templateTable(t))));
    return m;
  };
  const ledgers = new Map<TableRole, Ledger>();
  const ledger = (r: TableRole) => {
    const t = table(r);
    if (!t) return undefined;
    let l = ledgers.get(r);
    if (!l) ledgers.set(r, (l = parseLedger(t, unitOf(t))));
    return l;
  };
  const lists = new Map<DisclosureTable, ListTable>();
  const list = (t: DisclosureTable) => {
    let l = lists.get(t);
    if (!l) lists.set(t, (l = parseList(t, unitOf(t))));
    return l;
  };
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, compute: () => T): T => {
    let v = memos.get(key);
    if (v === undefined && !memos.has(key)) memos.set(key, (v = compute()));
    return v as T;
  };
  let goalCache: GoalTable[] | undefined;
  const goals = () => (goalCache ??= tables('project-goal').map((t) => parseGoalTable(t, unitOf(t))));
  let overallCache: GoalTable | null | undefined;
  const overallGoal = () => {
    if (overallCache === undefined) {
      const t = table('overall-goal');
      overallCache = t ? parseGoalTable(t, unitOf(t)) : null;
    }
    return overallCache ?? undefined;
  };
  let text: string | undefined;
  return {
    disclosure,
    template,
    templateKnown,
    budget: opts.budget,
    year: disclosure.year,
    isFinalAccount: disclosure.kind === 'final-account' || template.kind === 'final-account',
    role,
    table,
    tables,
    templateTable,
    unitOf,
    matrix,
    ledger,
    list,
    memo,
    goals,
    overallGoal,
    label: tableLabel,
    sections: () => disclosure.narrative ?? [],
    narrativeText: () =>
      (text ??= (disclosure.narrative ?? [])
        .map((s) => `${s.heading}${s.text}`)
        .join('')
        .replace(/\s+/g, '')),
  };
}
