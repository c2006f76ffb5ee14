/**
 * The document's words around its tables → the template's: the contents-list part headings, the
 * profile section headings, the narrative section headings (each matched to the generator's section
 * writer by what it is about) and the glossary terms.
 */
import type { Disclosure } from '../core/disclosure.ts';
import type { Template } from '../core/template.ts';
import { chineseNumber, generalise, HEADING_NUMBER, squash } from './wording.ts';

/**
 * Narrative writers of the generator (src/generate/narrative.ts, narrative-tables.ts) and what their
 * headings say, the most specific first (基本支出 before 支出, 财政拨款 before 收支).
 */
const SECTION_TOPICS: [string, RegExp][] = [
  ['threePublic', /三公/],
  ['operatingCost', /机关运行经费|行政经费|运行经费/],
  ['procurement', /政府采购/],
  ['assets', /国有资产/],
  ['performance', /绩效/],
  ['fund', /政府性基金/],
  ['stateCapital', /国有资本经营/],
  ['fiscalBasic', /财政拨款基本支出/],
  ['fiscalExpenditure', /财政拨款支出/],
  ['fiscal', /财政拨款收支/],
  ['generalBasic', /一般公共预算基本支出/],
  ['general', /一般公共预算(?:财政拨款)?支出/],
  ['overview', /收支总表|收支.*(?:总体|增减|情况)|总体情况|预算编制说明|收支预算|预算收支/],
  ['income', /收入(?:预算|总表|情况)/],
  ['expenditure', /支出(?:预算|总表|情况)/],
];

/** Headings the generator has a writer for, in the document's order and wording, renumbered. */
export function narrativeSections(d: Disclosure, fallback: Template): { sections: Template['narrativeSections']; notes: string[] } {
  const notes: string[] = [];
  const found: { key: string; heading: string }[] = [];
  const used = new Set<string>();
  for (const heading of joinedHeadings(d.narrative.map((s) => s.heading.trim()))) {
    // Contents-list lines ("五、关于…的说明 ......18") are not headings.
    if (!heading || heading.length > 40 || /\.{3,}|…{2,}|·{3,}/.test(heading)) continue;
    const topic = SECTION_TOPICS.find(([key, re]) => !used.has(key) && re.test(squash(heading)));
    if (!topic) {
      if (HEADING_NUMBER.test(heading)) notes.push(`情况说明「${squash(heading)}」：生成器没有对应的写法，未写入模板`);
      continue;
    }
    used.add(topic[0]);
    found.push({ key: topic[0], heading: generalise(heading, d.year, d.unit.name).replace(/机关运行经费/, '{operatingCostName}') });
  }
  // The overview states the totals every other section and table is compared with: always written.
  if (!used.has('overview')) {
    const o = fallback.narrativeSections.find((s) => s.key === 'overview');
    if (o) found.unshift({ key: 'overview', heading: o.heading });
  }
  const numbered = found.filter((f) => HEADING_NUMBER.test(f.heading)).length >= found.length / 2;
  const sections = found.map((f, i) => ({
    key: f.key,
    heading: numbered ? `${chineseNumber(i + 1)}、${f.heading.replace(HEADING_NUMBER, '').replace(/\s+/g, '')}` : f.heading.replace(/\s+/g, ''),
    required: true,
  }));
  return { sections, notes };
}

/** A heading a PDF wrapped ("九、…培训费支出预" + "算情况说明") joined again: a short unnumbered line after a numbered one. */
function joinedHeadings(headings: string[]): string[] {
  const out: string[] = [];
  for (const h of headings) {
    const prev = out.at(-1);
    if (prev !== undefined && HEADING_NUMBER.test(prev) && !HEADING_NUMBER.test(h) && h.length > 0 && h.length <= 8 && !/[。：:]$/.test(prev)) out[out.length - 1] = prev + h;
    else out.push(h);
  }
  return out;
}

/** Part headings of the contents list; the renderers number the four parts 第一部分 … 第四部分. */
const PART_ORDINAL: Record<string, string> = { profile: '第一部分', tables: '第二部分', narrative: '第三部分', glossary: '第四部分' };
const PART_TOPICS: [string, RegExp][] = [
  ['glossary', /名词解释/],
  ['tables', /报表|预算表|表格|公开表/],
  ['narrative', /情况说明|说明/],
  ['profile', /概况|基本情况|职能|职责/],
];

export function tocParts(d: Disclosure, fallback: Template): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const line of d.toc) {
    const m = /^\s*第[一二三四五六七八九十]+部分\s*(.+)$/.exec(line);
    if (!m) continue;
    const words = generalise(m[1]!.replace(/[.…·]{3,}\s*\d*\s*$/, ''), d.year, d.unit.name).replace(/\s+/g, '');
    const topic = PART_TOPICS.find(([key, re]) => !parts[key] && re.test(words));
    if (topic) parts[topic[0]] = `${PART_ORDINAL[topic[0]]} ${words}`;
  }
  for (const key of Object.keys(PART_ORDINAL)) if (!parts[key] && fallback.tocParts[key]) parts[key] = fallback.tocParts[key]!;
  return parts;
}

/** Profile headings (主要职责, 机构设置, 预算单位构成) as printed, year and unit made general. */
export function profileSections(d: Disclosure, fallback: Template): string[] {
  const out: string[] = [];
  // Some readers file 部门职责 / 机构设置 with the narrative: their headings count wherever they are.
  for (const s of [...(d.profile ?? []), ...d.narrative]) {
    const h = generalise(s.heading, d.year, d.unit.name).replace(/\s+/g, '');
    if (/职责|职能|机构|构成|单位范围/.test(h) && h.length <= 20 && !out.includes(h)) out.push(h);
  }
  return out.length ? out : [...fallback.profileSections];
}

/**
 * Glossary terms as the document explains them. Terms of function items (类/款/项) are the
 * generator's to write for the codes a budget uses: their presence sets glossaryCoversFunctionCodes.
 */
export function glossaryTerms(d: Disclosure): { terms: Template['glossaryTerms']; coversCodes: boolean } {
  const terms: Template['glossaryTerms'] = [];
  let coversCodes = false;
  for (const g of d.glossary) {
    const term = g.term.replace(/\s+/g, '');
    if (!term || !g.text.trim()) continue;
    if (/（项）|\(项\)/.test(term)) {
      coversCodes = true;
      continue;
    }
    // A term explained for one unit's functions (教育支出（类）进修及培训（款）) is that unit's, not the layout's.
    if (/（类）|（款）/.test(term) || terms.some((t) => t.term === term)) continue;
    // A reader may run the next numbered terms into this one's text ("…资金。四、一般公共服务（类）…").
    const own = g.text.split(/(?<=。)\s*[一二三四五六七八九十]{1,3}、/)[0]!;
    const text = generalise(own, d.year, d.unit.name)
      .replace(/\{unit\}/g, '本单位')
      .replace(/\{(?:prior)?[yY]ear\}年/g, '本年')
      .replace(/\s+/g, '');
    const entry: Template['glossaryTerms'][number] = { term, text };
    if (/^机关运行经费$|行政经费/.test(term)) entry.unitKinds = ['行政', '参公'];
    if (/^事业运行经费$/.test(term)) entry.unitKinds = ['事业'];
    terms.push(entry);
  }
  return { terms, coversCodes };
}
