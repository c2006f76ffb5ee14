/**
 * Validates budget JSON: shape (zod, strict: an unknown field is an error with the closest known
 * name suggested), amounts (exact fen), references (projects, units) and codes against the year's
 * catalog. Every message is Chinese and names its place ("第4条支出明细（lines[3]）金额不能为负数");
 * `path` keeps the field path for programs (and for locating it in JSON text, budget-json.ts).
 * A code the catalog lacks (item, or the 类/款 above it) is an error against an official list in full
 * and a warning against the partial lists shipped (data/catalogs/SOURCES.md); a malformed code (wrong
 * length, a 00 part, not under a 2xx / 3xx / 5xx 类) is always an error.
 */
import { BudgetSchema, FUNDING_SOURCES, type Budget, type BudgetJson, type FundingSource, type Line, type ThreePublic } from './budget.ts';
import { describePlace, formatPath, issueMessages, type PathPart } from './budget-messages.ts';
import { CATALOG_LIST_NAMES, loadCatalog, type Catalog, type CatalogListKind } from './catalog.ts';
import { asFen, MoneyError, yuanToFen, type Fen } from './money.ts';

export { formatPath } from './budget-messages.ts';

export interface Issue {
  /** Field path, `lines[3].amount` (English: what a program or the JSON names). */
  path: string;
  /** Chinese, naming the place itself. */
  message: string;
  /** The classification code a catalogue message is about (a line's code, or the 类/款 above it). */
  code?: string;
  /** Where the field is in the JSON text it came from (1-based), when known. */
  line?: number;
  column?: number;
}

export interface BudgetResult {
  budget?: Budget;
  errors: Issue[];
  warnings: Issue[];
}

export class BudgetError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

/** Every key of T, optional ones included: an object literal of this type must name them all. */
type AllOf<T> = { [K in keyof Required<T>]: T[K] };

