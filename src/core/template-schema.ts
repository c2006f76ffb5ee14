/**
 * The template file schema (zod): a template's shape, and what it must agree with — layouts and
 * projections that exist, measures those projections compute, table keys the rules know, header
 * rows as wide as the printed rows, narrative sections the generator writes, glossary terms.
 * Exported as docs/template.schema.json (template-schema.test.ts keeps it current).
 *
 * @example
 *   const r = validateTemplate(JSON.parse(text));
 *   if (!r.template) for (const i of r.issues) console.log(`${i.path}：${i.message}`);
 */
import { z } from 'zod';
import { FUNDING_SOURCES, LINE_KINDS, UNIT_KINDS } from './budget.ts';
import type { Template } from './template.ts';
import {
  EXPENDITURE_SIDES,
  INFORMATIONAL_TABLE_KEYS,
  isProjectionName,
  KNOWN_MEASURES,
  NARRATIVE_SECTION_KEYS,
  PROCUREMENT_TEXT_COLUMNS,
  PROJECTION_NAMES,
  PROJECTION_SPECS,
  READ_ONLY_SECTION_KEYS,
  TABLE_LAYOUTS,
  TABLE_ROLES,
  type ProjectionSpec,
} from './template-layouts.ts';

const AmountUnitSchema = z.enum(['万元', '元']);
const Text = z.string().trim().min(1);

const TemplateTableSchema = z
  .strictObject({
    no: z.number().int().min(1).max(99).describe('Table number as printed (表3, 公开03表)'),
    key: z
      .enum([...TABLE_ROLES, ...INFORMATIONAL_TABLE_KEYS], { error: (iss) => `key“${String(iss.input)}”不是任何规则知道的表角色（可用：${[...TABLE_ROLES, ...INFORMATIONAL_TABLE_KEYS].join('、')}）` })
      .describe('The role the rules know the table by (src/printed/table-roles.ts), or an informational key'),
    title: Text.describe('Title as printed, without year and unit name'),
    layout: z.enum(TABLE_LAYOUTS, { error: (iss) => `未知的版式“${String(iss.input)}”（可用：${TABLE_LAYOUTS.join('、')}）` }).describe('Printed shape; readers use it as a hint'),
    projection: z.enum(PROJECTION_NAMES).optional().describe('Projection generating the table when the layout does not name one (layout "other")'),
    header: z.array(z.array(z.string())).describe('Header rows as printed; merged cells repeat as "" to their right/below'),
    rows: z.enum(['function', 'dept-econ', 'gov-econ', 'unit']).optional().describe('Code-matrix rows: function codes, economic codes or units'),
    levels: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
      .min(1)
      .optional()
      .describe('Code-matrix rows by code: the code levels listed (1 类, 2 款, 3 项; economic codes have 1 and 2); all when absent'),
    filter: z
      .strictObject({ sources: z.array(z.enum(FUNDING_SOURCES)).min(1).optional(), kinds: z.array(z.enum(LINE_KINDS)).min(1).optional() })
      .optional()
      .describe('Lines the table covers: by funding source and line kind'),
    measures: z
      .array(z.enum(KNOWN_MEASURES as [string, ...string[]], { error: (iss) => `未知的金额栏“${String(iss.input)}”（可用：${KNOWN_MEASURES.join('、')}）` }))
      .min(1)
      .optional()
      .describe('Amount columns, in print order (template-layouts.ts)'),
    emptyNote: z.string().optional().describe('Note printed when the table has no data ({year}, {scopeName} filled in)'),
    aliases: z.array(Text).optional().describe('Other titles the same table is published under'),
    amountUnit: AmountUnitSchema.optional().describe("Amount unit where it differs from the template's"),
    unitLabel: z.string().optional(),
    expenditureSides: z.array(z.enum(EXPENDITURE_SIDES)).min(1).optional().describe('Ledger tables: the expenditure side lists function classes and/or uses'),
    textColumns: z.array(z.enum(PROCUREMENT_TEXT_COLUMNS)).min(1).optional().describe('Procurement list: text columns in print order'),
  })
  .describe('One table of the package');

