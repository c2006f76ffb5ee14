/** The document's year, kind, scope and unit, from its title page and labelled lines. */
import type { DocumentKind, DocumentScope } from '../../core/disclosure.ts';
import type { PrintedLine } from './lines.ts';
import { norm } from './normalize.ts';

export interface DocumentFacts {
  year?: number;
  kind: DocumentKind;
  scope?: DocumentScope;
  unitName?: string;
  /** The title as printed (first lines, joined). */
  title: string;
}

const UNIT_LABEL = /^\s*(?:单位名称|预算主管部门|主管部门名称|预算单位|编制部门|编制单位|部门名称|部门)\s*[:：]\s*(.+?)(?:\s{2,}.*)?$/;

/** "单位名称：X", "编制部门：X    单位：元" → X (as printed). */
export function labelledUnit(text: string): string | undefined {
  // Every label names 单位 or 部门: most lines are rejected here, cheaply.
  if (!text.includes('单位') && !text.includes('部门')) return undefined;
  const m = UNIT_LABEL.exec(text.replace(/\t.*$/, ''));
  if (!m) return undefined;
  const name = m[1]!.replace(/\s*单位\s*[:：].*$/, '').trim();
  return name && !/^[\d.,]+$/.test(name) ? name : undefined;
}

/**
 * Reads the facts from the lines before the contents list (the cover) and, for the unit, the
 * first labelled unit line anywhere.
 */
export function documentFacts(lines: PrintedLine[], coverEnd: number): DocumentFacts {
  const cover: string[] = [];
  for (let i = 0; i < coverEnd && i < lines.length; i++) {
    const t = lines[i]!.text.trim();
    if (t) cover.push(t);
  }
  const title = cover.join(' ');
  const t = norm(title);
  const year = /(\d{4})年/.exec(t)?.[1];
  // "预决算" names both (a site's section "部门预决算及“三公”经费"), not a final account.
  const kind: DocumentKind = /(?<!预)决算/.test(t) ? 'final-account' : 'budget';
  const scope: DocumentScope | undefined = /单位(?:预算|决算)/.test(t) ? 'unit' : /部门(?:预算|决算)|部门汇总|预算主管部门/.test(t) ? 'department' : undefined;
  let unitName: string | undefined;
  for (const l of cover.length ? lines.slice(0, coverEnd) : []) {
    unitName = labelledUnit(l.text);
    if (unitName) break;
  }
  if (!unitName) {
    for (const l of lines) {
      unitName = labelledUnit(l.text);
      if (unitName) break;
    }
  }
  if (!unitName && cover.length) unitName = unitFromTitle(cover);
  return { year: year ? Number(year) : undefined, kind, scope, unitName, title };
}

/** "2024年X单位预算公开" or "X2026年预算公开_…" → X; "上海市普陀区财政局" / "2024年度部门决算" → the line without a year. */
function unitFromTitle(cover: string[]): string | undefined {
  for (const c of cover) {
    const s = c
      // A web page's title names the page, then its section and site: "X2026年预算公开_部门预决算…_…门户网站".
      .split(/_|\s[-|–]\s|｜/)[0]!
      .replace(/^\d{4}\s*年度?/, '')
      .replace(/\s*(?:\d{4}\s*年度?)?\s*(?:区级|市级|省级)?(?:部门|单位)?(?:预算|决算)(?:公开)?\s*$/, '')
      .trim();
    // A tables-only file opens with a table title ("预算 01表 收支总表"): not a unit's name.
    if (s && !/^\d/.test(s) && !/目\s*录/.test(s) && !/表(?:[（(].*[)）])?$|表\s|[:：]/.test(s)) return s;
  }
  return undefined;
}
