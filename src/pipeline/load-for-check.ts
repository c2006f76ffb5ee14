/**
 * What `gongkai check` accepts, brought to one Disclosure: a budget.json (generated through
 * pipeline/generate.ts, then checked with the budget in the context) or any disclosure file the
 * readers support (.json, .txt, .pdf, .xlsx, .html; several files of one disclosure read as one).
 * Unreadable input raises UserError.
 */
import type { Budget } from '../core/budget.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { UserError } from '../core/user-error.ts';
import { readDisclosureFiles, UnreadableInputError } from '../read/index.ts';
import { checkDisclosure, type Finding } from '../rules/index.ts';
import { readJsonFile } from './budget-json.ts';
import { generateOrThrow } from './generate.ts';

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

/** The files of one disclosure (or a budget.json) as the Disclosure to check, with the budget where there is one. */
export async function loadForCheck(paths: string | string[], template?: string): Promise<CheckInput> {
  // A template named by the user must exist and be valid: the rules would otherwise quietly fall
  // back to the default layout. Raises UserError naming the file and field.
  if (template !== undefined) loadTemplate(template);
  // Several files of one disclosure (情况说明 + 公开表) are read as one.
  const files = Array.isArray(paths) ? paths : [paths];
  const path = files.join(' + ');
  if (files.length === 1 && /\.json$/i.test(path)) {
    const json = readJsonFile(path);
    if (looksLikeBudget(json)) {
      const { disclosure, budget } = generateOrThrow(json, path, { template });
      return { disclosure, budget, problems: [] };
    }
  }
  try {
    const { disclosure, problems } = await readDisclosureFiles(files);
    return { disclosure, problems: problems.map((p) => p.message) };
  } catch (e) {
    if (e instanceof UnreadableInputError || e instanceof UserError) throw new UserError(e.message.split('\n')[0]!);
    throw new UserError(`${path}：无法作为公开文件读取（${(e as Error).message.split('\n')[0]}）`);
  }
}

export interface Checked extends CheckInput {
  findings: Finding[];
}

/** `loadForCheck`, then the rule catalogue on what was loaded (with the budget where there is one). */
export async function checkFiles(paths: string | string[], template?: string): Promise<Checked> {
  const input = await loadForCheck(paths, template);
  return { ...input, findings: checkDisclosure(input.disclosure, { budget: input.budget, template }) };
}
