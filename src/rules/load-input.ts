/**
 * What `gongkai check` accepts: a budget.json (built, then checked with the budget in the context)
 * or any disclosure file the readers support (.json, .txt, …). Unreadable input raises UserError.
 */
import { readFileSync } from 'node:fs';
import type { Budget } from '../core/budget.ts';
import { validateBudget } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { UserError } from '../cli/user-error.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';
import { readDisclosureFiles, UnreadableInputError } from '../read/index.ts';

export interface CheckInput {
  disclosure: Disclosure;
  budget?: Budget;
  /** Reader problems (cells it could not place, pages it skipped). */
  problems: string[];
}

/** A budget input has lines and a unit profile; a disclosure has tables. */
function looksLikeBudget(json: unknown): boolean {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return Array.isArray(o.lines) && !Array.isArray(o.tables);
}

export async function loadCheckInput(paths: string | string[], template?: string): Promise<CheckInput> {
  // Several files of one disclosure (情况说明 + 公开表) are read as one.
  const files = Array.isArray(paths) ? paths : [paths];
  const path = files.join(' + ');
  if (files.length === 1 && /\.json$/i.test(path)) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(`${path}: ${code ? `cannot read (${code})` : `not valid JSON (${(e as Error).message})`}`);
    }
    if (looksLikeBudget(json)) {
      const r = validateBudget(json);
      if (!r.budget) throw new UserError(`${path}: the budget is not valid (${r.errors.length} errors), first: ${r.errors[0]!.path}: ${r.errors[0]!.message}`);
      let tpl;
      try {
        tpl = loadTemplate(template ?? 'liaoning-2024');
      } catch (e) {
        throw new UserError((e as Error).message);
      }
      const { disclosure } = buildDisclosure(r.budget, { template: tpl });
      return { disclosure, budget: r.budget, problems: [] };
    }
  }
  try {
    const { disclosure, problems } = await readDisclosureFiles(files);
    return { disclosure, problems: problems.map((p) => p.message) };
  } catch (e) {
    if (e instanceof UnreadableInputError || e instanceof UserError) throw new UserError(e.message.split('\n')[0]!);
    throw new UserError(`${path}: cannot be read as a disclosure (${(e as Error).message.split('\n')[0]})`);
  }
}
