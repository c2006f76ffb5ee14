/** Completeness: template tables present, contents list vs body, empty-table notes, narrative sections. */
import type { DisclosureTable } from '../core/disclosure.ts';
import type { RuleContext } from './context.ts';
import { finding } from './finding.ts';
import { totalOf } from '../printed/matrix.ts';
import { normTitle } from '../printed/table-roles.ts';
import { BASIS, type Finding, type Rule } from './types.ts';
import { memoize } from '../util/memo.ts';

/** Contents-list lines that name a table, by number: "3. 支出预算总表" → 3. */
export function tocTables(toc: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of toc) {
    const t = tocTable(line);
    if (t) out.set(t.no, t.title);
  }
  return out;
}

/** Contents lines read by text, across checks: the table lines are the same from unit to unit. */
const tocTable = memoize(
  (line: string): { no: number; title: string } | null => {
    const m = /^\s*(?:表)?(\d{1,2})\s*[.．、]\s*(.+?)\s*(?:…+.*|\.{3,}.*)?$/.exec(line);
    return m ? { no: Number(m[1]), title: m[2]!.trim() } : null;
  },
  { maxEntries: 5_000 },
);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hasProjects(ctx: RuleContext): boolean {
  const m = ctx.matrix('expenditure');
  const p = m && totalOf(m, 'project');
  if (p !== undefined) return p !== 0;
  return ctx.budget ? ctx.budget.projects.length > 0 : true;
}

/** The contents list's table titles (normalised) by number, read once per check. */
function tocListed(ctx: RuleContext): Map<number, string> {
  return ctx.memo('toc.tables', () => new Map([...tocTables(ctx.disclosure.toc)].map(([k, v]) => [k, normTitle(v)])));
}

function tocNames(ctx: RuleContext, no: number, title: string, aliases: string[] = []): boolean {
  const listed = tocListed(ctx);
  const names = [title, ...aliases].map(normTitle);
  const byNo = listed.get(no);
  if (byNo && names.some((n) => byNo.includes(n) || n.includes(byNo))) return true;
  for (const l of listed.values()) if (names.some((n) => l.endsWith(n))) return true;
  return false;
}

const tableMissing: Rule = {
  id: 'table.missing',
  title: '模板规定的公开表格缺失（含目录列出但正文缺失）',
  severity: 'error',
  tolerance: 'exact',
  family: 'completeness',
  basis: `${BASIS.rules143}：部门预算公开应包括模板规定的全部表格；无数据的表格应以空表公开并说明`,
  check(ctx) {
    if (!ctx.templateKnown) return [];
    const out: Finding[] = [];
    for (const tt of ctx.template.tables) {
      const present = ctx.disclosure.tables.some((t) => t.key === tt.key || ctx.role(t) === tt.key || (t.no === tt.no && normTitle(t.title).endsWith(normTitle(tt.title))));
      if (present) continue;
      // Goal tables are per project: none is due when the package has no project spending.
      if (tt.key === 'project-goal' && !hasProjects(ctx)) continue;
      const listed = tocNames(ctx, tt.no, tt.title, tt.aliases);
      const why = listed ? '目录列出该表，但正文中没有' : '正文中没有该表';
      const note = tt.emptyNote ? `；若无相关数据，应公开空表并注明“${tt.emptyNote.replace(/^备注：/, '')}”` : '';
      out.push(finding(this, `表${tt.no}「${tt.title}」缺失：${why}${note}`, { table: tt.no }, { expected: `表${tt.no} ${tt.title}`, found: '缺失' }));
    }
    return out;
  },
};

