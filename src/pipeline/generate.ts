/**
 * The one generation path: budget JSON → validated budget → Disclosure (in a template's layout) →
 * the rule catalogue's findings. The CLI, batch workers, portal and round trip all call
 * `generate` and only translate its result (an exit code, an HTTP status, a batch line).
 * It never throws on user data: what is wrong with the input comes back in `inputErrors`.
 */
import type { Issue } from '../core/budget-validate.ts';
import type { Budget } from '../core/budget.ts';
import type { Disclosure } from '../core/disclosure.ts';
import { DEFAULT_TEMPLATE, generationRefusal, loadTemplate, type Template } from '../core/template.ts';
import { UserError } from '../core/user-error.ts';
import { buildDisclosure } from '../generate/build-disclosure.ts';
import { checkDisclosure, type Finding } from '../rules/index.ts';
import { formatIssue, locateIssuesOf, validateBudgetJson } from './budget-json.ts';

/** The path of input errors that come from the template, not the budget. */
const TEMPLATE_ISSUE = '(模板)';

export interface GenerateOptions {
  /** A template id (data/templates/<id>.json), a path to a template file, or a loaded template. */
  template?: string | Template;
}

export interface Generated {
  budget?: Budget;
  disclosure?: Disclosure;
  findings: Finding[];
  /** What stops generation: budget validation errors, an unusable template. */
  inputErrors: Issue[];
  /** Validation and projection warnings, with field paths. */
  inputWarnings: Issue[];
}

/** Budget JSON → Disclosure in the template's layout → findings; what is wrong with the input comes back in `inputErrors`. */
export function generate(budgetJson: unknown, opts: GenerateOptions = {}): Generated {
  let template: Template;
  try {
    template = typeof opts.template === 'object' ? opts.template : loadTemplate(opts.template ?? DEFAULT_TEMPLATE);
  } catch (e) {
    return { findings: [], inputErrors: [{ path: TEMPLATE_ISSUE, message: (e as Error).message }], inputWarnings: [] };
  }
  const refused = generationRefusal(template);
  if (refused) return { findings: [], inputErrors: [{ path: TEMPLATE_ISSUE, message: refused }], inputWarnings: [] };
  // Errors and warnings are placed on their line when the JSON was parsed from text (budget-json.ts).
  const v = validateBudgetJson(budgetJson);
  if (!v.budget) return { findings: [], inputErrors: v.errors, inputWarnings: v.warnings };
  try {
    const { disclosure, warnings } = buildDisclosure(v.budget, { template });
    // The template itself: one given as a file or learned by `template infer` is not loadable by id.
    const findings = checkDisclosure(disclosure, { budget: v.budget, template });
    // A code the gate already warned about (at its line) is not warned about again for its missing name.
    const warned = new Set(v.warnings.map((w) => w.code));
    const fresh = warnings.filter((w) => !(w.path.startsWith('codeNames.') && warned.has(w.path.slice('codeNames.'.length))));
    return { budget: v.budget, disclosure, findings, inputErrors: [], inputWarnings: [...v.warnings, ...locateIssuesOf(budgetJson, fresh)] };
  } catch (e) {
    return { budget: v.budget, findings: [], inputErrors: [{ path: '(生成)', message: `无法生成公开文件：${(e as Error).message}` }], inputWarnings: v.warnings };
  }
}

/** The input errors as lines a person reads: "  第12行第5列：第4条支出明细（lines[3]）金额不能为负数". */
export function describeInputErrors(source: string, errors: readonly Issue[], limit = errors.length): string {
  // An unusable template is not a fault of the budget data: said as what it is, on one line.
  if (errors.length > 0 && errors.every((i) => i.path === TEMPLATE_ISSUE)) return `${source}：未能生成：${errors.map((i) => i.message).join('；')}`;
  const shown = errors.slice(0, limit).map((i) => `  ${formatIssue(i)}`);
  if (errors.length > limit) shown.push(`  ……另有 ${errors.length - limit} 处`);
  return `${source}：预算数据有 ${errors.length} 处错误，未能生成：\n${shown.join('\n')}`;
}

/** `generate` for callers that stop on bad input: returns the disclosure or throws UserError. */
export function generateOrThrow(budgetJson: unknown, source: string, opts: GenerateOptions = {}): Required<Omit<Generated, 'inputErrors'>> {
  const g = generate(budgetJson, opts);
  if (!g.disclosure || !g.budget) throw new UserError(describeInputErrors(source, g.inputErrors));
  return { budget: g.budget, disclosure: g.disclosure, findings: g.findings, inputWarnings: g.inputWarnings };
}
