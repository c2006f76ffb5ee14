/**
 * The `gongkai build` job: read and validate a budget file, project its disclosure, write
 * `<outDir>/disclosure.json`, run the rule catalogue on what was generated and write its findings to
 * `<outDir>/findings.json`. Bad input raises UserError (one line per problem, exit 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBudget, type Issue } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { loadTemplate } from '../core/template.ts';
import { UserError } from '../cli/user-error.ts';
import { buildDisclosure } from './build-disclosure.ts';
import { checkDisclosure, summarize, type Finding } from '../rules/index.ts';

export interface BuildToDirOptions {
  /** Template id (data/templates/<id>.json) or a path to a template file. */
  template?: string;
}

export interface BuildToDirResult {
  disclosure: Disclosure;
  /** Validation and projection warnings, with field paths. */
  warnings: Issue[];
  /** The rule catalogue's findings on the generated package. */
  findings: Finding[];
  /** Files written. */
  files: string[];
}

export function readBudgetJson(budgetPath: string): unknown {
  let text: string;
  try {
    text = readFileSync(budgetPath, 'utf8');
  } catch (e) {
    throw new UserError(`${budgetPath}: cannot read the budget file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(`${budgetPath}: not valid JSON (${(e as Error).message})`);
  }
}

export function buildToDir(budgetPath: string, outDir: string, opts: BuildToDirOptions = {}): BuildToDirResult {
  const json = readBudgetJson(budgetPath);
  let template;
  try {
    template = loadTemplate(opts.template ?? 'liaoning-2024');
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const r = validateBudget(json);
  if (!r.budget) {
    throw new UserError(`${budgetPath}: the budget is not valid (${r.errors.length} error${r.errors.length === 1 ? '' : 's'}):\n${r.errors.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
  }
  const { disclosure, warnings } = buildDisclosure(r.budget, { template });
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'disclosure.json');
  writeFileSync(file, JSON.stringify(disclosure, null, 2) + '\n');
  const findings = checkDisclosure(disclosure, { budget: r.budget, template: template.id });
  const findingsFile = join(outDir, 'findings.json');
  writeFileSync(findingsFile, JSON.stringify({ findings, summary: summarize(findings) }, null, 2) + '\n');
  return { disclosure, warnings: [...r.warnings, ...warnings], findings, files: [file, findingsFile] };
}
