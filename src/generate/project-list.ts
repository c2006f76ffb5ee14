/**
 * The project-list layout (Liaoning table 9, 项目支出预算表): one row per project and function 项
 * (a project booked on two codes prints two rows), amounts by the template's measures.
 */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { TemplateTable } from '../core/template.ts';
import type { Atom, BuildContext } from './context.ts';
import { listTable, type ListRow } from './list-table.ts';
import { measureColumns } from './measures.ts';

/** The project expenditure table (项目支出): one row per project with its funding sources. */
export function projectListTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const columns = measureColumns(t, `template ${ctx.template.id} table ${t.no}`);
  const width = (t.measures ?? ['total']).length;
  const byProject = projectAtomsByCode(ctx.atoms);
  const items: ListRow[] = [];
  for (const p of ctx.budget.projects) {
    const byCode = byProject.get(p.id);
    if (!byCode) continue;
    for (const code of [...byCode.keys()].sort()) {
      items.push({ text: [code, ctx.nameOf('function', code), p.name], amounts: columnSums(byCode.get(code)!, columns, width) });
    }
  }
  return listTable(ctx, t, 3, width, items);
}

/** Project → function code → its atoms, in one pass over the lines. */
function projectAtomsByCode(atoms: readonly Atom[]): Map<string, Map<string, Atom[]>> {
  const byProject = new Map<string, Map<string, Atom[]>>();
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    const id = a.line.projectId;
    if (a.line.kind !== 'project' || !id) continue;
    let byCode = byProject.get(id);
    if (!byCode) byProject.set(id, (byCode = new Map()));
    const g = byCode.get(a.line.functionCode);
    if (g) g.push(a);
    else byCode.set(a.line.functionCode, [a]);
  }
  return byProject;
}

/** The measure columns' sums over some atoms. */
function columnSums(atoms: readonly Atom[], columns: readonly number[][], width: number): number[] {
  const amounts: number[] = [];
  for (let k = 0; k < width; k++) amounts.push(0);
  for (const a of atoms) {
    const cols = columns[a.lineClass]!;
    for (let j = 0; j < cols.length; j++) amounts[cols[j]!]! += a.cents;
  }
  return amounts;
}