/** Validates and converts; never throws on user data. */
export function validateBudget(input: unknown, opts: { catalog?: Catalog } = {}): BudgetResult {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const parsed = BudgetSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      for (const m of issueMessages(issue, input, BudgetSchema)) errors.push({ path: formatPath(m.path), message: m.message });
    }
    return { errors, warnings };
  }
  const j = parsed.data;
  const cat = opts.catalog ?? loadCatalog(j.year);
  const error = (path: PathPart[], message: string) => errors.push({ path: formatPath(path), message });

  const fen = (v: string | number | undefined, path: PathPart[]): Fen => {
    if (v === undefined) return asFen(0);
    try {
      // The place is spelt out only for a message (this runs for every amount of every budget).
      const n = yuanToFen(v);
      if (n < 0) error(path, `${describePlace(path)}不能为负数（现为 ${v}）`);
      return n;
    } catch (e) {
      if (!(e instanceof MoneyError)) throw e;
      const problem = /exact integer range/.test(e.message)
        ? '超出可精确计算的范围'
        : /^\s*-?\d+\.\d{3,}\s*$/.test(String(v))
          ? '最多只能有两位小数（以元为单位）'
          : '不是金额（应为以元为单位的数字，最多两位小数）';
      error(path, `${describePlace(path)}${problem}，现为“${v}”`);
      return asFen(0);
    }
  };

  const projectIds = new Set<string>();
  j.projects.forEach((p, i) => {
    if (projectIds.has(p.id)) error(['projects', i, 'id'], `${describePlace(['projects', i, 'id'])}“${p.id}”与前面的项目重复`);
    projectIds.add(p.id);
  });
  const unitCodes = new Set(j.units.map((u) => u.code));
  if (j.scope === 'department' && unitCodes.size === 0) error(['units'], '部门预算（scope 为 department）须在 units 中列出所属单位');

  const functionCode = codeChecker((code) => checkFunctionCode(code, cat, j), errors, warnings);
  const econCode = codeChecker((code) => checkEconCode(code, cat, j), errors, warnings);
  const govEconCode = codeChecker((code) => checkGovEconCode(code, cat, j), errors, warnings);
  const missingProject = (id: string, path: PathPart[]) => error(path, `${describePlace(path)}“${id}”在项目清单（projects）中不存在`);
  // No closures or spreads per line: lines are the bulk of a budget, and this runs for every one.
  const lines: Line[] = j.lines.map((l, i) => {
    functionCode(l.functionCode, ['lines', i, 'functionCode']);
    econCode(l.econCode, ['lines', i, 'econCode']);
    if (l.govEconCode) govEconCode(l.govEconCode, ['lines', i, 'govEconCode']);
    if (l.kind === 'project' && !l.projectId) error(['lines', i, 'projectId'], `${describePlace(['lines', i])}是项目支出，须填写项目编号（projectId）`);
    if (l.projectId && !projectIds.has(l.projectId)) missingProject(l.projectId, ['lines', i, 'projectId']);
    if (l.kind !== 'project' && l.projectId) {
      error(['lines', i, 'projectId'], `${describePlace(['lines', i])}是${l.kind === 'personnel' ? '人员经费' : '公用经费'}（基本支出），不能属于项目（请删去 projectId 或把 kind 改为 project）`);
    }
    if (l.unit !== undefined && unitCodes.size > 0 && !unitCodes.has(l.unit)) error(['lines', i, 'unit'], `${describePlace(['lines', i, 'unit'])}“${l.unit}”不在所属单位（units）中`);
    if (j.scope === 'department' && !l.unit) error(['lines', i, 'unit'], `${describePlace(['lines', i])}须填写所属单位编码（unit）：部门预算的每条支出都属于一个单位`);
    // Every field named (a spread of the parsed line is 2× slower over a province): lines share one
    // shape. `AllOf` makes tsc name a field added to LineSchema here; the round-trip test checks it too.
    const line: AllOf<Line> = {
      unit: l.unit,
      functionCode: l.functionCode,
      econCode: l.econCode,
      govEconCode: l.govEconCode,
      kind: l.kind,
      source: l.source,
      projectId: l.projectId,
      amount: fen(l.amount, ['lines', i, 'amount']),
      note: l.note,
      index: i,
    };
    return line;
  });

  const linesBySource = Object.fromEntries(FUNDING_SOURCES.map((s) => [s, asFen(0)])) as Record<FundingSource, Fen>;
  for (const l of lines) linesBySource[l.source] = asFen(linesBySource[l.source] + l.amount);
  const income = {} as Record<FundingSource, Fen>;
  const incomeStated = {} as Record<FundingSource, boolean>;
  for (const s of FUNDING_SOURCES) {
    const stated = j.income[s];
    incomeStated[s] = stated !== undefined;
    income[s] = stated !== undefined ? fen(stated, ['income', s]) : linesBySource[s];
  }

  const tp = (t: BudgetJson['threePublic'], path: PathPart[]): ThreePublic | undefined =>
    t && {
      abroad: fen(t.abroad, [...path, 'abroad']),
      vehiclePurchase: fen(t.vehiclePurchase, [...path, 'vehiclePurchase']),
      vehicleRunning: fen(t.vehicleRunning, [...path, 'vehicleRunning']),
      reception: fen(t.reception, [...path, 'reception']),
    };
  const refProject = (id: string | undefined, path: PathPart[]) => {
    if (id && !projectIds.has(id)) missingProject(id, path);
  };
  const opt = (v: string | number | undefined, path: PathPart[]) => (v === undefined ? undefined : fen(v, path));
  const p = j.prior;

  // The parsed value with its amounts converted: every field of the schema is carried over,
  // including ones added later (budget-validate.test.ts round-trips every schema key).
  const budget: Budget = {
    ...j,
    income,
    lines,
    overallGoal: { ...j.overallGoal, tasks: j.overallGoal.tasks.map((t, i) => ({ ...t, amount: fen(t.amount, ['overallGoal', 'tasks', i, 'amount']) })) },
    threePublic: tp(j.threePublic, ['threePublic']),
    procurement: j.procurement.map((x, i) => (refProject(x.projectId, ['procurement', i, 'projectId']), { ...x, amount: fen(x.amount, ['procurement', i, 'amount']) })),
    purchasedServices: j.purchasedServices.map((x, i) => (refProject(x.projectId, ['purchasedServices', i, 'projectId']), { ...x, amount: fen(x.amount, ['purchasedServices', i, 'amount']) })),
    debt: j.debt.map((d, i) => {
      if (d.functionCode) functionCode(d.functionCode, ['debt', i, 'functionCode']);
      return { ...d, amount: fen(d.amount, ['debt', i, 'amount']) };
    }),
    prior: {
      ...p,
      total: opt(p.total, ['prior', 'total']),
      basic: opt(p.basic, ['prior', 'basic']),
      project: opt(p.project, ['prior', 'project']),
      threePublic: tp(p.threePublic, ['prior', 'threePublic']),
      operatingCost: opt(p.operatingCost, ['prior', 'operatingCost']),
      procurement: opt(p.procurement, ['prior', 'procurement']),
    },
    incomeStated,
  };
  return errors.length ? { errors, warnings } : { budget, errors, warnings };
}

/** Validates or throws BudgetError (for callers that want an exception). */
export function parseBudget(input: unknown, opts: { catalog?: Catalog } = {}): { budget: Budget; warnings: Issue[] } {
  const r = validateBudget(input, opts);
  if (!r.budget) throw new BudgetError(r.errors);
  return { budget: r.budget, warnings: r.warnings };
}

/** What a code check says about one code, wherever it occurs: messages completed by the place. */
type Verdict = { error: boolean; message: (place: string) => string; code?: string }[];

/**
 * Checks each distinct code once per budget (a unit repeats a few dozen codes over hundreds of
 * lines) and reports the verdict at every path where the code occurs, in input order.
 */
