/**
 * Glossary (名词解释) vs the tables: one entry for every function item (项) code the tables use,
 * no entries for codes they do not use, and the template's standard terms.
 */
import type { RuleContext } from './context.ts';
import { finding } from './finding.ts';
import { columnOf, normName, type Matrix } from '../printed/matrix.ts';
import type { TableRole } from '../printed/table-roles.ts';
import { BASIS, type Finding, type Rule } from './types.ts';
import { memoize } from '../util/memo.ts';

const SECTION = '名词解释';
const FUNCTION_ROLES: TableRole[] = ['expenditure', 'general-expenditure', 'function-expenditure', 'fund-expenditure', 'state-capital-expenditure', 'income'];

export interface UsedCode {
  code: string;
  names: [string, string, string];
}

/** Function item codes printed in the tables, with the class/section/item names as printed. */
export function usedFunctionItems(ctx: RuleContext): UsedCode[] {
  return ctx.memo('glossary.used-items', () => computeUsedItems(ctx));
}

function computeUsedItems(ctx: RuleContext): UsedCode[] {
  const names = new Map<string, string>();
  const items = new Set<string>();
  const matrices = ctx.disclosure.tables.filter((t) => FUNCTION_ROLES.includes(ctx.role(t)!)).map((t) => ctx.matrix(t)!) as Matrix[];
  for (const m of matrices) {
    if (!columnOf(m, 'total') && m.columns.length === 0) continue;
    for (const r of m.rows) {
      if (r.level === 0) continue;
      if (!names.has(r.code)) names.set(r.code, r.name);
      if (r.code.length === 7) items.add(r.code);
    }
  }
  const cat = (code: string) => names.get(code) ?? '';
  return [...items].map((code) => ({ code, names: [cat(code.slice(0, 3)), cat(code.slice(0, 5)), cat(code)] }));
}

/** "一般公共服务（类）财政事务（款）行政运行（项）" → its three names; undefined for other terms. */
function entryNames(term: string): [string, string, string] | undefined {
  const t = normName(term);
  const m = /^(.+?)\(类\)(.+?)\(款\)(.+?)\(项\)$/.exec(t);
  return m ? [m[1]!, m[2]!, m[3]!] : undefined;
}

function key(name: string): string {
  return normName(name)
    .replace(/支出$/, '')
    .replace(/[()（）]/g, '');
}

function entryCode(term: string): string | undefined {
  return /(?<!\d)(\d{7})(?!\d)/.exec(term.replace(/\s+/g, ''))?.[1];
}

/** What a glossary entry names: an item code, or the class/section/item name keys. */
interface Entry {
  code: string | undefined;
  keys: string[] | undefined;
  isCode: boolean;
}

/** Entries read by term, across checks: the same standard entries recur from unit to unit. */
const readEntry = memoize(
  (term: string): Entry => {
    const code = entryCode(term);
    const names = entryNames(term);
    const keys = names ? names.map(key) : undefined;
    return { code, keys, isCode: !!code || !!names || /\(项\)|（项）/.test(term) };
  },
  { maxEntries: 5_000 },
);

function glossaryEntries(ctx: RuleContext): Entry[] {
  return ctx.memo('glossary.entries', () => (ctx.disclosure.glossary ?? []).map((e) => readEntry(`${e.term}`)));
}

interface UsedKeys {
  code: string;
  keys: string[];
  /** The class name is not printed: any class name matches. */
  anyClass: boolean;
}

function usedKeys(ctx: RuleContext): UsedKeys[] {
  return ctx.memo('glossary.used-keys', () => usedFunctionItems(ctx).map((u) => ({ code: u.code, keys: u.names.map(key), anyClass: u.names[0] === '' })));
}

function matches(e: Entry, used: UsedKeys): boolean {
  if (e.code) return e.code === used.code;
  const k = e.keys;
  if (!k) return false;
  for (let i = 0; i < 3; i++) if (k[i] !== used.keys[i] && !(i === 0 && used.anyClass)) return false;
  return true;
}

