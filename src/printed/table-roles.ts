/**
 * Which template role a printed table plays. Tables carry the template `key` when the generator or
 * reader knew it; otherwise the role comes from the template entry with the same number and title,
 * and as a last resort from the title's wording, so rules work on any province's layout.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import { roleOfWording } from '../core/table-wording.ts';
import type { TableRole, Template } from '../core/template.ts';
import { TABLE_ROLES } from '../core/template-layouts.ts';
import { memoize } from '../util/memo.ts';

export type { TableRole } from '../core/template.ts';

const ROLES: ReadonlySet<string> = new Set(TABLE_ROLES);

/** A table title compared as text: spaces and quotes dropped, brackets folded, a leading year cut. */
export const normTitle = memoize(
  (s: string) =>
    s
      .replace(/\s+/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/[“”"]/g, '')
      .replace(/^\d{4}年(度)?/, ''),
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
  const named = roleOfWording(title);
  return ROLES.has(named) ? (named as TableRole) : undefined;
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