function codeChecker(check: (code: string) => Verdict, errors: Issue[], warnings: Issue[]) {
  const seen = new Map<string, Verdict>();
  return (code: string, path: PathPart[]) => {
    let verdict = seen.get(code);
    if (!verdict) seen.set(code, (verdict = check(code)));
    if (verdict.length === 0) return;
    const place = describePlace(path);
    for (const v of verdict) (v.error ? errors : warnings).push({ path: formatPath(path), message: v.message(place), code: v.code ?? code });
  };
}

const error = (message: (place: string) => string, code?: string) => ({ error: true, message, code });
const warning = (message: (place: string) => string, code?: string) => ({ error: false, message, code });

/**
 * A code the list lacks: an error against an official list in full; against a partial list a
 * warning that says where the printed name will come from.
 */
function absent(cat: Catalog, list: CatalogListKind, code: string, given: string | undefined): Verdict[number] {
  const listName = `${cat.year}年${CATALOG_LIST_NAMES[list]}`;
  if (cat.complete[list]) return error((place) => `${place} ${code} 不在${listName}中`);
  const name = given ? `名称取自 codeNames（${given}）` : `也没有在 codeNames 中给出名称，公开表中该科目将没有名称；请核对编码，或在 codeNames 中填写 "${code}": "科目名称"`;
  return warning((place) => `${place} ${code} 不在已收录的${listName}（不完整）中；${name}`);
}

function checkFunctionCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  const section = code.slice(0, 5);
  if (!/^2\d\d$/.test(cls)) return [error((place) => `${place} ${code} 不是支出功能分类科目（应以 2 开头，${cls} 不是类编码）`)];
  if (!cat.function.has(cls) && (cat.complete.function || !j.codeNames[cls])) {
    // The shipped 类 list lacks real classes (203, 222, 229 …): only an official list in full can refuse one.
    if (cat.complete.function) return [error((place) => `${place} ${code} 不属于${cat.year}年支出功能分类的任何类（${cls} 不是类编码）`)];
    return [
      warning((place) => `${place} ${code} 所属的类 ${cls} 不在已收录的${cat.year}年支出功能分类科目（不完整）中，请核对编码；公开表中该类将没有名称，可在 codeNames 中填写 "${cls}": "类名称"`, cls),
      ...checkFunctionItem(code, cat, j),
    ];
  }
  if (code.slice(5) === '00' || section.slice(3) === '00') {
    return [error((place) => `${place} ${code} 不是 ${section} 下的项编码（款、项两位都不能是 00）`)];
  }
  return checkFunctionItem(code, cat, j);
}

/** A well-formed function code under a known (or named) 类: its 款 and 项 against the list. */
function checkFunctionItem(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const section = code.slice(0, 5);
  const hit = cat.function.get(code);
  const given = j.codeNames[code];
  if (!hit) {
    const out = [absent(cat, 'function', code, given)];
    if (!cat.function.has(section) && !j.codeNames[section] && !cat.complete.function) {
      out.push(warning((place) => `${place} ${code} 所属的款 ${section} 不在已收录的${cat.year}年支出功能分类科目中，公开表中该款将没有名称；可在 codeNames 中填写 "${section}"`, section));
    }
    return out;
  }
  return given && given !== hit.name ? [warning((place) => `${place} ${code}：codeNames 中的名称“${given}”与科目表的“${hit.name}”不同，公开表用科目表的名称`)] : [];
}

function checkEconCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  if (!/^3\d\d$/.test(cls)) {
    return [error((place) => `${place} ${code} 不是部门预算支出经济分类科目（应以 3 开头，${cls} 不是类编码）`)];
  }
  if (code.slice(3) === '00') return [error((place) => `${place} ${code} 不是 ${cls} 下的款编码（款两位不能是 00）`)];
  const out: Verdict = [];
  if (!cat.deptEcon.has(cls) && !j.codeNames[cls]) {
    if (cat.complete.deptEcon) return [error((place) => `${place} ${code} 不属于${cat.year}年部门预算支出经济分类的任何类（${cls} 不是类编码）`)];
    out.push(warning((place) => `${place} ${code} 所属的类 ${cls} 不在已收录的${cat.year}年部门预算支出经济分类科目（不完整）中，公开表中该类将没有名称；可在 codeNames 中填写 "${cls}"`, cls));
  }
  if (!cat.deptEcon.has(code)) out.push(absent(cat, 'deptEcon', code, j.codeNames[code]));
  return out;
}

function checkGovEconCode(code: string, cat: Catalog, j: BudgetJson): Verdict {
  const cls = code.slice(0, 3);
  if (!/^5\d\d$/.test(cls) || code.slice(3) === '00') {
    return [error((place) => `${place} ${code} 不是政府预算支出经济分类的款编码（5 位，以 5 开头的类下，款两位不能是 00）`)];
  }
  // A name given in codeNames is enough against a partial list (the name is all the table needs).
  if (cat.govEcon.has(code) || (j.codeNames[code] && !cat.complete.govEcon)) return [];
  return [absent(cat, 'govEcon', code, j.codeNames[code])];
}
