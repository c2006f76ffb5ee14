/** Wording shared by every writer: the document title and the four part headings. */
import type { Disclosure } from '../core/disclosure.ts';

export function documentTitle(d: Disclosure): string {
  const scope = d.scope === 'department' ? '部门' : '单位';
  const kind = d.kind === 'final-account' ? '决算' : '预算';
  return `${d.year}年${d.unit.name}${scope}${kind}公开`;
}

export type PartKey = 'profile' | 'tables' | 'narrative' | 'glossary';

const ORDINAL: Record<PartKey, string> = { profile: '第一部分', tables: '第二部分', narrative: '第三部分', glossary: '第四部分' };
const DEFAULT: Record<PartKey, string> = { profile: '概况', tables: '公开报表', narrative: '情况说明', glossary: '名词解释' };

/** A part heading: the contents-list entry for the part when printed, else a plain default. */
export function partHeading(d: Disclosure, part: PartKey): string {
  const hit = d.toc.find((e) => e.trim().startsWith(ORDINAL[part]));
  return hit?.trim() ?? `${ORDINAL[part]} ${DEFAULT[part]}`;
}

/** Anchor for a contents-list entry: a part, a table ("3. 支出预算总表"), or none. */
export function tocAnchor(d: Disclosure, entry: string, labels: Map<number, string>): string | undefined {
  const e = entry.trim();
  for (const p of Object.keys(ORDINAL) as PartKey[]) if (e.startsWith(ORDINAL[p])) return p;
  const m = /^(\d{1,2})\s*[.、．]/.exec(e);
  if (m) {
    const label = labels.get(Number(m[1]));
    if (label) return `t${label}`;
  }
  return undefined;
}

export function amountWord(d: Disclosure): string {
  return d.amountUnit ?? '万元';
}
