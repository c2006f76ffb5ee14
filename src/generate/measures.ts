/**
 * Amount columns named by the template (`measures`): total | basic | personnel | public | project |
 * unitOwn | fiscal | otherSources | source:<FundingSource> (and reserve | carryOut, always blank), evaluated as sums of rounded atoms; and the template `filter`.
 */
import { FUNDING_SOURCES, type FundingSource } from '../core/budget.ts';
import type { TemplateTable } from '../core/template.ts';
import { classMask, LINE_CLASSES, type LineClass } from './code-sums.ts';
import { FISCAL_SOURCES, UNIT_OWN_SOURCES } from './context.ts';

/** The measure taking the sources a table has no column of its own for (Shanghai's 其他收入). */
const OTHER_SOURCES = 'otherSources';
/** Measures that select lines by funding source. */
const SOURCE_MEASURE = /^(?:source:|unitOwn$|fiscal$)/;

/** Looks only at a line's kind and funding source (code-sums.ts relies on it). */
export type MeasureFn = (line: LineClass) => boolean;

/** Which line classes a template measure takes (by line kind and funding source); `where` names the table for the error. */
export function measurePredicate(measure: string, where: string): MeasureFn {
  switch (measure) {
    case 'total':
      return () => true;
    case 'basic':
      return (l) => l.kind !== 'project';
    case 'personnel':
    case 'public':
    case 'project':
      return (l) => l.kind === measure;
    case 'unitOwn':
      return (l) => UNIT_OWN_SOURCES.includes(l.source);
    case 'fiscal':
      return (l) => FISCAL_SOURCES.includes(l.source);
    // Columns the budget model has no lines for (单位预留机动经费, 结转下年资金): printed blank.
    case 'reserve':
    case 'carryOut':
      return () => false;
  }
  if (measure.startsWith('source:')) {
    const s = measure.slice(7) as FundingSource;
    if (FUNDING_SOURCES.includes(s)) return (l) => l.source === s;
  }
  throw new Error(`${where}: unknown measure "${measure}" (template error)`);
}

/** The line classes a template table covers (its `filter`). */
export function filterClasses(table: TemplateTable): number {
  const f = table.filter;
  return classMask((c) => (!f?.sources || f.sources.includes(c.source)) && (!f?.kinds || f.kinds.includes(c.kind)));
}

const columnsOf = new WeakMap<TemplateTable, number[][]>();

/**
 * Per line class (code-sums.ts), the measure columns of a table that its lines add to; worked out
 * once per template table (templates are loaded once and not changed).
 */
export function measureColumns(t: TemplateTable, where: string): number[][] {
  let columns = columnsOf.get(t);
  if (!columns) {
    const names = t.measures ?? ['total'];
    const bySource = names.filter((m) => m !== OTHER_SOURCES && SOURCE_MEASURE.test(m)).map((m) => measurePredicate(m, where));
    // 其他收入 in a layout listing few sources: every source no other column of the table takes.
    const measures = names.map((m): MeasureFn => (m === OTHER_SOURCES ? (l) => !bySource.some((f) => f(l)) : measurePredicate(m, where)));
    columns = LINE_CLASSES.map((c) => measures.flatMap((m, k) => (m(c) ? [k] : [])));
    columnsOf.set(t, columns);
  }
  return columns;
}

/** For items that carry only a funding source (procurement): whether a measure column takes them. */
export function measureTakesSource(measure: string, source: FundingSource, where: string): boolean {
  if (measure === 'total') return true;
  if (measure === 'unitOwn') return UNIT_OWN_SOURCES.includes(source);
  if (measure === 'fiscal') return FISCAL_SOURCES.includes(source);
  if (measure.startsWith('source:') && FUNDING_SOURCES.includes(measure.slice(7) as FundingSource)) return measure.slice(7) === source;
  throw new Error(`${where}: measure "${measure}" does not apply to items by funding source (template error)`);
}
