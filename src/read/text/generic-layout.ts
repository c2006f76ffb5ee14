/**
 * Reading a document whose layout no template describes: its tables found from their titles
 * (table-titles.ts), running page headers and footers left out, the year found in titles when the
 * cover has none, and the layout family reported with how sure the reader is.
 */
import type { DocumentKind, LayoutFamilyReport } from '../../core/disclosure.ts';
import type { Template, TemplateTable } from '../../core/template.ts';
import type { PrintedLine } from './lines.ts';
import { isAmount, nfkc, norm } from './normalize.ts';
import { matchFamily } from './families.ts';
import { inferredSpec, titleRole } from './table-titles.ts';

export interface GenericTitles {
  /** Title line index → the inferred table it opens. */
  titles: Map<number, TemplateTable>;
  /** Title lines printed again over a continuation page: the table goes on. */
  continued: Set<number>;
  /** The inferred tables, in order. */
  tables: TemplateTable[];
  /** A template object for the rules' context: the document's own tables, read-only. */
  template(kind: DocumentKind): Template;
}

/** Whether the lines after a title look like a table: a 单位 line, header words or amounts soon. */
function opensTable(lines: PrintedLine[], at: number): boolean {
  let seen = 0;
  for (let j = at + 1; j < lines.length && seen < 8; j++) {
    const t = lines[j]!.text.trim();
    if (!t) continue;
    seen++;
    // Another title first (or one wrapped onto a short next line): this line is an entry of a list
    // of tables, not a table's title.
    if (t.includes('表') && titleRole(t)) return false;
    if (wrappedTitle(lines, j)) return false;
    if (/单位\s*[:：]?\s*(?:万?元)|金额单位/.test(t)) return true;
    if (/(?:项目|科目|合计|预算数|决算数|功能分类|经济分类|编码|名称|行次)/.test(t) && t.split(/\s{2,}/).length >= 2) return true;
    if (t.split(/\s+/).filter(isAmount).length >= 2) return true;
    // A goal table opens with its label cells.
    if (/^(?:项目名称|单位名称|部门名称|主管部门|预算单位|资金金额|年度目标|绩效指标)/.test(t)) return true;
  }
  return false;
}

/** Index of the next non-blank line after i on its page (within two lines), or -1. */
function nextPrinted(lines: PrintedLine[], i: number): number {
  for (let j = i + 1; j < lines.length && j <= i + 2 && lines[j]!.page === lines[i]!.page; j++) if (lines[j]!.text.trim()) return j;
  return -1;
}

/** A title wrapped onto a short next line ("…培训费支出预" / "算表"): the joined title and its last line, or null. */
function wrappedTitle(lines: PrintedLine[], i: number): { text: string; hit: NonNullable<ReturnType<typeof titleRole>>; at: number } | null {
  const j = nextPrinted(lines, i);
  const rest = j < 0 ? '' : lines[j]!.text.trim();
  if (!rest || rest.length > 10 || !rest.includes('表')) return null;
  const text = lines[i]!.text.trim() + rest;
  const hit = titleRole(text);
  return hit ? { text, hit, at: j } : null;
}

/** Every table title of the body (from `from` on), in order, with an inferred spec; repeated titles share one. */
export function genericTitles(lines: PrintedLine[], from: number): GenericTitles {
  const titles = new Map<number, TemplateTable>();
  const continued = new Set<number>();
  const specs: TemplateTable[] = [];
  let last: TemplateTable | undefined;
  for (let i = from; i < lines.length; i++) {
    let text = lines[i]!.text;
    let hit = text.includes('表') ? titleRole(text) : null;
    let at = i;
    if (!hit) {
      // A wrapped title's first part names money and prints no amount (a row's name fragment would).
      if (!/[收支经费采购绩效]/.test(text) || text.trim().split(/\s+/).some(isAmount)) continue;
      const wrapped = wrappedTitle(lines, i);
      if (!wrapped) continue;
      ({ text, hit, at } = wrapped);
    }
    if (!opensTable(lines, at)) continue;
    if (at !== i) continued.add(at);
    // A title printed again over a continuation page opens no new table.
    if (last && norm(last.title) === norm(text)) {
      continued.add(i);
      continue;
    }
    const spec = inferredSpec(specs.length + 1, hit.role, text.trim().replace(/\s{2,}/g, ' '));
    specs.push(spec);
    titles.set(i, spec);
    last = spec;
  }
  return {
    titles,
    continued,
    tables: specs,
    template: (kind) => ({
      id: 'unknown',
      name: '未识别的版式（按表名与表头读取）',
      region: '',
      kind,
      amountUnit: dominantUnit(lines),
      documentTitle: '',
      tocParts: {},
      profileSections: [],
      narrativeSections: [],
      glossaryTerms: [],
      tables: specs,
    }),
  };
}

