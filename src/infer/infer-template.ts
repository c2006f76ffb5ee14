/**
 * `gongkai template infer`: a layout learned from one published disclosure. The document is read
 * with the ordinary readers (tables found by their titles' roles, headers, units); every table whose
 * role the generator can print becomes a template table in the document's order, titles and wording,
 * and the narrative headings, contents parts and glossary terms follow the document. What could not
 * be learned is listed in `notes` for the person who reviews the template before using it.
 *
 * @example
 *   const { disclosure } = await readDisclosureFiles(['38.pdf']);
 *   const { template, notes } = inferTemplate(disclosure, { learnedFrom: ['38.pdf'] });
 */
import type { Disclosure } from '../core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate, type Template, type TemplateTable } from '../core/template.ts';
import { inferTable } from './tables.ts';
import { glossaryTerms, narrativeSections, profileSections, tocParts } from './text-parts.ts';
import { generalise, squash } from './wording.ts';

export interface InferOptions {
  /** Template id (lower-case letters, digits, hyphens); default from the unit and year read. */
  id?: string;
  name?: string;
  /** Files the layout is learned from, recorded in the template. */
  learnedFrom?: string[];
}

export interface Inferred {
  template: Template;
  /** What was left out or guessed, one line each, in Chinese. */
  notes: string[];
}

const REGION = /^(.{2,3}?(?:省|自治区|市|特别行政区))/;

export function inferTemplate(d: Disclosure, opts: InferOptions = {}): Inferred {
  const fallback = loadTemplate(DEFAULT_TEMPLATE);
  const notes: string[] = [];
  // A reader may run the cover's words into the name ("北京市审计局    2026 年度部门预算信息公开").
  const unitName = d.unit.name.trim().split(/\s{2,}/)[0]!;
  const amountUnit = d.amountUnit ?? '万元';
  const tables: TemplateTable[] = [];
  const keys = new Set<string>();
  for (const t of d.tables) {
    // Goal tables are printed once per project: one template entry stands for them all.
    if (t.key === 'project-goal' && keys.has('project-goal')) continue;
    const r = inferTable(t, tables.length + 1, { year: d.year, unitName, amountUnit });
    notes.push(...r.notes);
    if (!r.table) continue;
    if (keys.has(r.table.key)) {
      notes.push(`表${t.no}「${squash(t.title)}」：与前面的表同为“${r.table.key}”，规则按角色找表，只保留第一张`);
      continue;
    }
    keys.add(r.table.key);
    tables.push(r.table);
  }
  if (!tables.length) notes.push('没有读到生成器能印制的表');
  // The generator prints goal tables' funds in 万元: a document in 元 keeps its tables in 元 table by
  // table, and its goal tables and narrative state 万元.
  let documentUnit = amountUnit;
  if (amountUnit === '元' && tables.some((t) => t.layout === 'overall-goal' || t.layout === 'project-goal')) {
    documentUnit = '万元';
    for (const t of tables) if (t.layout !== 'overall-goal' && t.layout !== 'project-goal' && !t.amountUnit) t.amountUnit = '元';
    notes.push('全文金额单位为元：表格按元印制，绩效目标表和情况说明按万元印制');
  }
  const narrative = narrativeSections(d, fallback);
  notes.push(...narrative.notes);
  const glossary = glossaryTerms(d);
  const region = REGION.exec(unitName)?.[1] ?? (unitName.startsWith('国家') || unitName.startsWith('中') ? '中央' : '未注明');
  const template: Template = {
    id: opts.id ?? defaultId(d),
    name: opts.name ?? `${region}${d.kind === 'final-account' ? '部门决算' : '部门预算'}公开版式（由${d.year || ''}年${unitName || '公开文件'}学得，${tables.length}张表）`,
    region,
    kind: d.kind ?? 'budget',
    amountUnit: documentUnit,
    documentTitle: documentTitle(d),
    tocParts: tocParts(d, fallback),
    profileSections: profileSections(d, fallback),
    narrativeSections: narrative.sections,
    glossaryTerms: glossary.terms,
    glossaryCoversFunctionCodes: glossary.coversCodes,
    tables,
  };
  if (opts.learnedFrom?.length) (template as Template & { learnedFrom?: string[] }).learnedFrom = opts.learnedFrom;
  return { template, notes };
}

/** "inferred-2026-7a3f": year and a short digest of the unit's name (ids are ASCII). */
function defaultId(d: Disclosure): string {
  let h = 2166136261;
  for (const ch of d.unit.name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return `inferred-${d.year || 'x'}-${h.toString(16).slice(0, 6)}`;
}

/** The cover title with the unit and year made placeholders; the usual wording when none was read. */
function documentTitle(d: Disclosure): string {
  const kind = d.kind === 'final-account' ? '决算' : '预算';
  const guess = `{year}年{unit}{scopeName}${kind}公开`;
  const cover = d.toc.find((l) => /预算|决算/.test(l) && l.includes(d.unit.name) && !/第.部分/.test(l));
  return cover ? generalise(cover, d.year, d.unit.name).replace(/\s+/g, '') : guess;
}
