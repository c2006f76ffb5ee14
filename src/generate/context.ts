/**
 * What every projection reads: the validated budget, its rounded atoms (rounding.ts), the catalog,
 * the template, and a warning sink. Atoms pair a line with its rounded amount and derived codes.
 */
import type { Budget, FundingSource, Line, LineKind, UnitKind } from '../core/budget.ts';
import { govEconFor, type Catalog } from '../core/catalog.ts';
import { printWan } from '../core/money.ts';
import type { Issue } from '../core/budget-validate.ts';
import type { Template } from '../core/template.ts';
import { classOf, sumByCode, type CodeSums, type RowKind } from './code-sums.ts';
import { roundBudget, type RoundedBudget } from './rounding.ts';

export interface Atom {
  line: Line;
  /** Rounded amount in hundredths of 万元. */
  cents: number;
  unitKind: UnitKind;
  /** Government economic code (explicit, else by the correspondence, else 59999 with a warning). */
  govEconCode: string;
  /** The line's kind × funding source (code-sums.ts classOf). */
  lineClass: number;
}

export type CodeKind = 'function' | 'dept-econ' | 'gov-econ';

export interface BuildContext {
  budget: Budget;
  catalog: Catalog;
  template: Template;
  rounded: RoundedBudget;
  atoms: Atom[];
  warnings: Issue[];
  /** Name of a code: catalog, else budget.codeNames, else "" with one warning per code. */
  nameOf(kind: CodeKind, code: string): string;
  unitName(code: string): string;
  /** The atoms summed by code (or unit) and line class; computed on first use, then shared. */
  sumsBy(rows: RowKind): CodeSums;
  /**
   * A printed amount cell: 万元 with two decimals and separators; zero prints blank, as the
   * reference does. Formatted once per distinct amount (the tables repeat their figures).
   */
  cell(cents: number): string;
}

/** Fiscal appropriation sources (财政拨款). */
export const FISCAL_SOURCES: readonly FundingSource[] = ['general', 'fund', 'stateCapital'];
/** 单位资金. */
export const UNIT_OWN_SOURCES: readonly FundingSource[] = ['operating', 'business', 'superior', 'subordinate', 'other'];
export const BASIC_KINDS: readonly LineKind[] = ['personnel', 'public'];

/** Where an unmapped department code is booked in the government economic table. */
export const UNMAPPED_GOV_ECON = '59999';

/** What every projection of one build shares: the budget rounded once into atoms, the catalogue, the template, code sums made on first use. */
export function createContext(budget: Budget, catalog: Catalog, template: Template): BuildContext {
  const warnings: Issue[] = [];
  const warned = new Set<string>();
  const warnOnce = (key: string, w: Issue) => {
    if (warned.has(key)) return;
    warned.add(key);
    warnings.push(w);
  };
  const rounded = roundBudget(budget);
  const atoms = makeAtoms(budget, catalog, rounded.lineCents, warnOnce);
  const maps = { function: catalog.function, 'dept-econ': catalog.deptEcon, 'gov-econ': catalog.govEcon } as const;
  const fallbackNames: Record<string, string> = { [UNMAPPED_GOV_ECON]: '其他支出', '599': '其他支出' };
  const sums = new Map<RowKind, CodeSums>();
  const printed = new Map<number, string>();
  return {
    budget,
    catalog,
    template,
    rounded,
    atoms,
    warnings,
    nameOf(kind, code) {
      const hit = maps[kind].get(code)?.name ?? budget.codeNames[code] ?? (kind === 'gov-econ' ? fallbackNames[code] : undefined);
      if (hit !== undefined) return hit;
      warnOnce(`name|${kind}|${code}`, { path: `codeNames.${code}`, message: `${kindLabel[kind]} ${code} 不在 ${catalog.year} 年科目表中，codeNames 中也没有名称：公开表中该科目印为空名称` });
      return '';
    },
    unitName(code) {
      if (code === budget.unit.code) return budget.unit.name;
      return budget.units.find((u) => u.code === code)?.name ?? code;
    },
    sumsBy(rows) {
      let s = sums.get(rows);
      if (!s) sums.set(rows, (s = sumByCode(atoms, rows, budget.unit.code)));
      return s;
    },
    cell(cents) {
      if (cents === 0) return '';
      let text = printed.get(cents);
      if (text === undefined) printed.set(cents, (text = printWan(cents, true)));
      return text;
    },
  };
}

function makeAtoms(budget: Budget, catalog: Catalog, lineCents: readonly number[], warnOnce: (key: string, w: Issue) => void): Atom[] {
  const kindOfUnit = new Map<string, UnitKind>();
  for (const u of budget.units) kindOfUnit.set(u.code, u.kind);
  const atoms: Atom[] = [];
  const lines = budget.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const unitKind = (line.unit && kindOfUnit.get(line.unit)) || budget.unit.kind;
    let gov = line.govEconCode ?? govEconCached(catalog, line.econCode, unitKind);
    if (!gov) {
      warnOnce(`gov|${line.econCode}|${unitKind}`, unmappedWarning(line, unitKind, catalog));
      gov = UNMAPPED_GOV_ECON;
    }
    atoms.push({ line, cents: lineCents[i]!, unitKind, govEconCode: gov, lineClass: classOf(line) });
  }
  return atoms;
}

function unmappedWarning(line: Line, unitKind: UnitKind, catalog: Catalog): Issue {
  return {
    path: `lines[${line.index}].econCode`,
    message: `第${line.index + 1}条支出明细（lines[${line.index}]）部门经济分类科目 ${line.econCode} 在 ${catalog.year} 年两套经济分类对应关系中没有${unitKind}单位对应的政府预算经济分类科目：在政府预算经济分类表中记入 ${UNMAPPED_GOV_ECON}（可填写 govEconCode 指定）`,
  };
}

/** govEconFor per catalog, unit kind and code: units repeat the same few dozen codes. */
const govEconMemo = new WeakMap<Catalog, Map<UnitKind, Map<string, string | undefined>>>();

function govEconCached(catalog: Catalog, econCode: string, kind: UnitKind): string | undefined {
  let byKind = govEconMemo.get(catalog);
  if (!byKind) govEconMemo.set(catalog, (byKind = new Map()));
  let byCode = byKind.get(kind);
  if (!byCode) byKind.set(kind, (byCode = new Map()));
  if (byCode.has(econCode)) return byCode.get(econCode);
  const gov = govEconFor(catalog, econCode, kind);
  byCode.set(econCode, gov);
  return gov;
}

const kindLabel: Record<CodeKind, string> = { function: '支出功能分类科目', 'dept-econ': '部门预算支出经济分类科目', 'gov-econ': '政府预算支出经济分类科目' };
