/**
 * Validates budget JSON: shape (zod), amounts (exact fen), references (projects, units) and codes
 * against the year's catalog. Errors name the field path; a code the partial catalog lacks is a
 * warning, a malformed one an error.
 */
import { BudgetSchema, FUNDING_SOURCES, type Budget, type BudgetJson, type FundingSource, type Line, type ThreePublic } from './budget.ts';
import { loadCatalog, type Catalog } from './catalog.ts';
import { MoneyError, yuanToFen } from './money.ts';

export interface Issue {
  path: string;
  message: string;
}

export interface BudgetResult {
  budget?: Budget;
  errors: Issue[];
  warnings: Issue[];
}

export class BudgetError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/** Validates and converts; never throws on user data. */
export function validateBudget(input: unknown, opts: { catalog?: Catalog } = {}): BudgetResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const parsed = BudgetSchema.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) errors.push({ path: formatPath(i.path), message: i.message });
    return { errors, warnings };
  }
  const j = parsed.data;
  const cat = opts.catalog ?? loadCatalog(j.year);

  const fen = (v: string | number | undefined, path: string, allowNegative = false): number => {
    if (v === undefined) return 0;
    try {
      const n = yuanToFen(v, path);
      if (n < 0 && !allowNegative) errors.push({ path, message: `amount ${v} is negative` });
      return n;
    } catch (e) {
      errors.push({ path, message: e instanceof MoneyError ? e.message.replace(`${path}: `, '') : String(e) });
      return 0;
    }
  };

  const projectIds = new Set<string>();
  j.projects.forEach((p, i) => {
    if (projectIds.has(p.id)) errors.push({ path: `projects[${i}].id`, message: `duplicate project id "${p.id}"` });
    projectIds.add(p.id);
  });
  const unitCodes = new Set(j.units.map((u) => u.code));
  if (j.scope === 'department' && unitCodes.size === 0) errors.push({ path: 'units', message: 'a department budget lists its units' });

  const functionCode = codeChecker((code) => checkFunctionCode(code, cat, j), errors, warnings);
  const econCode = codeChecker((code) => checkEconCode(code, cat, j), errors, warnings);
  const govEconCode = codeChecker((code) => checkGovEconCode(code, cat, j), errors, warnings);
  // Lines are one literal shape (toLine); other items are copied with Object.assign, not a spread with overrides: V8 copies them several times faster.
  const lines = j.lines.map((l, i) => {
    const path = `lines[${i}]`;
    functionCode(l.functionCode, `${path}.functionCode`);
    econCode(l.econCode, `${path}.econCode`);
    if (l.govEconCode) govEconCode(l.govEconCode, `${path}.govEconCode`);
    if (l.kind === 'project' && !l.projectId) errors.push({ path: `${path}.projectId`, message: 'a project line needs projectId' });
    if (l.projectId && !projectIds.has(l.projectId)) errors.push({ path: `${path}.projectId`, message: `project "${l.projectId}" does not exist in projects` });
    if (l.kind !== 'project' && l.projectId) errors.push({ path: `${path}.projectId`, message: `a ${l.kind} line cannot belong to a project` });
    if (l.unit !== undefined && unitCodes.size > 0 && !unitCodes.has(l.unit)) errors.push({ path: `${path}.unit`, message: `unit "${l.unit}" is not in units` });
    if (j.scope === 'department' && !l.unit) errors.push({ path: `${path}.unit`, message: 'a department budget line names its unit' });
    return toLine(l, fen(l.amount, `${path}.amount`), i);
  });

  const linesBySource = Object.fromEntries(FUNDING_SOURCES.map((s) => [s, 0])) as Record<FundingSource, number>;
  for (const l of lines) linesBySource[l.source] += l.amount;
  const income = {} as Record<FundingSource, number>;
  const incomeStated = {} as Record<FundingSource, boolean>;
  for (const s of FUNDING_SOURCES) {
    const stated = j.income[s];
    incomeStated[s] = stated !== undefined;
    income[s] = stated !== undefined ? fen(stated, `income.${s}`) : linesBySource[s];
  }

  const tp = (t: BudgetJson['threePublic'], path: string): ThreePublic | undefined =>
    t && {
      abroad: fen(t.abroad, `${path}.abroad`),
      vehiclePurchase: fen(t.vehiclePurchase, `${path}.vehiclePurchase`),
      vehicleRunning: fen(t.vehicleRunning, `${path}.vehicleRunning`),
      reception: fen(t.reception, `${path}.reception`),
    };

  const refProject = (id: string | undefined, path: string) => {
    if (id && !projectIds.has(id)) errors.push({ path, message: `project "${id}" does not exist in projects` });
  };
  const procurement = j.procurement.map((p, i) => (refProject(p.projectId, `procurement[${i}].projectId`), Object.assign({}, p, { amount: fen(p.amount, `procurement[${i}].amount`) })));
  const purchasedServices = j.purchasedServices.map((p, i) => (refProject(p.projectId, `purchasedServices[${i}].projectId`), Object.assign({}, p, { amount: fen(p.amount, `purchasedServices[${i}].amount`) })));
  const debt = j.debt.map((d, i) => {
    if (d.functionCode) functionCode(d.functionCode, `debt[${i}].functionCode`);
    return Object.assign({}, d, { amount: fen(d.amount, `debt[${i}].amount`) });
  });
  const p = j.prior;
  const opt = (v: string | number | undefined, path: string) => (v === undefined ? undefined : fen(v, path));
  // Every field named, in the order a spread of j would give, so every budget has one hidden class
  // (the projection and the rules read it throughout); absent optional fields are undefined, which
  // JSON.stringify leaves out as before.
  const budget: Budget = {
    $schema: j.$schema,
    year: j.year,
    approvalDate: j.approvalDate,
    scope: j.scope,
    unit: j.unit,
    units: j.units,
    income,
    lines,
    projects: j.projects,
    overallGoal: { tasks: j.overallGoal.tasks.map((t, i) => Object.assign({}, t, { amount: fen(t.amount, `overallGoal.tasks[${i}].amount`) })), goals: j.overallGoal.goals, indicators: j.overallGoal.indicators },
    threePublic: tp(j.threePublic, 'threePublic'),
    procurement,
    purchasedServices,
    debt,
    prior: {
      total: opt(p.total, 'prior.total'),
      basic: opt(p.basic, 'prior.basic'),
      project: opt(p.project, 'prior.project'),
      threePublic: tp(p.threePublic, 'prior.threePublic'),
      operatingCost: opt(p.operatingCost, 'prior.operatingCost'),
      procurement: opt(p.procurement, 'prior.procurement'),
    },
    reasons: j.reasons,
    codeNames: j.codeNames,
    incomeStated,
  };
  return errors.length ? { errors, warnings } : { budget, errors, warnings };
}