const NarrativeSectionSchema = z.strictObject({
  key: z
    .enum([...NARRATIVE_SECTION_KEYS, ...READ_ONLY_SECTION_KEYS], {
      error: (iss) => `未知的情况说明部分“${String(iss.input)}”（可用：${[...NARRATIVE_SECTION_KEYS, ...READ_ONLY_SECTION_KEYS].join('、')}）`,
    })
    .describe('Which section: the generator writes its text'),
  heading: Text.describe('Heading as printed ({year}, {scopeName}, {operatingCostName} filled in)'),
  required: z.boolean(),
});

const GlossaryTermSchema = z.strictObject({
  term: Text,
  text: Text,
  unitKinds: z.array(z.enum(UNIT_KINDS)).min(1).optional().describe('Printed only for units of these kinds'),
});

const TemplateObject = z.strictObject({
  $schema: z.string().optional(),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'id 只能由小写字母、数字和连字符组成')
    .describe('Template id (the file name without .json)'),
  name: Text,
  region: Text,
  kind: z.enum(['budget', 'final-account']),
  purpose: z
    .enum(['generate', 'read'])
    .optional()
    .describe('Both when absent. "read": for reading published documents only (build refuses it); "generate": for generation only (the reader does not recognise documents by it)'),
  description: z.string().optional(),
  learnedFrom: z.array(z.string()).optional().describe('Documents the layout was taken from'),
  amountUnit: AmountUnitSchema.describe('Amount unit of the document: the narrative and the tables that name none'),
  documentTitle: Text,
  tocParts: z.partialRecord(z.enum(['profile', 'organisation', 'tables', 'narrative', 'glossary', 'other', 'projects']), z.string()),
  profileSections: z.array(Text),
  narrativeSections: z.array(NarrativeSectionSchema),
  glossaryTerms: z.array(GlossaryTermSchema),
  glossaryCoversFunctionCodes: z.boolean().optional(),
  tables: z.array(TemplateTableSchema).min(1),
});

