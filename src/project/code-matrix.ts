/**
 * The code-matrix layout (tables 2, 3, 5, 6, 8, 10, 11, 12 of Liaoning): a 合计 row first, then
 * rows by code with their subtotals above them — function 类 / 款 / 项, economic 类 / 款 — or one
 * row per unit. Columns are the template's `measures`; code and name are the first two columns.
 */
import { FUNDING_SOURCES, LINE_KINDS, type FundingSource, type LineKind } from '../core/budget.ts';
import type { TemplateTable } from '../core/template.ts';
import { unitLabelOf } from '../core/template.ts';
import type { DisclosureTable } from '../core/disclosure.ts';
import type { Atom, BuildContext, CodeKind } from './context.ts';
import { cell, filterAtoms, measurePredicate } from './measures.ts';

const KIND_INDEX = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i])) as Record<LineKind, number>;
const SOURCE_INDEX = Object.fromEntries(FUNDING_SOURCES.map((s, i) => [s, i])) as Record<FundingSource, number>;

const LEVELS: Record<CodeKind, number[]> = { function: [3, 5, 7], 'dept-econ': [3, 5], 'gov-econ': [3, 5] };

function codeOf(kind: CodeKind, a: Atom): string {
  return kind === 'function' ? a.line.functionCode : kind === 'dept-econ' ? a.line.econCode : a.govEconCode;
}

export function codeMatrixTable(ctx: BuildContext, t: TemplateTable): DisclosureTable {
  const where = `template ${ctx.template.id} table ${t.no}`;
  const measures = (t.measures ?? ['total']).map((m) => measurePredicate(m, where));
  const atoms = filterAtoms(ctx.atoms, t);
  const width = measures.length;
  // Each atom's measure vector is added to the 合计 and to its full code's row; the code rows are
  // then added to their 类 / 款 prefixes. A unit has far fewer distinct codes than lines, so the
  // prefixes are cut once per code, not once per line.
  const total = new Array<number>(width).fill(0);
  const byCode = new Map<string, number[]>();
  const kind: CodeKind = t.rows === 'unit' ? 'function' : (t.rows ?? 'function');
  const keyOf = t.rows === 'unit' ? (a: Atom) => a.line.unit ?? ctx.budget.unit.code : (a: Atom) => codeOf(kind, a);
  // A measure looks only at a line's kind and funding source (measures.ts), so the columns an atom
  // adds to are worked out once per kind × source pair, not once per atom.
  const columnsByPair: (number[] | undefined)[] = [];
  for (const a of atoms) {
    const key = keyOf(a);
    let acc = byCode.get(key);
    if (!acc) byCode.set(key, (acc = new Array<number>(width).fill(0)));
    const pair = KIND_INDEX[a.line.kind] * FUNDING_SOURCES.length + SOURCE_INDEX[a.line.source];
    let columns = columnsByPair[pair];
    if (!columns) {
      columns = [];
      for (let k = 0; k < width; k++) if (measures[k]!(a)) columns.push(k);
      columnsByPair[pair] = columns;
    }
    for (const k of columns) {
      total[k]! += a.cents;
      acc[k]! += a.cents;
    }
  }
  const byKey = new Map<string, number[]>();
  const levels = t.rows === 'unit' ? undefined : LEVELS[kind];
  for (const [code, v] of byCode) {
    for (const key of levels ? levels.map((len) => code.slice(0, len)) : [code]) {
      let acc = byKey.get(key);
      if (!acc) byKey.set(key, (acc = new Array<number>(width).fill(0)));
      for (let k = 0; k < width; k++) acc[k]! += v[k]!;
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
