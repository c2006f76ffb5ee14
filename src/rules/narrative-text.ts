/**
 * The narrative against itself: what a text states can be checked without reading a table — the
 * same quantity stated twice with different figures, a total and the parts listed under it, an
 * amount written in 元 where the document counts in 万元. These findings rest on the text alone,
 * so they keep their severity on documents whose table layout was only inferred.
 */
import { FEN_PER_YUAN } from '../core/money.ts';
import { FEN_PER_WAN, parseTextNumber, printFen, wanTextToFen, type TextNumber } from '../printed/amounts.ts';
import type { RuleContext } from './context.ts';
import { finding } from './finding.ts';
import { amountSubject, CHANGE_WORDS, labelBefore, NARRATIVE_BASIS, NUM, OTHER_YEAR, sections, type Sec } from './narrative-common.ts';
import { resolveTarget } from './narrative-targets.ts';
import type { Finding, Rule } from './types.ts';

/** One "…X万元" of the narrative with the label before it. */
export interface Stated {
  section: string;
  at: number;
  end: number;
  label: string;
  n: TextNumber;
}

const WAN = new RegExp(`(${NUM})万元`, 'g');

/** Every 万元 amount of a section with its label (the text after the last delimiter before it). */
export function statedAmounts(s: Sec): Stated[] {
  const out: Stated[] = [];
  let prevEnd = 0;
  for (const m of s.text.matchAll(WAN)) {
    const label = labelBefore(s.text, prevEnd, m.index!);
    prevEnd = m.index! + m[0].length;
    const n = parseTextNumber(m[1]!);
    if (n) out.push({ section: s.heading, at: m.index!, end: prevEnd, label, n });
  }
  return out;
}

function statedIn(ctx: RuleContext): Stated[] {
  return ctx.memo('narrative.stated', () => sections(ctx).flatMap(statedAmounts));
}

const wan = (n: TextNumber) => `${n.text}万元`;
const sameAmount = (a: TextNumber, b: TextNumber) => wanTextToFen(a) === wanTextToFen(b);

// ---------------------------------------------------------------------------------------------
// The same quantity stated twice

/** Quantities a narrative names in the same words wherever it states them (whole-budget scope). */
const RESTATED_KEYS = /^(基本支出|项目支出|单位预留机动经费|人员经费|公用经费|机关运行经费|“?三公”?经费)$/;
/** Headings and sentences about one fund's money (财政拨款, 一般公共预算 …) state that fund's figures. */
const FUND_SCOPE = /财政拨款|一般公共预算|政府性基金|国有资本|财政专户|单位资金|本级|所属|下属/;

/** The quantity a label names, without numbering, the year, "其中" and "预算数为"-like endings. */
function subjectKey(label: string, unitName: string): string {
  let s = amountSubject(label, unitName);
  s = s.replace(/^.*?\d{4}年度?/, '');
  s = s.replace(/^(其中|此外|另外|包括|含)[：:，,]?/, '');
  s = s.replace(/^[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十\d]+[.．、]/, '');
  for (let k = 0; k < 3; k++) s = s.replace(/(预算数为|预算数|预算为|预算|数为|合计为|合计|为|是|共计)$/, '');
  return s;
}

/** "140.219" beside "140.2": a page number run into the figure by the text layer, not another figure. */
function gluedDigits(a: TextNumber, b: TextNumber): boolean {
  const [x, y] = [a.text.replace(/[,，]/g, ''), b.text.replace(/[,，]/g, '')];
  return x !== y && (x.startsWith(y) || y.startsWith(x));
}