/**
 * A line as one object literal with every field present (an absent optional one is undefined), so all
 * lines share one hidden class: the projection and the rules read line fields on hundreds of lines per
 * unit, and copying the parsed object gave a shape per combination of optional fields, which the JIT
 * deoptimised and recompiled as each new one arrived. JSON.stringify drops the undefined fields.
 */
function toLine(l: BudgetJson['lines'][number], amount: number, index: number): Line {
  return {
    unit: l.unit,
    functionCode: l.functionCode,
    econCode: l.econCode,
    govEconCode: l.govEconCode,
    kind: l.kind,
    source: l.source,
    projectId: l.projectId,
    amount,
    note: l.note,
    index,
  };
}

/** Validates or throws BudgetError (for callers that want an exception). */
export function parseBudget(input: unknown, opts: { catalog?: Catalog } = {}): { budget: Budget; warnings: Issue[] } {
  const r = validateBudget(input, opts);
  if (!r.budget) throw new BudgetError(r.errors);
  return { budget: r.budget, warnings: r.warnings };
}

/** What a code check says about one code, wherever it occurs. */
type Verdict = { error: boolean; message: string }[];

/**
 * Checks each distinct code once per budget (a unit repeats a few dozen codes over hundreds of
 * lines) and reports the verdict at every path where the code occurs, in input order.
 */
function codeChecker(check: (code: string) => Verdict, errors: Issue[], warnings: Issue[]) {
  const seen = new Map<string, Verdict>();
  return (code: string, path: string) => {
    let verdict = seen.get(code);
    if (!verdict) seen.set(code, (verdict = check(code)));
    for (const v of verdict) (v.error ? errors : warnings).push({ path, message: v.message });
  };
}

const error = (message: string) => ({ error: true, message });
const warning = (message: string) => ({ error: false, message });

function checkFunctionCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  const section = code.slice(0, 5);
  if (!/^2\d\d$/.test(cls) || !cat.function.has(cls)) {
    return [error(`${code} is not under any function class (类) of the ${cat.year} catalog (${cls} is not a 类 code)`)];
  }
  if (code.slice(5) === '00' || section.slice(3) === '00') {
    return [error(`${code} is not a 项 code under ${section} (项 and 款 digits cannot be 00)`)];
  }
  const hit = cat.function.get(code);
  const given = j.codeNames[code];
  if (!hit) {
    const out = [warning(`${code} is not in the ${cat.year} catalog; ${given ? `name taken from the input (${given})` : 'no name known'}`)];
    if (!cat.function.has(section) && !j.codeNames[section]) out.push(warning(`${section} (款 of ${code}) is not in the ${cat.year} catalog`));
    return out;
  }
  return given && given !== hit.name ? [warning(`${code}: input name "${given}" differs from the catalog's "${hit.name}"`)] : [];
}

function checkEconCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  if (!/^3\d\d$/.test(cls)) {
    return [error(`${code} is not a department economic code (部门预算支出经济分类 codes start with 3; ${cls} is not a 类)`)];
  }
  if (code.slice(3) === '00') return [error(`${code} is not a 款 code under ${cls}`)];
  const out: Verdict = [];
  if (!cat.deptEcon.has(cls) && !j.codeNames[cls]) out.push(warning(`${cls} (类 of ${code}) is not in the ${cat.year} catalog`));
  if (!cat.deptEcon.has(code)) {
    const given = j.codeNames[code];
    out.push(warning(`${code} is not in the ${cat.year} catalog; ${given ? `name taken from the input (${given})` : 'no name known'}`));
  }
  return out;
}

function checkGovEconCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  if (!/^5\d\d$/.test(cls) || code.slice(3) === '00') {
    return [error(`${code} is not a government economic 款 code (政府预算支出经济分类 款 codes are 5 digits under a 5xx 类)`)];
  }
  return !cat.govEcon.has(code) && !j.codeNames[code] ? [warning(`${code} is not in the ${cat.year} catalog; no name known`)] : [];
}
