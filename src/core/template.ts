/**
 * Templates are data: a province's layout (tables, titles, header rows, aliases, empty-table notes,
 * amount unit per table, narrative sections, glossary terms) lives in data/templates/<id>.json.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseJson, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AmountUnit } from './disclosure.ts';
import { validateTemplate, type TemplateIssue } from './template-schema.ts';
import { UserError } from './user-error.ts';
import type { ExpenditureSide, ProjectionName, TABLE_LAYOUTS } from './template-layouts.ts';
import { stripBom } from './bom.ts';
import { positionFinder } from './text-position.ts';

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

export { TABLE_ROLES, INFORMATIONAL_TABLE_KEYS, type TableRole } from './template-layouts.ts';

export type TableLayout = (typeof TABLE_LAYOUTS)[number];

/** An amount column of a table, by what it sums (the names each projection takes: template-layouts.ts). */
export type Measure = string;

export interface TemplateTable {
  no: number;
  key: string;
  title: string;
  /** The printed shape (readers use it as a hint); `other` when no projection is named after it. */
  layout: TableLayout;
  /** The projection that generates the table where the layout does not name one (template-layouts.ts). */
  projection?: ProjectionName;
  header: string[][];
  rows?: 'function' | 'dept-econ' | 'gov-econ' | 'unit';
  /** Code-matrix rows by code: the levels listed (1 类, 2 款, 3 项); all when absent (Beijing lists only 项). */
  levels?: (1 | 2 | 3)[];
  filter?: { sources?: string[]; kinds?: string[] };
  measures?: Measure[];
  emptyNote?: string;
  aliases?: string[];
  /** Amount unit where it differs from the template's (Shanghai prints tables 1–8 in 元). */
  amountUnit?: AmountUnit;
  unitLabel?: string;
  /** Ledger layouts: what the expenditure side lists — function 类 and/or uses (基本支出/项目支出). */
  expenditureSides?: ExpenditureSide[];
  /** Procurement list: its text columns (name, category, project, blank), in print order. */
  textColumns?: string[];
}

export interface Template {
  id: string;
  name: string;
  region: string;
  kind: 'budget' | 'final-account';
  /**
   * What the layout is for; both when absent. `read`: reading published documents only (`build`
   * refuses it). `generate`: generation only — its headers are simplified from the published ones,
   * so the reader does not recognise documents by it (listReadingTemplates).
   */
  purpose?: 'generate' | 'read';
  /** The document's amount unit: the narrative states amounts in it; tables too unless they say otherwise. */
  amountUnit: AmountUnit;
  documentTitle: string;
  tocParts: Record<string, string>;
  profileSections: string[];
  narrativeSections: { key: string; heading: string; required: boolean }[];
  glossaryTerms: { term: string; text: string; unitKinds?: string[] }[];
  /** The glossary must explain every function item (项) code the tables use, and no other (Liaoning). */
  glossaryCoversFunctionCodes?: boolean;
  tables: TemplateTable[];
}

/** The layout used when none is named: Liaoning's 17-table unit budget (the Yingkou reference). */
export const DEFAULT_TEMPLATE = 'liaoning-2024';

const cache = new Map<string, Template>();

/** Where a template id or path is read from: data/templates/<id>.json, or the path itself. */
export function templatePath(idOrPath: string): string {
  return /\.json$|[\\/]/.test(idOrPath) ? idOrPath : join(DATA_DIR, 'templates', `${idOrPath}.json`);
}

/**
 * Loads a template by id (data/templates/<id>.json) or by file path, validated against the
 * template schema; a missing, malformed or invalid file is a one-line UserError naming the file
 * and the field.
 */
export function loadTemplate(idOrPath: string = DEFAULT_TEMPLATE): Template {
  const hit = cache.get(idOrPath);
  if (hit) return hit;
  const t = parseTemplateFile(templatePath(idOrPath), idOrPath);
  cache.set(idOrPath, t);
  return t;
}

/** Reads and validates one template file; throws UserError with the first problem (and how many more). */
export function parseTemplateFile(path: string, name = path): Template {
  const { template, issues } = checkTemplateFile(path, name);
  if (template) return template;
  const first = issues[0]!;
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题，可用 gongkai template check 查看）` : '';
  throw new UserError(`模板 ${path}：${first.path ? `${first.path}：` : ''}${first.message}${more}`);
}

/** jsonc-parser's error codes, as a person reads them. */
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: '无效的字符',
  InvalidNumberFormat: '数字格式错误',
  PropertyNameExpected: '此处应为带引号的字段名',
  ValueExpected: '此处应为一个值',
  ColonExpected: '此处应为冒号',
  CommaExpected: '此处应为逗号',
  CloseBraceExpected: '缺少右花括号 }',
  CloseBracketExpected: '缺少右方括号 ]',
  EndOfFileExpected: '文件末尾有多余内容',
  InvalidCommentToken: '不允许注释',
  UnexpectedEndOfComment: '注释未结束',
  UnexpectedEndOfString: '字符串未结束',
  UnexpectedEndOfNumber: '数字未结束',
  InvalidUnicode: '无效的 Unicode 转义',
  InvalidEscapeCharacter: '无效的转义字符',
  InvalidCharacter: '字符串中有无效字符',
};

/** Every problem of one template file, located by field path (path "" for the file itself). */
export function checkTemplateFile(path: string, name = path): { template?: Template; issues: TemplateIssue[] } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !/\.json$|[\\/]/.test(name)) return { issues: [{ path: '', message: `没有名为“${name}”的模板（可用：${listTemplates().join('、')}）` }] };
    return { issues: [{ path: '', message: code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? (e as Error).message}）` }] };
  }
  const errors: ParseError[] = [];
  const json: unknown = parseJson(stripBom(text), errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length) {
    const e = errors[0]!;
    const at = positionFinder(stripBom(text))(e.offset);
    return { issues: [{ path: '', message: `不是有效的 JSON：第${at.line}行第${at.column}列 ${JSON_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}` }] };
  }
  return validateTemplate(json);
}

/** Why a template cannot generate a disclosure (it is for reading only), or undefined when it can. */
export function generationRefusal(t: Template): string | undefined {
  if (t.purpose !== 'read') return undefined;
  return `模板“${t.id}”（${t.name}）只用于读取已公开的${t.kind === 'final-account' ? '决算' : '预算'}文件，不能用于生成；请改用生成模板（${listTemplates()
    .filter((id) => loadTemplate(id).purpose !== 'read')
    .join('、')}）`;
}

/** The ids of every template in data/templates/. */
export function listTemplates(): string[] {
  return readdirSync(join(DATA_DIR, 'templates'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''));
}

/** The templates the reader recognises published documents by (all but generation-only ones). */
export function listReadingTemplates(): string[] {
  return listTemplates().filter((id) => loadTemplate(id).purpose !== 'generate');
}

/** The unit line a table prints above it ("单位：万元"), from the table or the template. */
export function unitLabelOf(t: Template, table: TemplateTable): string {
  return table.unitLabel ?? `单位：${table.amountUnit ?? t.amountUnit}`;
}
