/**
 * budget → Disclosure: every table of the template, the profile, the narrative and the glossary,
 * all projected from one rounding context (rounding.ts), so they agree with each other exactly.
 * Pure: no I/O beyond loading the (cached) template and catalog when they are not given.
 *
 * @example
 *   const { budget } = parseBudget(json);
 *   const { disclosure, warnings } = buildDisclosure(budget);
 */
import type { Budget } from '../core/budget.ts';
import type { Issue } from '../core/budget-validate.ts';
import { loadCatalog, type Catalog } from '../core/catalog.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { generationRefusal, loadTemplate, type Template } from '../core/template.ts';
import { UserError } from '../core/user-error.ts';
import { createContext } from './context.ts';
import { projectGlossary } from './glossary.ts';
import { projectNarrative } from './narrative.ts';
import { projectProfile } from './profile.ts';
import { projectTables } from './tables.ts';
import { projectToc } from './toc.ts';

export interface BuildOptions {
  template?: Template;
  catalog?: Catalog;
}

/** Budget → the complete Disclosure in the template's layout (every table, narrative, glossary), with what the projection warns about. */
export function buildDisclosure(budget: Budget, opts: BuildOptions = {}): { disclosure: Disclosure; warnings: Issue[] } {
  const template = opts.template ?? loadTemplate();
  const refused = generationRefusal(template);
  if (refused) throw new UserError(refused);
  const catalog = opts.catalog ?? loadCatalog(budget.year);
  const ctx = createContext(budget, catalog, template);
  const { unit } = budget;
  const disclosure: Disclosure = {
    unit: { code: unit.code, name: unit.name, kind: unit.kind, regionCode: unit.regionCode, supervisor: unit.supervisor },
    year: budget.year,
    template: template.id,
    kind: template.kind,
    scope: budget.scope,
    amountUnit: template.amountUnit,
    toc: projectToc(ctx),
    profile: projectProfile(ctx),
    tables: projectTables(ctx),
    narrative: projectNarrative(ctx),
    glossary: projectGlossary(ctx),
  };
  return { disclosure, warnings: ctx.warnings };
}
