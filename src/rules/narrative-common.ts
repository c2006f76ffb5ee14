/**
 * What the narrative rules share: the sections read once with whitespace removed, the amount and
 * label patterns, and the basis they cite.
 */
import type { NarrativeSection } from '../core/disclosure.ts';
import type { RuleContext } from './context.ts';
import { BASIS } from './types.ts';

/** A number as printed in running text ("1,861.38", "686", "-3"). */
export const NUM = String.raw`-?\d[\d,，]*(?:\.\d+)?`;

export interface Sec {
  heading: string;
  text: string;
}

/** The narrative sections with whitespace removed (pdftotext breaks lines inside words and numbers), read once per check for all the narrative rules. */
export function sections(ctx: RuleContext): Sec[] {
  return ctx.memo('narrative.sections', () => ctx.sections().map((s: NarrativeSection) => ({ heading: s.heading.trim(), text: `${s.text}`.replace(/\s+/g, '') })));
}

/** A short excerpt of `text` around position `at`, with ellipses where it was cut, for messages. */
export function snippet(text: string, at: number, len = 36): string {
  const from = Math.max(0, at - 12);
  return `${from > 0 ? '…' : ''}${text.slice(from, from + len)}${from + len < text.length ? '…' : ''}`;
}

export const NARRATIVE_BASIS = `${BASIS.rules143}：情况说明应与公开表格数据一致`;

/** "X万元" amounts (a `g` regex: matchAll copies it; exec users copy it first). */
export const WAN_G = new RegExp(`(${NUM})万元`, 'g');

/** Words of a change or comparison: an amount labelled with them is not the quantity itself. */
export const CHANGE_WORDS = /比|较|与上年|同比|增加|减少|增长|下降|持平|增减|变动|增幅|降幅/;

export const byYear = <T>(make: (year: number) => T) => {
  const cache = new Map<number, T>();
  return (year: number): T => {
    let v = cache.get(year);
    if (v === undefined) cache.set(year, (v = make(year)));
    return v;
  };
};

/** A label about another year (上年, 执行数, 2023年 in a 2024 document). */
export const OTHER_YEAR = byYear((year) => new RegExp(`上年|去年|执行数|(?!${year})\\d{4}年`));

/** Label delimiters: the label of an amount is the text after the last of them. */
const LABEL_STOPS = new Set([...'。；;，,：:（()）、'].map((c) => c.charCodeAt(0)));

/** The text between the last delimiter in [from, to) and `to` (the whole span when there is none). */
export function labelBefore(text: string, from: number, to: number): string {
  let i = to - 1;
  while (i >= from && !LABEL_STOPS.has(text.charCodeAt(i))) i--;
  return text.slice(i + 1, to);
}

/** A label without the unit's own name (it can hold target words: "沈阳市政府采购中心安排资本性支出…") and leading numbering. */
export function amountSubject(label: string, unitName: string): string {
  const subject = unitName && label.includes(unitName) ? label.split(unitName).join('') : label;
  const c = subject.charCodeAt(0);
  return c >= 48 && c <= 57 ? subject.replace(/^\d+[.．]/, '') : subject;
}