const restated: Rule = {
  id: 'narrative.restated-amount',
  title: '情况说明对同一金额（基本支出、项目支出、人员经费等）前后表述应一致',
  severity: 'warning',
  tolerance: 'exact',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.amounts'],
  check(ctx) {
    const out: Finding[] = [];
    const other = OTHER_YEAR(ctx.year);
    const first = new Map<string, Stated>();
    const reported = new Set<string>();
    const texts = new Map(sections(ctx).map((s) => [s.heading, s.text]));
    for (const a of statedIn(ctx)) {
      if (FUND_SCOPE.test(a.section) || CHANGE_WORDS.test(a.label) || other.test(a.label)) continue;
      const text = texts.get(a.section) ?? '';
      const sentence = text.slice(text.lastIndexOf('。', a.at) + 1, a.at);
      if (FUND_SCOPE.test(sentence) || other.test(sentence)) continue;
      const key = subjectKey(a.label, ctx.disclosure.unit.name);
      if (!RESTATED_KEYS.test(key)) continue;
      const was = first.get(key);
      if (!was) {
        first.set(key, a);
        continue;
      }
      if (sameAmount(was.n, a.n) || reported.has(key) || gluedDigits(was.n, a.n)) continue;
      reported.add(key);
      // The tables say which of the two is right, where they give the figure.
      const target = resolveTarget(ctx, key, a.section);
      const right = target ? [was, a].find((x) => wanTextToFen(x.n) === target.fen) : undefined;
      const wrong = right ? (right === was ? a : was) : a;
      const tableNote = right && target ? `；${ctx.label(target.table)}${target.what}为${printFen(target.fen, target.unit)}，与“${right.label}${wan(right.n)}”一致` : '';
      out.push(
        finding(
          this,
          `情况说明“${was.section}”称“${was.label}${wan(was.n)}”，“${a.section}”又称“${a.label}${wan(a.n)}”，同一金额前后不一致${tableNote}`,
          { section: wrong.section, row: key },
          { expected: right ? wan(right.n) : wan(was.n), found: wan(wrong.n), severity: right ? 'error' : 'warning' },
        ),
      );
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// A total and the parts listed under it

interface PartsList {
  section: string;
  whole: Stated;
  parts: Stated[];
  /** Introduced by a word that announces a selection (主要用于, 主要包括): its parts may not add up. */
  partial: boolean;
  /** A bare enumeration right after the total ("项目支出474.56万元，A116万元，B30万元。"). */
  bare: boolean;
}

const LIST_WORD = /(其中|包括|主要用于|主要包括|具体包括|构成为|分别为)[：:，,]?/g;
/** An amount labelled as a change, a comparison or another year's figure is not a part (上年结转 is). */
function isPartLabel(label: string, other: RegExp): boolean {
  if (CHANGE_WORDS.test(label)) return false;
  return !other.test(label.replace(/上年结转(结余)?|年初结转(和结余)?/g, ''));
}
/** Numbering of a list's items; a top-level number after an unnumbered list starts something else. */
const TOP_NUMBER = /[（(][一二三四五六七八九十]+[)）]/g;
const LABEL_NUMBERS = [/[（(][一二三四五六七八九十]+[)）]/, /(^|[^\d])\d+[、.．]/, /[（(]\d+[)）]/];

/** Parenthesised spans of a text ("（其中，公务用车购置费0.00万元…）"): amounts inside them are not parts. */
function inParens(text: string): (at: number) => boolean {
  const spans: [number, number][] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') open.push(i);
    else if ((c === '）' || c === ')') && open.length) {
      const from = open.pop()!;
      if (open.length === 0) spans.push([from, i]);
    }
  }
  return (at) => spans.some(([a, b]) => at > a && at < b);
}

function partsLists(ctx: RuleContext): PartsList[] {
  return ctx.memo('narrative.parts-lists', () => {
    const out: PartsList[] = [];
    const other = OTHER_YEAR(ctx.year);
    for (const s of sections(ctx)) {
      const all = statedAmounts(s);
      const parens = inParens(s.text);
      const listAt = (kEnd: number, whole: Stated, partial: boolean, bare: boolean) => {
        let end = s.text.indexOf('。', kEnd);
        if (end < 0) end = s.text.length;
        // Another list in the same sentence ("；支出包括：…") ends this one.
        const next = new RegExp(LIST_WORD).exec(s.text.slice(kEnd, end));
        if (next) end = Math.min(end, kEnd + next.index);
        if (!LABEL_NUMBERS[0]!.test(s.text.slice(kEnd, kEnd + 8))) {
          const top = new RegExp(TOP_NUMBER);
          top.lastIndex = kEnd;
          const m = top.exec(s.text);
          if (m && m.index < end) end = m.index;
        }
        const parts: Stated[] = [];
        for (const a of all) {
          if (a.at < kEnd || parens(a.at)) continue;
          if (a.end > end) break;
          if (!isPartLabel(a.label, other)) break;
          parts.push(a);
        }
        // Items numbered at two levels ("（一）人员经费…1、工资福利支出（类）…（1）基本工资（款）") are a tree, not one list.
        const span = parts.length ? s.text.slice(kEnd, parts[parts.length - 1]!.at) : '';
        const levels = LABEL_NUMBERS.filter((re) => re.test(span)).length;
        const tree = levels > 1 || (/[（(]类[)）]/.test(span) && /[（(]款[)）]/.test(span));
        if (parts.length >= 2 && !tree) out.push({ section: s.heading, whole, parts, partial, bare });
      };
      for (const m of s.text.matchAll(LIST_WORD)) {
        const k = m.index!;
        const sentenceStart = s.text.lastIndexOf('。', k - 1) + 1;
        const before = all.filter((a) => a.end <= k && a.at >= sentenceStart && !parens(a.at));
        let whole = before[before.length - 1];
        if (whole && !isPartLabel(whole.label, other)) continue;
        if (!whole) {
          // The total closes the sentence before: "支出预算130.00万元。包括：…", or
          // "…收支总预算18,728.91万元。收入…包括：…；支出包括：…".
          const prev = all.filter((a) => a.end === sentenceStart - 1).pop();
          const prevStart = s.text.lastIndexOf('。', sentenceStart - 2) + 1;
          const alone = prev !== undefined && all.filter((a) => a.at >= prevStart && a.end < sentenceStart).length === 1;
          if (!prev || !((k === sentenceStart && alone) || /收、?支|收入支出/.test(prev.label))) continue;
          whole = prev;
        } else if (/[；;]/.test(s.text.slice(whole.end, k))) continue;
        listAt(k + m[0].length, whole, /主要/.test(m[1]!), false);
      }
      // A bare enumeration after a project total.
      for (const w of all) {
        if (!/项目支出(预算)?(数|为)?$/.test(w.label) || s.text[w.end] !== '，') continue;
        const next = all.find((a) => a.at > w.end);
        if (!next || /[。；;]/.test(s.text.slice(w.end, next.at)) || new RegExp(LIST_WORD).test(s.text.slice(w.end, next.at))) continue;
        listAt(w.end + 1, w, false, true);
      }
    }
    return out;
  });
}

/** Amounts printed anywhere in a table, in fen. */
function printedAmounts(ctx: RuleContext, role: 'projects'): Set<number> {
  return ctx.memo(`narrative.printed.${role}`, () => {
    const set = new Set<number>();
    for (const t of ctx.tables(role)) {
      const per = ctx.unitOf(t) === '万元' ? 10_000 : 1;
      for (const r of t.rows)
        for (const c of r) {
          const n = /^\d[\d,]*\.\d\d$/.test(c.trim()) ? parseTextNumber(c.trim()) : null;
          if (n) set.add(n.scaled * per);
        }
    }
    return set;
  });
}

const partsSum: Rule = {
  id: 'narrative.parts-sum',
  title: '情况说明所列各组成部分之和应等于其所述合计',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.amounts', 'narrative.restated-amount'],
  check(ctx) {
    const out: Finding[] = [];
    for (const l of partsLists(ctx)) {
      const whole = wanTextToFen(l.whole.n);
      const sum = l.parts.reduce((a, p) => a + wanTextToFen(p.n), 0);
      if (sum === whole) continue;
      const cent = 10 ** 4;
      // Parts rounded one by one may differ from the rounded total by a cent each (尾差).
      if (Math.abs(sum - whole) <= cent * l.parts.length) continue;
      const list = l.parts.map((p) => `${p.label}${wan(p.n)}`).join('、');
      const head = `情况说明“${l.section}”称“${l.whole.label}${wan(l.whole.n)}”，其后所列${list}之和为${printFen(sum, '万元')}`;
      if (sum > whole && !l.partial) {
        out.push(
          finding(this, `${head}，大于所述合计${wan(l.whole.n)}，合计与其组成部分不一致`, { section: l.section, row: l.whole.label }, { expected: printFen(sum, '万元'), found: wan(l.whole.n) }),
        );
        continue;
      }
      if (sum < whole && l.bare) {
        // A bare list of projects short of their total: the projects table says which one is misstated.
        const printed = printedAmounts(ctx, 'projects');
        const culprit = l.parts.filter((p) => !printed.has(wanTextToFen(p.n)));
        const fix = whole - sum + (culprit[0] ? wanTextToFen(culprit[0].n) : 0);
        const t = ctx.table('projects');
        if (t && culprit.length === 1 && printed.has(fix))
          out.push(
            finding(
              this,
              `${head}，不等于所述合计${wan(l.whole.n)}；${ctx.label(t)}中该项为${printFen(fix, '万元')}（按此各项之和正好为${wan(l.whole.n)}），“${culprit[0]!.label}${wan(culprit[0]!.n)}”有误`,
              { section: l.section, row: culprit[0]!.label },
              {
                expected: printFen(fix, '万元'),
                found: wan(culprit[0]!.n),
              },
            ),
          );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// An amount in 元 where the narrative states the same figure in 万元

/** Where the clause holding position `at` starts (after the last 。；，). */
function labelStart(text: string, at: number): number {
  let i = at - 1;
  while (i >= 0 && !'。；;，,'.includes(text[i]!)) i--;
  return i + 1;
}

const YUAN_G = new RegExp(`(?<![\\d.,，])(${NUM})元`, 'g');

const amountUnit: Rule = {
  id: 'narrative.amount-unit',
  title: '情况说明金额的计量单位应与表格一致（万元误写为元）',
  severity: 'error',
  tolerance: 'exact',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  check(ctx) {
    const out: Finding[] = [];
    const inWan = new Set(
      statedIn(ctx)
        .filter((a) => a.n.decimals > 0 || a.n.scaled >= 100)
        .map((a) => wanTextToFen(a.n)),
    );
    for (const s of sections(ctx)) {
      for (const m of s.text.matchAll(YUAN_G)) {
        if (s.text[m.index! + m[1]!.length - 1] === '万' || /[万亿千百]$/.test(m[1]!)) continue;
        const n = parseTextNumber(m[1]!);
        if (!n || !inWan.has(wanTextToFen(n))) continue;
        const clause = s.text.slice(labelStart(s.text, m.index!), m.index! + m[0].length);
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”称“${clause}”，金额单位写为“元”，同一数字在情况说明另处为${m[1]}万元（全文以万元计），应为${m[1]}万元`,
            { section: s.heading },
            {
              expected: `${m[1]}万元`,
              found: `${m[1]}元`,
            },
          ),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// An amount said to be all of one fund's money, larger than that fund's total

const ALL_OF_FUND_G = new RegExp(`(${NUM})万元[，,]?(?:均为|全部为|全部是|均是|全部来源于|均来源于)(一般公共预算|财政拨款)(?:拨款|资金)?`, 'g');
/** The labels of a fund's totals: "一般公共预算当年拨款收入", "财政拨款收支总预算", "财政拨款支出". */
const FUND_TOTAL = /^(?:财政拨款|一般公共预算)(?:当年)?(?:财政)?(?:拨款(?:收入|支出)?|收入|支出|收、?支总(?:预算|计)?)(?:总计|合计)?$/;

const fundScope: Rule = {
  id: 'narrative.fund-scope',
  title: '情况说明称某金额“均为”某类资金的，该金额不应超过所述该类资金总额',
  severity: 'error',
  tolerance: 'exact',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.parts-sum'],
  check(ctx) {
    const out: Finding[] = [];
    const other = OTHER_YEAR(ctx.year);
    const totals = new Map<string, Stated>();
    for (const a of statedIn(ctx)) {
      if (CHANGE_WORDS.test(a.label) || other.test(a.label)) continue;
      const key = subjectKey(a.label, ctx.disclosure.unit.name);
      if (!FUND_TOTAL.test(key)) continue;
      const fund = key.startsWith('财政拨款') ? '财政拨款' : '一般公共预算';
      const was = totals.get(fund);
      if (!was || wanTextToFen(a.n) > wanTextToFen(was.n)) totals.set(fund, a);
    }
    // 一般公共预算 money is part of 财政拨款: the larger total bounds both.
    const bound = (fund: string) =>
      [totals.get(fund), fund === '一般公共预算' ? totals.get('财政拨款') : undefined].filter((x): x is Stated => x !== undefined).sort((a, b) => wanTextToFen(b.n) - wanTextToFen(a.n))[0];
    for (const s of sections(ctx)) {
      for (const m of s.text.matchAll(ALL_OF_FUND_G)) {
        const n = parseTextNumber(m[1]!);
        const total = bound(m[2]!);
        if (!n || !total || wanTextToFen(n) <= wanTextToFen(total.n)) continue;
        const clause = s.text.slice(labelStart(s.text, m.index!), m.index! + m[0].length);
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”称“${clause}”，但“${total.section}”所述“${total.label}”只有${wan(total.n)}，${m[1]}万元不可能全部为${m[2]}资金`,
            { section: s.heading },
            {
              expected: `不超过${wan(total.n)}`,
              found: `${m[1]}万元`,
            },
          ),
        );
      }
    }
    return out;
  },
};

/** A numbered item of a list: "（六）负责……。" up to the next item or line end. */
const NUMBERED_ITEM = /(?:^|\n)\s*([（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])\s*([^\n]{12,})/g;

const duplicatedItems: Rule = {
  id: 'narrative.duplicated-items',
  title: '概况或情况说明中同一条目重复印出（如主要职能第（六）至（十）条印了两遍）',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: `${NARRATIVE_BASIS}；公开内容应准确、完整`,
  check(ctx) {
    const out: Finding[] = [];
    const all = [...(ctx.disclosure.profile ?? []), ...ctx.disclosure.narrative];
    for (const s of all) {
      const seen = new Map<string, string>();
      const repeated: string[] = [];
      for (const m of s.text.matchAll(NUMBERED_ITEM)) {
        const body = m[2]!.replace(/\s+/g, '');
        const key = `${m[1]!.replace(/\s+/g, '')}${body}`;
        if (seen.has(key) && !repeated.includes(m[1]!)) repeated.push(m[1]!.trim());
        else seen.set(key, body);
      }
      if (!repeated.length) continue;
      out.push(
        finding(
          this,
          `${s.part === 'profile' ? '概况' : '情况说明'}“${s.heading}”中第${repeated.join('、')}条重复印出两遍，内容完全相同`,
          { section: s.heading, row: repeated[0] },
          { found: repeated.join('、') },
        ),
      );
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// The 三公 total against the three kinds of 三公 spending, as the narrative states them

/** The first amount after a name in the same clause, not a change ("较上年增加…") nor a year. */
const after = (name: string) => new RegExp(`${name}[^。；;，,\\d增减较比]{0,30}?(${NUM})(万元|元)`);
const THREE_PUBLIC_TOTAL = after('三公”?经费');
const THREE_PUBLIC_PARTS: { label: string; re: RegExp[] }[] = [
  { label: '因公出国（境）费', re: [after('因公出国[（(]境[）)]费')] },
  // The car's two costs stated together, else each on its own.
  { label: '公务用车购置及运行维护费', re: [after('公务用车购置及运行(?:维护)?费'), after('公务用车购置费'), after('公务用车运行(?:维护)?费')] },
  { label: '公务接待费', re: [after('公务接待费')] },
];

interface StatedAmount {
  text: string;
  fen: number;
  /** Fen in one unit of the last printed decimal (0.01 元 → 1, 0.01 万元 → 10,000); 0 for a zero. */
  step: number;
}

function statedAmount(m: RegExpExecArray | null): StatedAmount | undefined {
  const n = m && parseTextNumber(m[1]!);
  if (!n || n.decimals > 2) return undefined;
  const perUnit = m[2] === '万元' ? FEN_PER_WAN : FEN_PER_YUAN;
  const unitStep = perUnit / 10 ** n.decimals;
  // "0万元" is nothing, not a figure rounded to whole 万元.
  return { text: `${m[1]}${m[2]}`, fen: n.scaled * unitStep, step: n.scaled === 0 ? 0 : unitStep };
}

/** A kind's amount: stated as one figure, or (the car) as the sum of the figures its two costs are stated in. */
function statedKind(text: string, patterns: RegExp[]): StatedAmount | undefined {
  const [together, ...apart] = patterns.map((re) => statedAmount(re.exec(text)));
  if (together) return together;
  if (apart.length === 0 || apart.some((x) => !x)) return undefined;
  const figures = apart as StatedAmount[];
  return { text: figures.map((x) => x.text).join('+'), fen: figures.reduce((a, x) => a + x.fen, 0), step: figures.reduce((a, x) => a + x.step, 0) };
}

const threePublicSum: Rule = {
  id: 'narrative.three-public-sum',
  title: '情况说明所述“三公”经费合计应等于因公出国（境）费、公务用车购置及运行维护费、公务接待费之和',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.parts-sum', 'narrative.amounts'],
  check(ctx) {
    // A final account states the year's budget beside what was spent ("预算为76.43万元，支出决算为
    // 46.21万元"), and its parts are spending: the first figure after the name is not the total's.
    if (ctx.isFinalAccount) return [];
    const out: Finding[] = [];
    for (const s of sections(ctx)) {
      if (!/三公/.test(s.heading)) continue;
      const total = statedAmount(THREE_PUBLIC_TOTAL.exec(s.text));
      if (!total) continue;
      const stated = THREE_PUBLIC_PARTS.map((p) => statedKind(s.text, p.re));
      if (stated.some((p) => !p)) continue;
      const parts = stated as StatedAmount[];
      const sum = parts.reduce((a, p) => a + p.fen, 0);
      // Each figure rounded on its own to its last decimal: up to half a step each.
      const slack = (total.step + parts.reduce((a, p) => a + p.step, 0)) / 2;
      if (Math.abs(sum - total.fen) <= slack) continue;
      const unit = total.text.endsWith('万元') ? '万元' : '元';
      const list = THREE_PUBLIC_PARTS.map((p, i) => `${p.label}${parts[i]!.text}`).join('、');
      out.push(
        finding(
          this,
          `情况说明“${s.heading}”称“三公”经费合计${total.text}，其后所列${list}之和为${printFen(sum, unit)}，合计与其组成部分不一致`,
          { section: s.heading, row: '“三公”经费合计' },
          { expected: printFen(sum, unit), found: total.text },
        ),
      );
    }
    return out;
  },
};

export const NARRATIVE_TEXT_RULES: Rule[] = [restated, partsSum, threePublicSum, amountUnit, fundScope, duplicatedItems];
