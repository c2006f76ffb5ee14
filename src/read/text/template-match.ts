/**
 * Which template a document follows, and which template table a printed title names. Titles are
 * compared after NFKC, without spaces and quotes; a title line may carry a year, a numbering and a
 * scope word ("2026年部门…", "公开 05 表", "5．") but no other text, so narrative sentences that cite
 * a table by name ("《财政拨款支出预算表（功能科目）》增加了…") are not taken for titles.
 */
import { listReadingTemplates, loadTemplate, type Template, type TemplateTable } from '../../core/template.ts';
import { nfkc, norm, NUMBERING } from './normalize.ts';
import type { PrintedLine } from './lines.ts';
import { memoizeByObject } from '../../util/memo.ts';

export interface TitleIndex {
  template: Template;
  /** Normalised title or alias → table, longest first. */
  names: { name: string; table: TemplateTable }[];
}

/** A template's table names, longest first, made once per template. */
export const titleIndex = memoizeByObject((template: Template): TitleIndex => {
  const names: { name: string; table: TemplateTable }[] = [];
  for (const t of template.tables) {
    for (const n of [t.title, ...(t.aliases ?? [])]) names.push({ name: norm(n), table: t });
  }
  names.sort((a, b) => b.name.length - a.name.length);
  return { template, names };
});

const PREFIX = /^(?:公开\d+表)?(?:\d{4}年度?)?(?:区级|市级|省级)?(?:部门|预算单位|单位)?/;
const SUFFIX = /^(?:\(续\)|\(续表\)|续表)?$/;

/**
 * A line as titles are compared: numbering, spaces and quotes dropped, a leading "公开05表" cut; null
 * when the line cannot be a title. The same for every template, so it is computed once per line.
 */
function titleKey(text: string): string | null {
  // Every title ends in 表 (or 表 plus a parenthesis): most lines are rejected here, cheaply.
  if (!text.includes('表') || /[…《》]|\.{4,}/.test(text)) return null;
  const l = norm(text.replace(NUMBERING, ''));
  if (l.length < 4 || l.length > 60) return null;
  return l.replace(/^公开\d+表/, '');
}

/** Continuation marks a title may end with (SUFFIX), as printed after norm. */
const CONTINUED = ['(续)', '(续表)', '续表'];

/** The template table a title key names, or null. */
function matchKey(index: TitleIndex, l: string): TemplateTable | null {
  // A title ends with its name, or its name and a continuation mark: names that end neither way
  // are skipped without searching the line for them.
  const mark = CONTINUED.find((m) => l.endsWith(m));
  const cut = mark ? l.slice(0, l.length - mark.length) : null;
  for (const { name, table } of index.names) {
    if (!l.endsWith(name) && !(cut !== null && cut.endsWith(name))) continue;
    const at = l.indexOf(name);
    const before = l.slice(0, at).replace(PREFIX, '');
    const after = l.slice(at + name.length);
    if (before === '' && SUFFIX.test(after)) return table;
  }
  return null;
}

/** "表3", "公开 05 表", "表 17": a table-number line printed near a title. */
export function tableNumberMark(text: string): number | null {
  if (!text.includes('表')) return null;
  const m = /^\s*(?:表\s*(\d{1,2})|公开\s*(\d{1,2})\s*表)\s*$/.exec(nfkc(text));
  return m ? Number(m[1] ?? m[2]) : null;
}

let templateIds: string[] | undefined;

/**
 * Picks the template whose tables' titles the document prints most completely (share of the
 * template's tables found), preferring the template whose kind (budget / final account) matches.
 */
export function pickTemplate(lines: PrintedLine[], kind: 'budget' | 'final-account'): { template: Template; found: number; titles: Map<number, TemplateTable> } {
  let best: { template: Template; found: number; score: number; titles: Map<number, TemplateTable> } | null = null;
  templateIds ??= listReadingTemplates();
  // Only some lines can be titles: their keys are tested against each template.
  const candidates: { i: number; key: string }[] = [];
  lines.forEach((l, i) => {
    const key = titleKey(l.text);
    if (key !== null) candidates.push({ i, key });
  });
  for (const id of templateIds) {
    const template = loadTemplate(id);
    const index = titleIndex(template);
    const hit = new Set<number>();
    const titles = new Map<number, TemplateTable>();
    for (const { i, key } of candidates) {
      const t = matchKey(index, key);
      if (!t) continue;
      hit.add(t.no);
      titles.set(i, t);
    }
    const score = hit.size / template.tables.length + (template.kind === kind ? 0.5 : 0);
    if (!best || score > best.score) best = { template, found: hit.size, score, titles };
  }
  if (!best) throw new Error('no templates under data/templates');
  return { template: best.template, found: best.found, titles: best.titles };
}
