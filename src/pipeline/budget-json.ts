/**
 * Budget JSON as it arrives from a file or an upload: the byte-order mark some editors write is
 * dropped, text that is not JSON becomes a Chinese message saying where (line and column), and
 * validation problems are located in the text they came from (`locateIssues`).
 *
 * `parseJsonText` remembers the text of every object it returns (a WeakMap, released with the
 * value), so the one generation path (generate.ts) can place an input error on its line without
 * every caller passing the text along.
 */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { parsePath } from '../core/budget-messages.ts';
import { validateBudget, type BudgetResult, type Issue } from '../core/budget-validate.ts';
import { UserError } from '../core/user-error.ts';
import { stripBom } from '../core/bom.ts';
import { positionFinder } from '../core/text-position.ts';

/** The JSON text each parsed value came from. */
const sourceTexts = new WeakMap<object, string>();

export { stripBom };

/** Parses JSON text; a syntax error throws UserError naming the source, line and column. */
export function parseJsonText(text: string, source: string): unknown {
  const body = stripBom(text);
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') sourceTexts.set(value, body);
    return value;
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const place = at ? positionFinder(body)(Number(at[1])) : undefined;
    const where = place ? `第${place.line}行第${place.column}列` : '';
    throw new UserError(`${source}：不是有效的 JSON${where ? `（${where}）` : ''}`);
  }
}

/** Reads and parses a JSON file; an unreadable file or bad JSON throws UserError. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`${path}：无法读取文件（${code === 'ENOENT' ? '文件不存在' : (code ?? (e as Error).message)}）`);
  }
  return parseJsonText(text, path);
}

/**
 * Sets `line` and `column` on each issue: where its field is in the JSON text (for a field that is
 * there, its name; for one that is missing, the object that should hold it). Issues whose path
 * is not in the text are left as they are.
 */
export function locateIssues(text: string, issues: Issue[]): Issue[] {
  if (issues.length === 0) return issues;
  const root = parseTree(text);
  if (!root) return issues;
  const at = positionFinder(text);
  for (const issue of issues) {
    const parts = parsePath(issue.path);
    // The field itself, else (a missing field) the object that should hold it.
    const node: Node | undefined = findNodeAtLocation(root, parts) ?? findNodeAtLocation(root, parts.slice(0, -1));
    if (!node) continue;
    // A property's value is found; its key is where a person looks.
    const target = node.parent?.type === 'property' ? node.parent : node;
    Object.assign(issue, at(target.offset));
  }
  return issues;
}

/** `locateIssues` for a value that `parseJsonText` returned (no-op for any other value). */
export function locateIssuesOf(value: unknown, issues: Issue[]): Issue[] {
  const text = value !== null && typeof value === 'object' ? sourceTexts.get(value) : undefined;
  return text === undefined ? issues : locateIssues(text, issues);
}

/** One issue as a person reads it: "第12行第5列：第4条支出明细（lines[3]）金额不能为负数". */
export function formatIssue(issue: Issue): string {
  return issue.line ? `第${issue.line}行第${issue.column}列：${issue.message}` : issue.message;
}

/**
 * The input gate for budget JSON (command line and portal alike): validates, and places every
 * error and warning on its line when the value was parsed from text here.
 */
export function validateBudgetJson(value: unknown): BudgetResult {
  const r = validateBudget(value);
  locateIssuesOf(value, r.errors);
  locateIssuesOf(value, r.warnings);
  return r;
}
