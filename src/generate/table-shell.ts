/** The parts of a projected table that come from its template table: number, key, title, unit label, header. */
import type { DisclosureTable } from '../core/disclosure.ts';
import { unitLabelOf, type TemplateTable } from '../core/template.ts';
import type { BuildContext } from './context.ts';

/** A copy of the template's header rows (the disclosure owns its own arrays). */
export function copyHeader(t: TemplateTable): string[][] {
  const out: string[][] = [];
  for (const r of t.header) out.push(r.slice());
  return out;
}

/** A Disclosure table with the template's number, title, header and unit around the given rows. */
export function tableOf(ctx: BuildContext, t: TemplateTable, rows: string[][]): DisclosureTable {
  return { no: t.no, key: t.key, title: t.title, unitLabel: unitLabelOf(ctx.template, t), header: copyHeader(t), rows };
}
