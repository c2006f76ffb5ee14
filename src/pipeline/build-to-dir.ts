/**
 * The `gongkai build` job: generate a budget file's disclosure (pipeline/generate.ts) and write
 * `<outDir>/disclosure.json` and the rule catalogue's findings `<outDir>/findings.json`. Bad input
 * raises UserError (one line per problem, exit 2).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Issue } from '../core/budget-validate.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { summarize, type Finding } from '../rules/index.ts';
import { readJsonFile } from './budget-json.ts';
import { generateOrThrow } from './generate.ts';

export interface BuildToDirOptions {
  /** Template id (data/templates/<id>.json) or a path to a template file. */
  template?: string;
}

export interface BuildToDirResult {
  disclosure: Disclosure;
  /** The budget JSON as read (the data package keeps it beside the tables). */
  budgetJson: unknown;
  /** Validation and projection warnings, with field paths. */
  warnings: Issue[];
  /** The rule catalogue's findings on the generated package. */
  findings: Finding[];
  /** Files written. */
  files: string[];
}

/** `gongkai build`: generates a budget file's disclosure and writes disclosure.json and findings.json into `outDir`. */
export function buildToDir(budgetPath: string, outDir: string, opts: BuildToDirOptions = {}): BuildToDirResult {
  const budgetJson = readJsonFile(budgetPath);
  const { disclosure, findings, inputWarnings } = generateOrThrow(budgetJson, budgetPath, opts);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'disclosure.json');
  writeFileSync(file, JSON.stringify(disclosure, null, 2) + '\n');
  const findingsFile = join(outDir, 'findings.json');
  writeFileSync(findingsFile, JSON.stringify({ findings, summary: summarize(findings) }, null, 2) + '\n');
  return { disclosure, budgetJson, warnings: inputWarnings, findings, files: [file, findingsFile] };
}