/** Only templates that require one entry per function item code (Liaoning) get the code checks. */
const coversCodes = (ctx: RuleContext) => ctx.templateKnown && ctx.template.glossaryCoversFunctionCodes === true;

const missingCode: Rule = {
  id: 'glossary.missing-code',
  title: '名词解释缺少表中使用的功能分类科目（项）',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'glossary',
  basis: `${BASIS.rules143}：对本部门使用的功能分类科目作出解释`,
  related: ['glossary.unused-code'],
  check(ctx) {
    if (!coversCodes(ctx)) return [];
    const entries = glossaryEntries(ctx);
    const keys = usedKeys(ctx);
    const out: Finding[] = [];
    usedFunctionItems(ctx).forEach((u, k) => {
      if (entries.some((e) => matches(e, keys[k]!))) return;
      const path = u.names.filter(Boolean).join(' / ');
      out.push(finding(this, `名词解释缺少表中使用的功能分类科目 ${u.code} ${u.names[2]}（${path}）的解释`, { section: SECTION, row: u.code }, { expected: `${u.code} ${u.names[2]}`, found: '缺失' }));
    });
    return out;
  },
};

const unusedCode: Rule = {
  id: 'glossary.unused-code',
  title: '名词解释了表中未使用的功能分类科目',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'glossary',
  basis: `${BASIS.rules143}：名词解释应与本部门公开内容对应`,
  related: ['glossary.missing-code'],
  check(ctx) {
    if (!coversCodes(ctx)) return [];
    const used = usedFunctionItems(ctx);
    if (used.length === 0) return [];
    const keys = usedKeys(ctx);
    const entries = glossaryEntries(ctx);
    const out: Finding[] = [];
    (ctx.disclosure.glossary ?? []).forEach((e, i) => {
      const entry = entries[i]!;
      if (!entry.isCode || keys.some((u) => matches(entry, u))) return;
      out.push(
        finding(this, `名词解释第${i + 1}条“${e.term}”解释的功能分类科目在表中未使用（表中使用的项为 ${used.map((u) => u.code).join('、')}）`, { section: SECTION, row: e.term }, { found: e.term }),
      );
    });
    return out;
  },
};

const missingTerm: Rule = {
  id: 'glossary.missing-term',
  title: '名词解释缺少模板规定的术语',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'glossary',
  basis: `${BASIS.template}（名词解释部分）`,
  check(ctx) {
    if (!ctx.templateKnown) return [];
    const have = (ctx.disclosure.glossary ?? []).map((e) => normName(e.term).replace(/[“”‘’"]/g, ''));
    const kind = ctx.disclosure.unit.kind;
    const out: Finding[] = [];
    const opCost = ctx.template.glossaryTerms.filter((t) => t.unitKinds);
    for (const t of ctx.template.glossaryTerms) {
      if (t.unitKinds) continue;
      const n = normName(t.term).replace(/[“”‘’"]/g, '');
      if (have.some((h) => h === n || h.includes(n))) continue;
      out.push(finding(this, `名词解释缺少“${t.term}”`, { section: SECTION, row: t.term }, { expected: t.term, found: '缺失' }));
    }
    // Operating costs: the entry matching the unit's kind (行政/参公 → 机关运行经费, 事业 → 事业运行经费), either when unknown.
    const wanted = opCost.filter((t) => !kind || t.unitKinds!.includes(kind));
    if (wanted.length && !wanted.some((t) => have.includes(normName(t.term)))) {
      const term = wanted.map((t) => t.term).join('或');
      out.push(finding(this, `名词解释缺少“${term}”`, { section: SECTION, row: term }, { expected: term, found: '缺失' }));
    }
    return out;
  },
};

export const GLOSSARY_RULES: Rule[] = [missingCode, unusedCode, missingTerm];