/** The amount unit most tables print ("单位：万元" lines counted). */
function dominantUnit(lines: PrintedLine[]): '万元' | '元' {
  let wan = 0;
  let yuan = 0;
  for (const l of lines) {
    const m = /单位\s*[:：]\s*(万元|元)/.exec(nfkc(l.text));
    if (m) m[1] === '万元' ? wan++ : yuan++;
  }
  return yuan > wan ? '元' : '万元';
}

/**
 * Whether the picked template is the document's layout: most of its tables' titles are printed (a
 * document missing tables is still recognised, so the missing ones are reported), and it accounts
 * for every table title the document prints.
 */
export function familyOf(picked: { template: Template; found: number }, generic: GenericTitles, kind: DocumentKind): { recognised: boolean; report: LayoutFamilyReport } {
  const share = picked.found / Math.max(1, picked.template.tables.length);
  // A family's later variant prints a table its template lacks (Jiangsu 2017–18 vs 2019): then the
  // document's own titles outnumber the template's, and reading goes by title and header instead.
  const recognised = share >= 0.75 && picked.found >= generic.tables.length;
  if (recognised) return { recognised, report: { id: picked.template.id, name: picked.template.name, confidence: round(share), tables: picked.found } };
  // No template: which known layout family the document's own titles follow, and how surely.
  const match = matchFamily(
    generic.tables.map((t) => t.title),
    kind,
  );
  return {
    recognised,
    report: match
      ? { id: match.family.id, name: match.family.name, confidence: round(match.share), tables: generic.tables.length }
      : { id: 'unknown', name: '未识别的版式（按表名与表头读取）', confidence: 0, tables: generic.tables.length },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Lines repeated at the top or foot of many pages (a running header "X单位2026年度部门预算公开", a
 * footer): left out of tables and text. Digits are folded so "- 8 -" and "- 9 -" count as one.
 */
export function runningLines(lines: PrintedLine[]): Set<number> {
  const byPage = new Map<number, number[]>();
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.text.trim()) continue;
    const p = lines[i]!.page;
    const list = byPage.get(p);
    if (list) list.push(i);
    else byPage.set(p, [i]);
  }
  const edges: { i: number; key: string }[] = [];
  const counts = new Map<string, number>();
  for (const list of byPage.values()) {
    for (const i of new Set([list[0]!, list[list.length - 1]!])) {
      const t = lines[i]!.text.trim();
      // A running header may carry the year ("…2026 年度部门预算公开"), never an amount with decimals.
      if (t.length > 40 || /\d[\d,]*\.\d/.test(t)) continue;
      const key = norm(t).replace(/\d+/g, '#');
      edges.push({ i, key });
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const pages = byPage.size;
  const out = new Set<number>();
  for (const e of edges) if ((counts.get(e.key) ?? 0) >= Math.max(3, pages * 0.3) && !titleRole(lines[e.i]!.text)) out.add(e.i);
  return out;
}

/** The year of a document whose cover does not print it: the first title line naming a budget year. */
export function documentYear(lines: PrintedLine[]): number | undefined {
  for (const l of lines) {
    if (!l.text.includes('年')) continue;
    const m = /(20\d\d)\s*年度?[^。，]{0,30}(?:预算|决算)/.exec(nfkc(l.text));
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** A budget year in a file's name ("…2026-dept-budget-tables.pdf", "2026年度部门预算报表.pdf"). */
export function yearInName(file: string | undefined): number | undefined {
  const m = /(?:^|[^\d])(20[1-4]\d)(?:[^\d]|$)/.exec((file ?? '').split(/[\\/]/).pop() ?? '');
  return m ? Number(m[1]) : undefined;
}