const tocMismatch: Rule = {
  id: 'table.toc-mismatch',
  title: '正文表格未列入目录',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'completeness',
  basis: BASIS.rules143,
  related: ['table.missing'],
  check(ctx) {
    if (ctx.disclosure.toc.length === 0) return [];
    if (tocListed(ctx).size === 0) return [];
    const seen = new Set<string>();
    const out: Finding[] = [];
    for (const t of ctx.disclosure.tables) {
      const key = ctx.role(t) ?? `no${t.no}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const tt = ctx.templateTable(t);
      if (tocNames(ctx, t.no, t.title, tt ? [tt.title, ...(tt.aliases ?? [])] : [])) continue;
      out.push(finding(this, `${ctx.label(t)}在正文中公开，但目录未列出该表`, { table: t.no }));
    }
    return out;
  },
};

function hasData(t: DisclosureTable): boolean {
  return t.rows.some((r) => r.slice(1).some((c) => /\d/.test(c ?? '') && !/^\s*[0０.．\s]*$/.test(c ?? '')));
}

const emptyNote: Rule = {
  id: 'table.empty-note',
  title: '空表未附说明',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'completeness',
  basis: `${BASIS.rules143}：没有数据的表格应列示空表并说明`,
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.disclosure.tables) {
      const tt = ctx.templateTable(t);
      if (!tt?.emptyNote || hasData(t) || (t.note ?? '').trim() !== '') continue;
      const note = tt.emptyNote
        .replace(/^备注：/, '')
        .replace('{year}', String(ctx.year))
        .replace('{scopeName}', ctx.disclosure.scope === 'department' ? '部门' : '单位');
      // The narrative often states the zero instead ("本单位无政府性基金预算"): a hint, not a defect.
      out.push(finding(this, `${ctx.label(t)}为空表，表下未注明“${note}”（如情况说明已说明该项为零，可不作修改）`, { table: t.no }, { expected: note, found: '无说明', severity: 'info' }));
    }
    return out;
  },
};

/** Keywords that identify a required narrative section whatever its numbering and unit name. */
const SECTION_WORDS: Record<string, RegExp> = {
  overview: /收支.*总体|总体情况|收支预算/,
  operatingCost: /运行经费/,
  procurement: /政府采购/,
  threePublic: /三公/,
  assets: /国有资产|资产占用/,
  performance: /绩效/,
};

/** A template section heading as a pattern (without numbering and quotes; placeholders match anything), compiled once. */
const headingPattern = memoize((heading: string) => new RegExp(escapeRe(heading.replace(/^[一二三四五六七八九十]+、/, '').replace(/[“”"]/g, '')).replace(/\\\{[^}]*\\\}/g, '.*')), {
  maxEntries: 1_000,
});

const sectionMissing: Rule = {
  id: 'narrative.section-missing',
  title: '情况说明缺少模板规定的部分',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'completeness',
  basis: `${BASIS.rules143}：部门预算公开应对收支总体情况、机关运行经费、政府采购、“三公”经费、国有资产占用、绩效目标等作出说明`,
  check(ctx) {
    if (!ctx.templateKnown) return [];
    const headings = ctx.sections().map((s) => s.heading.replace(/\s+/g, ''));
    const unquoted = headings.map((h) => h.replace(/[“”"]/g, ''));
    const out: Finding[] = [];
    for (const s of ctx.template.narrativeSections) {
      if (!s.required) continue;
      const own = headingPattern(s.heading);
      const words = SECTION_WORDS[s.key];
      const re = words ?? own;
      if (headings.some((h, i) => own.test(unquoted[i]!) || (words?.test(h) ?? false))) continue;
      const heading = s.heading
        .replace('{operatingCostName}', '机关（事业）运行经费')
        .replace('{year}', String(ctx.year))
        .replace('{scopeName}', ctx.disclosure.scope === 'department' ? '部门' : '单位');
      const hint = re.test(ctx.narrativeText()) ? '（正文提到相关内容，但没有该部分标题）' : '';
      out.push(finding(this, `情况说明缺少“${heading}”部分${hint}`, { section: heading }, { expected: heading, found: '缺失' }));
    }
    return out;
  },
};

const unplaced: Rule = {
  id: 'document.unplaced',
  title: '读取时未能归类的内容',
  severity: 'info',
  tolerance: 'parsed-document',
  family: 'completeness',
  basis: '读取说明：读取器不能放入任何表格、说明或名词解释的内容均列出，不静默丢弃',
  check(ctx) {
    return (ctx.disclosure.unplaced ?? []).map((u) => {
      const where = u.source?.line ? `第${u.source.line}行` : u.source?.page ? `第${u.source.page}页` : '';
      const text = u.text.replace(/\s+/g, ' ').slice(0, 40);
      return finding(this, `${where}未能归类的内容（${u.reason}）：“${text}${u.text.length > 40 ? '…' : ''}”`, { section: where || undefined });
    });
  },
};

export const COMPLETENESS_RULES: Rule[] = [tableMissing, tocMismatch, emptyNote, sectionMissing, unplaced];
