/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 */
import type { TemplateTable } from '../core/template.ts';
import { unitLabelOf } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { Atom, BuildContext, CodeKind } from './context.ts';
import { cell, filterAtoms, measurePredicate } from './measures.ts';

const LEVELS: Record<CodeKind, number[]> = { function: [3, 5, 7], 'dept-econ': [3, 5], 'gov-econ': [3, 5] };

function codeOf(kind: CodeKind, a: Atom): string {
  return kind === 'function' ? a.line.functionCode : kind === 'dept-econ' ? a.line.econCode : a.govEconCode;
}

export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const where = `template ${ctx.template.id} table ${t.no}`;
  const measures = (t.measures ?? ['total']).map((m) => measurePredicate(m, where));
  const atoms = filterAtoms(ctx.atoms, t);
  // One pass: each atom's measure vector is added to the 合计 and to every row it belongs to.
  const total = new Array<number>(measures.length).fill(0);
  const byKey = new Map<string, number[]>();
  const add = (into: number[], v: number[]) => {
    for (let k = 0; k < v.length; k++) into[k]! += v[k]!;
  };
  const keysOf: (a: Atom) => string[] =
    t.rows === 'unit'
      ? (a) => [a.line.unit ?? ctx.budget.unit.code]
      : (() => {
          const kind: CodeKind = t.rows ?? 'function';
          const levels = LEVELS[kind];
          return (a: Atom) => {
            const code = codeOf(kind, a);
            return levels.map((len) => code.slice(0, len));
          };
        })();
  for (const a of atoms) {
    const v = measures.map((p) => (p(a) ? a.cents : 0));
    add(total, v);
    for (const key of keysOf(a)) {
      let acc = byKey.get(key);
      if (!acc) byKey.set(key, (acc = new Array<number>(measures.length).fill(0)));
      add(acc, v);
    }
  }
  const name = (key: string) => (t.rows === 'unit' ? ctx.unitName(key) : ctx.nameOf(t.rows ?? 'function', key));
  // Code order puts each 类 above its 款 and each 款 above its 项 (a parent code is a prefix of its children).
  const rows: string[][] = [['', '合计', ...total.map(cell)]];
  for (const key of [...byKey.keys()].sort()) rows.push([key, name(key), ...byKey.get(key)!.map(cell)]);

  const table: DisclosureTable = { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: t.header.map((r) => r.slice()), rows };
  if (atoms.length === 0 && t.emptyNote) table.note = t.emptyNote;
  return table;
}
