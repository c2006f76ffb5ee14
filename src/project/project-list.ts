/**
 * The project-list layout (Liaoning table 9, 项目支出预算表): one row per project and function 项
 * (a project booked on two codes prints two rows), amounts by the template's measures.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { Atom, BuildContext } from './context.ts';
import { listTable, type ListRow } from './list-table.ts';
import { measureColumns } from './measures.ts';

export function projectListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const items: ListRow[] = [];
  // Project → function code → atoms, in one pass over the lines.
  const byProject = new Map<string, Map<string, Atom[]>>();
  for (const a of ctx.atoms) {
    if (a.line.kind !== 'project' || !a.line.projectId) continue;
    let byCode = byProject.get(a.line.projectId);
    if (!byCode) byProject.set(a.line.projectId, (byCode = new Map()));
    const g = byCode.get(a.line.functionCode) ?? [];
    g.push(a);
    byCode.set(a.line.functionCode, g);
  }
  for (const p of ctx.budget.projects) {
    const byCode = byProject.get(p.id) ?? new Map<string, Atom[]>();
    for (const code of [...byCode.keys()].sort()) {
      const amounts = new Array<number>(width).fill(0);
      for (const a of byCode.get(code)!) for (const k of columns[a.lineClass]!) amounts[k]! += a.cents;
      items.push({ text: [code, ctx.nameOf('function', code), p.name], amounts });
    }
  }
  return listTable(ctx, t, 3, width, items);
}