/** The template file schema: shape, then agreement with the layouts, projections and rules. */
export const TemplateSchema = TemplateObject.superRefine((t, ctx) => {
  const seenNo = new Map<number, number>();
  const seenKey = new Map<string, number>();
  const generates = t.purpose !== 'read';
  t.tables.forEach((table, i) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['tables', i, ...path], message });
    const label = `表${table.no}“${table.title}”`;
    // 17 (project goals) is one entry printed once per project; a number names one table.
    if (seenNo.has(table.no)) issue(['no'], `${label}的编号与 tables[${seenNo.get(table.no)}] 重复`);
    seenNo.set(table.no, i);
    if (seenKey.has(table.key)) issue(['key'], `${label}的 key“${table.key}”与 tables[${seenKey.get(table.key)}] 重复（规则按 key 找表）`);
    seenKey.set(table.key, i);
    const widths = new Set(table.header.map((r) => r.length));
    if (generates && widths.size > 1) issue(['header'], `${label}的表头各行列数不一致（${[...widths].join('、')}）`);
    if (table.header.length && table.header.every((r) => r.every((c) => c.trim() === ''))) issue(['header'], `${label}的表头全为空白`);
    const name = table.projection ?? table.layout;
    if (!isProjectionName(name)) {
      if (generates) issue(['projection'], `${label}的版式“${table.layout}”没有生成方法：请用 projection 指定（可用：${PROJECTION_NAMES.join('、')}），或将模板标为 "purpose": "read"`);
      else if (!table.header.length) issue(['header'], `${label}缺少表头（header）`);
      return;
    }
    const spec: ProjectionSpec = PROJECTION_SPECS[name];
    if (!table.header.length && !spec.headerOptional) {
      issue(['header'], `${label}缺少表头（header）`);
      return;
    }
    if (!generates) return;
    if (table.measures && spec.measures.length === 0) issue(['measures'], `${label}的生成方法“${name}”不取金额栏（measures），请删去`);
    else
      table.measures?.forEach((m, k) => {
        if (!spec.measures.includes(m)) issue(['measures', k], `${label}的生成方法“${name}”不能计算金额栏“${m}”（可用：${spec.measures.join('、')}）`);
      });
    if (table.rows && !(spec.rows ?? []).includes(table.rows)) issue(['rows'], `${label}的生成方法“${name}”不按“${table.rows}”分行`);
    if (table.levels && (name !== 'code-matrix' || table.rows === 'unit')) issue(['levels'], `${label}：levels 只用于按科目编码分行的表（code-matrix）`);
    else if (table.levels?.includes(3) && (table.rows === 'dept-econ' || table.rows === 'gov-econ')) issue(['levels'], `${label}：经济分类科目只有类、款两级（levels 为 1、2）`);
    if (table.expenditureSides && name !== 'income-expenditure' && name !== 'fiscal-income-expenditure')
      issue(['expenditureSides'], `${label}：expenditureSides 只用于收支总表（income-expenditure、fiscal-income-expenditure）`);
    if (table.textColumns && name !== 'procurement-list') issue(['textColumns'], `${label}：textColumns 只用于政府采购表（procurement-list）`);
    const width = spec.width?.(table);
    const printed = table.header[0]?.length;
    if (width !== undefined && printed !== undefined && printed !== width)
      issue(['header'], `${label}的表头有 ${printed} 列，生成的表有 ${width} 列（生成方法“${name}”${table.measures ? `、${table.measures.length} 个金额栏` : ''}）`);
  });
  const seenSection = new Set<string>();
  t.narrativeSections.forEach((s, i) => {
    if (seenSection.has(s.key)) ctx.addIssue({ code: 'custom', path: ['narrativeSections', i, 'key'], message: `情况说明部分“${s.key}”重复` });
    seenSection.add(s.key);
    if (generates && (READ_ONLY_SECTION_KEYS as readonly string[]).includes(s.key))
      ctx.addIssue({ code: 'custom', path: ['narrativeSections', i, 'key'], message: `情况说明部分“${s.key}”（${s.heading}）无法生成，只能用于读取模板（"purpose": "read"）` });
  });
  const seenTerm = new Set<string>();
  t.glossaryTerms.forEach((g, i) => {
    if (seenTerm.has(g.term)) ctx.addIssue({ code: 'custom', path: ['glossaryTerms', i, 'term'], message: `名词“${g.term}”重复` });
    seenTerm.add(g.term);
  });
});

// The schema's output must be a Template (the hand-written interface the code uses).
const _isTemplate: (x: z.output<typeof TemplateSchema>) => Template = (x) => x;
void _isTemplate;

export interface TemplateIssue {
  /** Field path in the file: "tables[2].measures[3]". */
  path: string;
  message: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(根)';
}

const zhCN = z.locales.zhCN().localeError;
/** zod's Chinese messages, with a missing field said as such (not "期望 array，实际接收 undefined"). */
const messages: z.core.$ZodErrorMap = (iss) =>
  iss.code === 'invalid_type' && iss.input === undefined ? `缺少必填字段${iss.path?.length ? `“${String(iss.path[iss.path.length - 1])}”` : ''}` : zhCN(iss);

/** Checks a parsed template file; never throws on user data. */
export function validateTemplate(json: unknown): { template?: Template; issues: TemplateIssue[] } {
  const r = TemplateSchema.safeParse(json, { error: messages });
  if (r.success) return { template: r.data as Template, issues: [] };
  return { issues: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}

/**
 * The JSON Schema of template files (docs/template.schema.json), as text. It states the shape and
 * the names that exist; the agreements between fields (a measure the table's projection computes,
 * a header as wide as the rows) are checked by `gongkai template check`.
 */
export function templateJsonSchemaText(): string {
  const schema = z.toJSONSchema(TemplateObject, { io: 'input' }) as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, title: 'Gongkai template (预算公开模板)' }, null, 2)}\n`;
}
