/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 */
import type { TemplateTable } from '../core/template.ts';
import { unitLabelOf } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { Atom, BuildContext, CodeKind } from './context.ts';
import { cell, filterAtoms, measurePredicate, sumCents } from './measures.ts';

const LEVELS: Record<CodeKind, number[]> = { function: [3, 5, 7], 'dept-econ': [3, 5], 'gov-econ': [3, 5] };

function codeOf(kind: CodeKind, a: Atom): string {
  return kind === 'function' ? a.line.functionCode : kind === 'dept-econ' ? a.line.econCode : a.govEconCode;
}

export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const where = `template ${ctx.template.id} table ${t.no}`;
  const measures = (t.measures ?? ['total']).map((m) => measurePredicate(m, where));
  const atoms = filterAtoms(ctx.atoms, t);
  const amounts = (group: Atom[]) => measures.map((p) => cell(sumCents(group, p)));
  const rows: string[][] = [['', '合计', ...amounts(atoms)]];

  if (t.rows === 'unit') {
    const units = [...new Set(atoms.map((a) => a.line.unit ?? ctx.budget.unit.code))].sort();
    for (const u of units) rows.push([u, ctx.unitName(u), ...amounts(atoms.filter((a) => (a.line.unit ?? ctx.budget.unit.code) === u))]);
  } else {
    const kind: CodeKind = t.rows ?? 'function';
    const levels = LEVELS[kind];
    const byCode = new Map<string, Atom[]>();
    for (const a of atoms) {
      const code = codeOf(kind, a);
      for (const len of levels) {
        const key = code.slice(0, len);
        let g = byCode.get(key);
        if (!g) byCode.set(key, (g = []));
        g.push(a);
      }
    }
    // Depth-first in code order puts each 类 above its 款 and each 款 above its 项.
    const codes = [...byCode.keys()].sort();
    for (const code of codes) rows.push([code, ctx.nameOf(kind, code), ...amounts(byCode.get(code)!)]);
  }

  const table: DisclosureTable = { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
  if (atoms.length === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
