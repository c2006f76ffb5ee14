/**
 * Amount columns named by the template (`measures`): total | basic | personnel | public | project |
 * unitOwn | source:<FundingSource>, evaluated as sums of rounded atoms; and the template `filter`.
 */
import { FUNDING_SOURCES, type FundingSource } from '../core/budget.ts';
import type { TemplateTable } from '../core/template.ts';
import { printWan } from '../core/money.ts';
import { UNIT_OWN_SOURCES, type Atom } from './context.ts';

/** Looks only at the atom's line kind and funding source (code-matrix.ts relies on it). */
export type MeasureFn = (a: Atom) => boolean;

export function measurePredicate(measure: string, where: string): MeasureFn {
  switch (measure) {
    case 'total':
      return () => true;
    case 'basic':
      return (a) => a.line.kind !== 'project';
    case 'personnel':
    case 'public':
    case 'project':
      return (a) => a.line.kind === measure;
    case 'unitOwn':
      return (a) => UNIT_OWN_SOURCES.includes(a.line.source);
  }
  if (measure.startsWith('source:')) {
    const s = measure.slice(7) as FundingSource;
    if (FUNDING_SOURCES.includes(s)) return (a) => a.line.source === s;
  }
  throw new Error(`${where}: unknown measure "${measure}" (template error)`);
}

/** Atoms a template table covers (its `filter`). */
export function filterAtoms(atoms: readonly Atom[], table: TemplateTable): Atom[] {
  const f = table.filter;
  if (!f) return atoms.slice();
  return atoms.filter((a) => (!f.sources || f.sources.includes(a.line.source)) && (!f.kinds || f.kinds.includes(a.line.kind)));
}

export function sumCents(atoms: readonly Atom[], pred: MeasureFn = () => true): number {
  let s = 0;
  for (const a of atoms) if (pred(a)) s += a.cents;
  return s;
}

/** Printed amount cell: 万元 with two decimals and separators; zero prints blank, as the reference does. */
export function cell(cents: number): string {
  return printWan(cents, true);
}

/** For items that carry only a funding source (procurement): whether a measure column takes them. */
export function measureTakesSource(measure: string, source: FundingSource, where: string): boolean {
  if (measure === 'total') return true;
  if (measure === 'unitOwn') return UNIT_OWN_SOURCES.includes(source);
  if (measure.startsWith('source:') && FUNDING_SOURCES.includes(measure.slice(7) as FundingSource)) return measure.slice(7) === source;
  throw new Error(`${where}: measure "${measure}" does not apply to items by funding source (template error)`);
}
