/**
 * Part 4 (名词解释): the template's standard terms for the unit's kind, then one entry per function
 * 项 code the tables use (lines and debt items), and none other. Entry text: the catalog's
 * description, else the Ministry of Finance's standard wording for the item's name pattern, else a
 * sentence built from the names.
 */
import type { GlossaryEntry } from '../core/disclosure.ts';
import type { BuildContext } from './context.ts';

const STANDARD_ITEM_TEXT: [RegExp, string][] = [
  [/^行政运行$/, '反映行政单位（包括实行公务员管理的事业单位）的基本支出。'],
  [/^一般行政管理事务$/, '反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。'],
  [/^机关服务$/, '反映为行政单位（包括实行公务员管理的事业单位）提供后勤服务的各类后勤服务中心、医务室等附属事业单位的支出。'],
  [/^事业运行$/, '反映事业单位的基本支出，不包括行政单位（包括实行公务员管理的事业单位）后勤服务中心、医务室等附属事业单位。'],
];

/** Function 项 codes printed in the tables, in code order. */
export function functionItemsUsed(ctx: BuildContext): string[] {
  const codes = new Set<string>();
  for (const a of ctx.atoms) codes.add(a.line.functionCode);
  for (const d of ctx.budget.debt) if (d.functionCode) codes.add(d.functionCode);
  return [...codes].sort();
}

/** The glossary's explanation of a function item: the catalogue's description, a standard text, or one made from its name. */
export function itemText(ctx: BuildContext, code: string, itemName: string, sectionName: string): string {
  const described = ctx.catalog.functionDescriptions.get(code);
  if (described) return described;
  for (const [re, text] of STANDARD_ITEM_TEXT) if (re.test(itemName)) return text;
  if (/^其他.*支出$/.test(itemName)) return `反映除上述项目以外其他用于${sectionName || itemName.replace(/^其他|支出$/g, '')}方面的支出。`;
  return `反映${itemName || code}方面的支出。`;
}

/** The glossary (名词解释): the template's terms and every function item the tables use. */
export function projectGlossary(ctx: BuildContext): GlossaryEntry[] {
  const kinds = new Set<string>([ctx.budget.unit.kind]);
  for (const u of ctx.budget.units) kinds.add(u.kind);
  const out: GlossaryEntry[] = [];
  for (const g of ctx.template.glossaryTerms) if (!g.unitKinds || g.unitKinds.some((k) => kinds.has(k))) out.push({ term: g.term, text: g.text });
  for (const code of functionItemsUsed(ctx)) out.push(itemEntry(ctx, code));
  return out;
}

function itemEntry(ctx: BuildContext, code: string): GlossaryEntry {
  const cls = ctx.nameOf('function', code.slice(0, 3));
  const sec = ctx.nameOf('function', code.slice(0, 5));
  const item = ctx.nameOf('function', code);
  return { term: `${cls}（类）${sec}（款）${item}（项）`, text: itemText(ctx, code, item, sec) };
}
