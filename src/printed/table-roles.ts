/**
 * Which template role a printed table plays. Tables carry the template `key` when the generator or
 * reader knew it; otherwise the role comes from the template entry with the same number and title,
 * and as a last resort from the title's wording, so rules work on any province's layout.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TableRole, Template } from '../core/template.ts';
import { memoize } from '../util/memo.ts';

export type { TableRole } from '../core/template.ts';

const ROLES = new Set<string>([
  'summary', 'income', 'expenditure', 'fiscal-summary', 'general-expenditure', 'general-basic', 'three-public',
  'fund-expenditure', 'state-capital-expenditure', 'projects', 'function-expenditure', 'gov-econ', 'dept-econ', 'debt',
  'procurement', 'purchased-services', 'overall-goal', 'project-goal',
]);

/** Title wording → role, most specific first. */
const BY_TITLE: [RegExp, TableRole][] = [
  [/项目.*绩效目标/, 'project-goal'],
  [/整体.*绩效目标/, 'overall-goal'],
  [/三公/, 'three-public'],
  [/财政拨款收支/, 'fiscal-summary'],
  [/收支.*总表/, 'summary'],
  [/收入.*总表|收入预算表/, 'income'],
  [/基本支出/, 'general-basic'],
  [/一般公共预算.*支出/, 'general-expenditure'],
  [/政府性基金.*支出/, 'fund-expenditure'],
  [/国有资本经营.*支出/, 'state-capital-expenditure'],
  [/支出经济分类.*政府预算|政府预算.*经济分类/, 'gov-econ'],
  [/支出经济分类.*部门预算|部门预算.*经济分类/, 'dept-econ'],
  [/支出功能分类/, 'function-expenditure'],
  [/支出.*总表/, 'expenditure'],
  [/项目支出/, 'projects'],
  [/债务/, 'debt'],
  [/政府采购/, 'procurement'],
  [/购买服务/, 'purchased-services'],
];

/** A table title compared as text: spaces and quotes dropped, brackets folded, a leading year cut. */
export const normTitle = memoize(
  (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[“”"]/g, '').replace(/^\d{4}年(度)?/, ''),
  { maxEntries: 20_000 },
);

/** The role a printed table plays for the rules, from its key, its template entry or its title's wording. */
export function roleOfTable(t: DisclosureTable, template: Template | undefined): TableRole | undefined {
  if (t.key && ROLES.has(t.key)) return t.key as TableRole;
  // The reader named the table from its title and found it plays no rule's role (机关运行经费表,
  // 财政拨款支出表, 绩效自评表): its title's wording must not make it another table.
  if (t.key && !template) return undefined;
  const title = normTitle(t.title);
  if (template) {
    const byNo = template.tables.find((x) => x.no === t.no);
    if (byNo && ROLES.has(byNo.key) && titleMatches(title, byNo.title, byNo.aliases)) return byNo.key as TableRole;
    const byTitle = template.tables.find((x) => ROLES.has(x.key) && titleMatches(title, x.title, x.aliases));
    if (byTitle) return byTitle.key as TableRole;
  }
  return BY_TITLE.find(([re]) => re.test(title))?.[1];
}

function titleMatches(title: string, tplTitle: string, aliases: string[] = []): boolean {
  return [tplTitle, ...aliases].some((a) => {
    const n = normTitle(a);
    return title === n || title.endsWith(n) || title.replace(/^部门|^单位/, '') === n.replace(/^部门|^单位/, '');
  });
}

/** "表3 支出预算总表" for messages. */
export function tableLabel(t: Pick<DisclosureTable, 'no' | 'title'>): string {
  return `表${t.no}「${t.title}」`;
}
