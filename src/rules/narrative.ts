/**
 * Narrative (情况说明) vs tables: stated amounts and counts, year-on-year sentences (direction words,
 * percentages, reasons), shares, template placeholders, wrong year references, class names, the
 * operating-cost item list, and project periods.
 */
import { FEN_PER_WAN, fenToWanScaled, narrativeMatches, parseTextNumber, printFen, wanTextToFen, type TextNumber } from '../printed/amounts.ts';
import { catalogYearFor, loadCatalog, type Catalog } from '../core/catalog.ts';
import type { RuleContext } from './context.ts';
import { finding } from './finding.ts';
import { goalScope } from './goals-scope.ts';
import { columnOf, normName, totalOf, amountAt, type Matrix, type MatrixColumn, type MatrixRow } from '../printed/matrix.ts';
import { resolveTarget } from './narrative-targets.ts';
import { NARRATIVE_TEXT_RULES } from './narrative-text.ts';
import { amountSubject, byYear, CHANGE_WORDS, labelBefore, NARRATIVE_BASIS, NUM, OTHER_YEAR, sections, snippet, WAN_G } from './narrative-common.ts';
import { BASIS, type Finding, type Rule } from './types.ts';

/** Patterns compiled once (a `g` regex used with exec is copied first: it carries lastIndex). */
const YOY_A = new RegExp(
  `(?:比|较|与)(?:上年|去年|上年度|\\d{4}年度?)(?:预算数?|决算数?|执行数)?(?:相比|对比)?[，,]?(?:(?:财政拨款)?收、?支(?:预算)?总计各)?(增加|减少|增长|下降)了?(${NUM})万元[，,]?(?:(增长|下降|减少|增加|增幅|降幅)(?:了|为)?(${NUM})[%％])?`,
  'g',
);
const YOY_B = new RegExp(`(?:执行数|预算数|决算数)为(${NUM})万元[，,]\\d{4}年(?:预算)?安排(${NUM})万元[，,]?(?:比|较)[^，,。]{0,16}?(增加|减少|增长|下降)(${NUM})[%％]`, 'g');
const SHARE_G = new RegExp(`(${NUM})万元[，,]?占(?:比)?(?:为)?(?:([^，,。；;：:%％\\d]{1,16}?)的)?(${NUM})[%％]`, 'g');
const WHOLE_G = new RegExp(`(${NUM})万元[，,]?(?:主要用于|其中|构成|包括)`, 'g');
const ITEM_HEAD_G = new RegExp(`[（(](\\d{3})类[)）][^（(]{1,30}[（(](\\d{2})款[)）][^（(]{1,30}[（(](\\d{2})项[)）](${NUM})万元`, 'g');
const SAME_YEAR_COMPARE = byYear((year) => new RegExp(`(?:比|较|与)${year}年(?:度)?(?:预算|决算)?`, 'g'));
const AGAIN_THIS_YEAR = byYear((year) => new RegExp(`${year}年(?:预算)?安排(${NUM})万元`));

const amounts: Rule = {
  id: 'narrative.amounts',
  title: '情况说明所述金额与表格一致（收入、支出、基本、项目、经济分类、运行经费、三公、采购、债务、购买服务、绩效资金）',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['cross.expenditure-total', 'cross.three-public-codes', 'narrative.performance'],
  check(ctx) {
    const out: Finding[] = [];
    const other = OTHER_YEAR(ctx.year);
    const unitName = ctx.disclosure.unit.name;
    for (const s of sections(ctx)) {
      const re = new RegExp(WAN_G);
      let m: RegExpExecArray | null;
      let prevEnd = 0;
      while ((m = re.exec(s.text))) {
        const label = labelBefore(s.text, prevEnd, m.index);
        prevEnd = m.index + m[0].length;
        if (label === '' || CHANGE_WORDS.test(label) || other.test(label)) continue;
        const n = parseTextNumber(m[1]!);
        if (!n) continue;
        const target = resolveTarget(ctx, amountSubject(label, unitName), s.heading);
        if (!target) continue;
        const cmp = narrativeMatches(n, target.fen);
        if (cmp === 'ok') continue;
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”称“${label}${m[1]}万元”，${ctx.label(target.table)}${target.what}为${printFen(target.fen, target.unit)}${target.doubt ? `（${target.doubt}，此项仅作提示）` : ''}`,
            { section: s.heading, row: label },
            {
              expected: printFen(target.fen, '万元'),
              found: `${m[1]}万元`,
              severity: cmp === 'rounding' || target.doubt ? 'info' : 'error',
            },
          ),
        );
      }
    }
    return out;
  },
};

const PLACEHOLDERS: [RegExp, string][] = [
  [/(增加|增长|减少|下降)[（(](减少|下降|增加|增长)[)）]/g, '增减方向未选定'],
  [/增[（(]减[)）]|[（(]增[)）][（(]减[)）]/g, '增减方向未选定'],
  [/(?<![A-Za-z])(XX|xx|ＸＸ)(?![A-Za-z])|××|＊＊/g, '模板占位符未替换'],
  [/主要原因(是|为)?[:：]?(?=[。；;]|$)/g, '原因未填写'],
  [/[【\[][^】\]]{0,12}(填写|单位名称|金额)[^】\]]{0,12}[】\]]/g, '模板填写提示未删除'],
  // Bracketed instructions of the template: "（按“…”中实际发生…填写）", "（此处填写…）", "（应说明超编原因）", "（如有）", "（增加内容）".
  [/[（(](?:按[^（）()]{0,60}填[写列]|此处[^（）()]{0,30}|应说明[^（）()]{0,20}|如有|增加内容|[^（）()]{0,20}填写[^（）()]{0,10})[)）]/g, '模板填写说明未删除'],
  // Unchosen alternatives of the template: "局（部、委、办）".
  [/局[（(]部、委、办[)）]/g, '模板备选用语未选定'],
];

const placeholder: Rule = {
  id: 'narrative.placeholder',
  title: '情况说明保留模板占位文字（增加(减少)、XX、主要原因是。）',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  check(ctx) {
    const out: Finding[] = [];
    for (const s of sections(ctx)) {
      for (const [re, why] of PLACEHOLDERS) {
        const hits = [...s.text.matchAll(re)];
        if (hits.length === 0) continue;
        const kinds = [...new Set(hits.map((h) => h[0]))];
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”保留模板占位文字“${kinds.join('”“')}”（${why}，共${hits.length}处），如：${snippet(s.text, hits[0]!.index!)}`,
            { section: s.heading },
            { found: kinds.join(' ') },
          ),
        );
      }
    }
    return out;
  },
};

const yearReference: Rule = {
  id: 'narrative.year-reference',
  title: '同比年份错误（与预算年度本身比较）',
  severity: 'error',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  check(ctx) {
    const out: Finding[] = [];
    const re = SAME_YEAR_COMPARE(ctx.year);
    for (const s of sections(ctx)) {
      const hits = [...s.text.matchAll(re)];
      if (hits.length === 0) continue;
      out.push(
        finding(
          this,
          `情况说明“${s.heading}”以“${hits[0]![0]}”作比较（共${hits.length}处）：${ctx.year}年${ctx.isFinalAccount ? '决算' : '预算'}应与${ctx.year - 1}年比较，如：${snippet(s.text, hits[0]!.index!)}`,
          { section: s.heading },
          { expected: `${ctx.year - 1}年`, found: `${ctx.year}年` },
        ),
      );
    }
    return out;
  },
};

interface YoY {
  section: string;
  at: number;
  current: TextNumber;
  /** Another amount the sentence may be about (the one just before "比上年…" when it is not the first). */
  alternative?: TextNumber;
  prior?: TextNumber;
  change?: TextNumber;
  changeWord?: string;
  pct?: TextNumber;
  pctWord?: string;
}

const UP = /增加|增长|增幅|上升|提高/;
const DOWN = /减少|下降|降幅|降低|减/;

/** Year-on-year statements: "X万元…比上年增加A万元，增长B%" and "上年执行数为P万元，…安排C万元，比…增加B%". */
function yoyStatements(ctx: RuleContext): YoY[] {
  return ctx.memo('narrative.yoy', () => readYoyStatements(ctx));
}

function readYoyStatements(ctx: RuleContext): YoY[] {
  const out: YoY[] = [];
  for (const s of sections(ctx)) {
    const t = s.text;
    const a = YOY_A;
    for (const m of t.matchAll(a)) {
      // Look back far enough to reach the start of a long sentence ("…预算92.60万元，包括<a long list>，比上年减少…"),
      // and never start the window inside a number (a cut "92.60" would read as "60").
      let from = Math.max(0, m.index! - 400);
      while (from > 0 && from < m.index! && /[\d.,，]/.test(t[from - 1]!) && /[\d.,，]/.test(t[from]!)) from++;
      const prefix = t.slice(from, m.index!);
      const sentenceStart = prefix.lastIndexOf('。') + 1;
      const clauseStart = Math.max(sentenceStart, prefix.lastIndexOf('；') + 1);
      const subject = prefix.slice(sentenceStart);
      const nums = [...prefix.matchAll(WAN_G)];
      const last = nums[nums.length - 1];
      // The sentence's subject amount is its first one ("采购预算79.09万元，其中货物…；比上年增加…");
      // a sentence without one ("与上年相比增加…") continues the previous sentence's last amount.
      const first = nums.find((n) => n.index! >= clauseStart) ?? nums.find((n) => n.index! >= sentenceStart);
      let current: TextNumber | null = null;
      if (first) current = parseTextNumber(first[1]!);
      else if (last && /^(此外|另外)?[，,]?$/.test(subject)) current = parseTextNumber(last[1]!);
      else if (/^\d{4}年(部门|单位)?(收支)?(预算|支出预算)(总额|总计|数)?$/.test(subject)) {
        // "2024年预算比2023年预算减少…": the subject is the whole budget.
        const total = totalBudget(ctx);
        if (total !== undefined) current = { text: fenText(total), scaled: fenToWanScaled(total, 2), decimals: 2 };
      }
      const change = parseTextNumber(m[2]!);
      if (!current || !change) continue;
      // "…一般公共预算支出4,005.29万元，其中：（1）工资福利支出2,981.28万元，较上年增加117.32万元": the
      // amount just before the comparison may be its subject too.
      const adjacent = last && last !== first && /^[，,]?$/.test(prefix.slice(last.index! + last[0].length)) ? parseTextNumber(last[1]!) : null;
      out.push({
        section: s.heading,
        at: m.index!,
        current,
        ...(adjacent ? { alternative: adjacent } : {}),
        change,
        changeWord: m[1],
        pct: m[4] ? (parseTextNumber(m[4]) ?? undefined) : undefined,
        pctWord: m[3],
      });
    }
    const b = YOY_B;
    for (const m of t.matchAll(b)) {
      const prior = parseTextNumber(m[1]!);
      const current = parseTextNumber(m[2]!);
      if (!prior || !current) continue;
      out.push({ section: s.heading, at: m.index!, current, prior, pctWord: m[3], pct: parseTextNumber(m[4]!) ?? undefined });
    }
  }
  return out;
}

/** The whole budget (表3 合计, else 表1 支出总计) in fen. */
function totalBudget(ctx: RuleContext): number | undefined {
  const m = ctx.matrix('expenditure');
  const c = m && columnOf(m, 'total');
  if (m && c) {
    const v = m.total ? amountAt(m.total, c) : undefined;
    if (v !== undefined) return v;
  }
  const l = ctx.ledger('summary');
  const it = l?.expenditure.find((i) => /支出总计/.test(i.label));
  return it?.fen ?? undefined;
}

function fenText(fen: number): string {
  return printFen(fen, '万元').replace('万元', '').replace(/,/g, '');
}

/** Change in 万元 fen and prior in fen for a statement. */
function changeOf(y: YoY): { delta: number; prior: number; current: number } | undefined {
  const current = wanTextToFen(y.current);
  if (y.prior) {
    const prior = wanTextToFen(y.prior);
    return { delta: current - prior, prior, current };
  }
  if (!y.change || !y.changeWord) return undefined;
  const sign = UP.test(y.changeWord) ? 1 : -1;
  const delta = sign * wanTextToFen(y.change);
  return { delta, prior: current - delta, current };
}

/**
 * Whether the printed percentage is one the printed amounts allow: each amount stands for anything
 * within half a unit of its last printed digit, and the percentage for anything within half of its own.
 */
function withinRounding(y: YoY, c: { delta: number; prior: number; current: number }, pct: TextNumber): boolean {
  const half = (n: TextNumber) => FEN_PER_WAN / 10 ** n.decimals / 2;
  const hc = half(y.current);
  // The prior amount: printed (P), or current − change, each with its own rounding.
  const hp = y.prior ? half(y.prior) : hc + (y.change ? half(y.change) : 0);
  const shown = Math.abs(pct.scaled) / 10 ** pct.decimals;
  const hpct = 0.5 / 10 ** pct.decimals;
  let lo = Infinity;
  let hi = -Infinity;
  for (const cur of [c.current - hc, c.current + hc])
    for (const pri of [c.prior - hp, c.prior + hp]) {
      if (pri <= 0) return false;
      const r = (Math.abs(cur - pri) / pri) * 100;
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
  return shown + hpct >= lo && shown - hpct <= hi;
}

/** Percentage at `decimals` places, as an integer count of 10^-decimals %. */
function pctScaled(delta: number, prior: number, decimals: number): number {
  const scale = 100 * 10 ** decimals;
  const num = Math.abs(delta) * scale;
  return Math.floor((num + prior / 2) / prior);
}

const yoy: Rule = {
  id: 'narrative.year-on-year',
  title: '同比增减的方向用词与百分比应与金额一致',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.change-reason'],
  check(ctx) {
    const out: Finding[] = [];
    for (const y of yoyStatements(ctx)) {
      const c = changeOf(y);
      if (!c) continue;
      const place = { section: y.section };
      if (y.changeWord && y.pctWord && !/幅/.test(y.pctWord) && UP.test(y.changeWord) !== UP.test(y.pctWord)) {
        out.push(finding(this, `情况说明“${y.section}”同一句中先说“${y.changeWord}”后说“${y.pctWord}”，增减方向自相矛盾`, place, { found: `${y.changeWord}/${y.pctWord}` }));
        continue;
      }
      const word = y.pctWord ?? y.changeWord;
      if (y.prior && word && c.delta !== 0 && UP.test(word) !== c.delta > 0) {
        out.push(
          finding(this, `情况说明“${y.section}”称“${word}”，但上年${y.prior.text}万元到本年${y.current.text}万元实为${c.delta > 0 ? '增加' : '减少'}`, place, {
            expected: c.delta > 0 ? '增加' : '减少',
            found: word,
          }),
        );
        continue;
      }
      if (!y.pct || c.prior <= 0) continue;
      const computed = pctScaled(c.delta, c.prior, y.pct.decimals);
      if (Math.abs(computed - Math.abs(y.pct.scaled)) <= 1) continue;
      // The percentage of the sentence's other candidate subject, or one the printed amounts allow
      // once their own rounding is counted (0.50 → 0.62 万元 may be anything from 21.8% to 26.3%).
      const alt = y.alternative && changeOf({ ...y, current: y.alternative });
      if (alt && alt.prior > 0 && Math.abs(pctScaled(alt.delta, alt.prior, y.pct.decimals) - Math.abs(y.pct.scaled)) <= 1) continue;
      if (withinRounding(y, c, y.pct)) continue;
      const shown = (computed / 10 ** y.pct.decimals).toFixed(y.pct.decimals);
      // Divided by this year instead of last year: a real error however small the gap.
      const wrongBase = c.current > 0 && Math.abs(pctScaled(c.delta, c.current, y.pct.decimals) - Math.abs(y.pct.scaled)) <= 1;
      // A gap within 0.05 points is how documents round shares of rounded figures: a hint only.
      const slight = !wrongBase && Math.abs(computed - Math.abs(y.pct.scaled)) <= 0.05 * 10 ** y.pct.decimals;
      const why = wrongBase ? '（所印百分比是以本年数而非上年数为基数算得）' : slight ? '（相差不足0.05个百分点，可能是舍入所致）' : '';
      out.push(
        finding(this, `情况说明“${y.section}”称${word ?? '变动'}${y.pct.text}%，按上年${printFen(c.prior, '万元')}、本年${printFen(c.current, '万元')}计算应为${shown}%${why}`, place, {
          expected: `${shown}%`,
          found: `${y.pct.text}%`,
          ...(slight ? { severity: 'info' as const } : {}),
        }),
      );
    }
    return out;
  },
};

const changeReason: Rule = {
  id: 'narrative.change-reason',
  title: '增减变化达到10%以上或从无到有的，应说明原因',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: `${BASIS.rules143}：对增减变化较大的应说明原因`,
  related: ['narrative.year-on-year'],
  check(ctx) {
    const out: Finding[] = [];
    const texts = new Map(sections(ctx).map((s) => [s.heading, s.text]));
    const all = yoyStatements(ctx);
    all.forEach((y, k) => {
      const c = changeOf(y);
      if (!c) return;
      const big = c.prior === 0 ? c.current !== 0 : Math.abs(c.delta) * 10 >= Math.abs(c.prior);
      if (!big) return;
      // The same change restated in the sentences that follow ("财政拨款收入…增加794.88万元…；支出…增加794.88万元。
      // …增加的主要原因是…") is explained once, after the last of them.
      let until = y.at + 160;
      for (let j = k + 1; j < all.length && all[j]!.section === y.section && all[j]!.at < until + 240; j++) {
        if (!y.change || !all[j]!.change || wanTextToFen(all[j]!.change!) !== wanTextToFen(y.change)) break;
        until = all[j]!.at + 160;
      }
      const after = (texts.get(y.section) ?? '').slice(y.at, until);
      if (REASON.test(after)) return;
      out.push(
        finding(
          this,
          `情况说明“${y.section}”中上年${printFen(c.prior, '万元')}到本年${printFen(c.current, '万元')}变化${c.prior === 0 ? '（从无到有）' : '达10%以上'}，未说明原因`,
          { section: y.section },
          {},
        ),
      );
    });
    return out;
  },
};

/** A stated reason: "主要原因是…", "由于…", or a new classification item ("此项级科目为今年新增科目"). */
const REASON = /(主要)?原因(是|为|：|:)?[^。；;，,]{2,}|主要是[^。]{2,}|由于[^。]{2,}|主要用于[^。]{2,}|新增(的)?(项级)?科目|科目(为|系)[^。]{0,6}新增/;

/** A share's base as printed ("占“三公”经费的8.75%" → 三公经费), quotes and 的 dropped. */
function shareBase(name: string | undefined): string {
  return (name ?? '').replace(/[“”"‘’'「」]/g, '').replace(/的$/, '');
}

interface Share {
  at: number;
  /** The text between the previous share and this amount (where its label is). */
  lead: string;
  amount: TextNumber;
  pct: TextNumber;
  /** The base normalised (for grouping) and as printed. */
  base: string;
  baseText: string;
}

function sharesOf(text: string): Share[] {
  const out: Share[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(SHARE_G)) {
    const amount = parseTextNumber(m[1]!);
    const pct = parseTextNumber(m[3]!);
    let from = m.index! - 1;
    while (from >= prevEnd && from > m.index! - 40 && !'。；;'.includes(text[from]!)) from--;
    const lead = text.slice(from + 1, m.index!);
    prevEnd = m.index! + m[0].length;
    if (amount && pct) out.push({ at: m.index!, lead, amount, pct, base: shareBase(m[2]), baseText: m[2] ?? '' });
  }
  return out;
}

/** The three kinds of 三公 spending, each named once in a group of shares "of the 三公 total". */
const THREE_PUBLIC_KINDS = [/出国/, /公务用车|车辆/, /接待/];

function coversThreePublic(group: Share[]): boolean {
  if (group.length !== 3 || !/三公/.test(group[0]!.base)) return false;
  return THREE_PUBLIC_KINDS.every((k) => group.filter((g) => k.test(g.lead)).length === 1);
}

const sharePercent: Rule = {
  id: 'narrative.share-percent',
  title: '构成比例（占X%、占某合计的X%）应与金额一致',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  check(ctx) {
    const out: Finding[] = [];
    for (const s of sections(ctx)) {
      const items = sharesOf(s.text);
      // Groups of consecutive shares of one base: whose percentages add to about 100 (the
      // denominator is their sum), or the three kinds of 三公 spending "占“三公”经费的X%".
      let i = 0;
      while (i < items.length) {
        let pctSum = 0;
        let best = -1;
        for (let j = i; j < items.length && j < i + 12 && items[j]!.base === items[i]!.base; j++) {
          pctSum += items[j]!.pct.scaled / 10 ** items[j]!.pct.decimals;
          if (j > i && Math.abs(pctSum - 100) <= 0.3) best = j;
        }
        let total: number | undefined;
        let whole = '合计';
        if (best >= 0) total = items.slice(i, best + 1).reduce((a, g) => a + wanTextToFen(g.amount), 0);
        else if (coversThreePublic(items.slice(i, i + 3)) && items[i + 2]!.base === items[i]!.base) {
          best = i + 2;
          total = items.slice(i, i + 3).reduce((a, g) => a + wanTextToFen(g.amount), 0);
          whole = '“三公”经费合计（因公出国（境）费、公务用车购置及运行费、公务接待费之和）';
        } else {
          // Shares of an amount stated just before them: "支出2940.05万元，主要用于以下方面：…X万元，占Y%".
          const before = s.text.slice(Math.max(0, items[i]!.at - 60), items[i]!.at);
          const stated = [...before.matchAll(WHOLE_G)].pop();
          const n = stated && parseTextNumber(stated[1]!);
          if (n && items[i]!.base === '') {
            total = wanTextToFen(n);
            best = i;
            while (best + 1 < items.length && items[best + 1]!.at - items[best]!.at < 80 && items[best + 1]!.base === '') best++;
          }
        }
        if (best < 0 || !total) {
          i++;
          continue;
        }
        for (const g of items.slice(i, best + 1)) {
          const computed = pctScaled(wanTextToFen(g.amount), total, g.pct.decimals);
          const gap = Math.abs(computed - g.pct.scaled);
          if (gap <= 1) continue;
          const shown = (computed / 10 ** g.pct.decimals).toFixed(g.pct.decimals);
          // A gap within 0.05 points is how documents round shares of rounded figures: a hint only.
          const slight = gap <= 0.05 * 10 ** g.pct.decimals;
          const of = g.baseText ? `占${g.baseText}的` : '占';
          out.push(
            finding(
              this,
              `情况说明“${s.heading}”称${g.amount.text}万元${of}${g.pct.text}%，按${whole}${printFen(total, '万元')}计算应为${shown}%${slight ? '（相差不足0.05个百分点，可能是舍入所致）' : ''}`,
              { section: s.heading },
              {
                expected: `${shown}%`,
                found: `${g.pct.text}%`,
                ...(slight ? { severity: 'info' as const } : {}),
              },
            ),
          );
        }
        i = best + 1;
      }
    }
    return out;
  },
};

const operatingCostItems: Rule = {
  id: 'narrative.operating-cost-items',
  title: '运行经费说明列出的项目应属于公用经费（表6 中列为人员经费的不应列入）',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: '机关（事业）运行经费 = 基本支出中的公用经费',
  related: ['narrative.amounts', 'cross.basic-economic'],
  check(ctx) {
    const m = ctx.matrix('general-basic');
    const pc = m && columnOf(m, 'personnel');
    const uc = m && columnOf(m, 'public');
    if (!m || !pc || !uc) return [];
    const out: Finding[] = [];
    for (const s of sections(ctx).filter((x) => /运行经费/.test(x.heading) || /运行经费.{0,20}主要(包括|用于)/.test(x.text))) {
      const list = /主要(?:包括|用于)([^。]*)/.exec(s.text)?.[1] ?? '';
      for (const r of m.rows) {
        if (r.level !== 2 || r.name.length < 2 || !list.includes(normName(r.name))) continue;
        const personnel = amountAt(r, pc) ?? 0;
        const pub = amountAt(r, uc) ?? 0;
        if (personnel > 0 && pub === 0)
          out.push(
            finding(
              this,
              `情况说明“${s.heading}”把“${r.name}”列为运行经费，但${ctx.label(m.table)}将“${r.code} ${r.name}”${printFen(personnel, m.unit)}列为人员经费，不属于公用经费（运行经费）`,
              { section: s.heading, row: r.code },
              { expected: '公用经费项目', found: r.name },
            ),
          );
      }
    }
    return out;
  },
};

const OBSOLETE_CLASS: Record<string, string> = { 医疗卫生与计划生育支出: '卫生健康支出' };

/** Characters a class name never holds: digits and punctuation that ends a clause or opens a note. */
const CLASS_NAME_STOPS = new Set([...'0123456789、，。；：:（()）'].map((c) => c.charCodeAt(0)));
const isOpenParen = (c: number) => c === 0x28 || c === 0xff08;
const isCloseParen = (c: number) => c === 0x29 || c === 0xff09;
const isDigit = (c: number) => c >= 48 && c <= 57;

interface ClassMention {
  name: string;
  code: string;
}

/**
 * "一般公共服务支出（201类）" mentions, left to right: what the regex
 * /([^\d、，。；：:（()）]{2,20})[（(](\d{3})类[)）]/g matches, found from each "类" instead of trying
 * the pattern at every position (the name is the 2–20 name characters before the paren, not
 * reaching back into the previous mention).
 */
function classMentions(text: string): ClassMention[] {
  const out: ClassMention[] = [];
  let last = 0;
  for (let k = text.indexOf('类'); k >= 0; k = text.indexOf('类', k + 1)) {
    const q = k - 4;
    if (q < last + 2 || !isClassCode(text, q)) continue;
    const lo = Math.max(last, q - 20);
    let p = q;
    while (p > lo && !CLASS_NAME_STOPS.has(text.charCodeAt(p - 1))) p--;
    if (q - p < 2) continue;
    out.push({ name: text.slice(p, q), code: text.slice(q + 1, k) });
    last = k + 2;
  }
  return out;
}

/** "（201类）" at q: an open paren, three digits, 类 and a close paren. */
function isClassCode(text: string, q: number): boolean {
  return isOpenParen(text.charCodeAt(q)) && isDigit(text.charCodeAt(q + 1)) && isDigit(text.charCodeAt(q + 2)) && isDigit(text.charCodeAt(q + 3)) && isCloseParen(text.charCodeAt(q + 5));
}

const className: Rule = {
  id: 'narrative.class-name',
  title: '情况说明中的功能科目名称应与表格（当年科目）一致',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: '政府收支分类科目（当年版本）',
  check(ctx) {
    const names = new Map<string, string>();
    for (const t of ctx.disclosure.tables) {
      const m = ['expenditure', 'general-expenditure', 'function-expenditure', 'income'].includes(ctx.role(t) ?? '') ? ctx.matrix(t) : undefined;
      for (const r of m?.rows ?? []) if (r.level === 1 && !names.has(r.code)) names.set(r.code, normName(r.name));
    }
    const out: Finding[] = [];
    const seen = new Set<string>();
    const catalog = yearCatalog(ctx.year);
    for (const s of sections(ctx)) {
      for (const m of classMentions(s.text)) {
        const name = normName(m.name);
        const code = m.code;
        const table = names.get(code);
        const key = `${name}|${code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Without the class in the tables: the year's catalogue, or the names renamed since (2019: 卫生健康支出).
        const catalogued = table ? undefined : catalog?.function.get(code);
        const obsolete = ctx.year >= RENAMED_IN && OBSOLETE_CLASS[name] ? OBSOLETE_CLASS[name] : undefined;
        const right = table ?? (catalogued ? normName(catalogued.name) : obsolete);
        if (right === undefined || right === name) continue;
        const where = table ? '表中该类为' : catalogued ? `${catalog!.year}年政府收支分类科目中该类为` : '该类现行名称为';
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”使用科目名称“${name}（${code}类）”，${where}“${right}”${obsolete === right ? '（旧科目名称）' : ''}`,
            { section: s.heading, row: code },
            { expected: right, found: name },
          ),
        );
      }
    }
    return out;
  },
};

/** The year the function classes were last renamed (医疗卫生与计划生育支出 → 卫生健康支出). */
const RENAMED_IN = 2019;

/** The catalogue of the document's year; none when only a later year's is loaded (names change). */
function yearCatalog(year: number): Catalog | undefined {
  try {
    return catalogYearFor(year) <= year ? loadCatalog(year) : undefined;
  } catch {
    return undefined;
  }
}

const itemAmounts: Rule = {
  id: 'narrative.item-amounts',
  title: '按科目说明的金额（X类X款X项）应与表格及其后文一致',
  severity: 'error',
  tolerance: 'rounding',
  family: 'narrative',
  basis: NARRATIVE_BASIS,
  related: ['narrative.amounts'],
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.matrix('general-expenditure') ?? ctx.matrix('expenditure');
    const col = m && columnOf(m, 'total');
    for (const s of sections(ctx)) {
      const heads = [...s.text.matchAll(ITEM_HEAD_G)];
      heads.forEach((h, k) => {
        const code = `${h[1]}${h[2]}${h[3]}`;
        const n = parseTextNumber(h[4]!);
        if (!n) return;
        if (m && col) {
          const row = m.rows.find((r) => r.code === code);
          const v = row ? amountAt(row, col) : undefined;
          if (v !== undefined && narrativeMatches(n, v) === 'mismatch')
            out.push(
              finding(
                this,
                `情况说明“${s.heading}”称科目 ${code} 为${h[4]}万元，${ctx.label(m.table)}“${code} ${row!.name}”为${printFen(v, m.unit)}`,
                { section: s.heading, row: code },
                { expected: printFen(v, '万元'), found: `${h[4]}万元` },
              ),
            );
        }
        const body = s.text.slice(h.index! + h[0].length, heads[k + 1]?.index ?? s.text.length);
        const again = AGAIN_THIS_YEAR(ctx.year).exec(body);
        const n2 = again && parseTextNumber(again[1]!);
        if (n2 && wanTextToFen(n2) !== wanTextToFen(n))
          out.push(
            finding(
              this,
              `情况说明“${s.heading}”科目 ${code} 先称${h[4]}万元，后文又称“${ctx.year}年预算安排${again![1]}万元”，前后不一致`,
              { section: s.heading, row: code },
              { expected: `${h[4]}万元`, found: `${again![1]}万元` },
            ),
          );
      });
      out.push(...namedItemFindings(this, ctx, s));
    }
    return out;
  },
};

/**
 * "（一）公共安全（类）1．检察（款）行政运行（项）支出7968.14万元", "1.人大事务行政运行（项）支出10528.33万元":
 * an item named by its 款 and 项 names instead of its code.
 */
const NAME_CHAR = String.raw`(?:[^（()）。；;，,、：:\d．.]|[（(]室[)）])`;
const NAMED_ITEM_G = new RegExp(`(?:(${NAME_CHAR}{2,30})[（(]款[)）])?(${NAME_CHAR}{2,30}?)[（(]项[)）](?:支出|(?:\\d{4}年)?预算数?为?)?(${NUM})万元`, 'g');

interface FunctionTable {
  m: Matrix;
  col: MatrixColumn;
}

/** The function-code tables with their total column (a table of one amount column: that column). */
function functionTables(ctx: RuleContext): FunctionTable[] {
  return ctx.memo('narrative.function-tables', () => {
    const out: FunctionTable[] = [];
    for (const t of ctx.disclosure.tables) {
      const role = ctx.role(t);
      if (role !== 'expenditure' && role !== 'general-expenditure' && role !== 'function-expenditure' && !/财政拨款支出/.test(t.title)) continue;
      const m = ctx.matrix(t);
      if (!m || m.lengths[0] !== 3 || !m.rows.some((r) => r.level === 3)) continue;
      const col = columnOf(m, 'total') ?? (m.columns.length === 1 ? m.columns[0] : undefined);
      if (col) out.push({ m, col });
    }
    return out;
  });
}

function namedItemFindings(rule: Rule, ctx: RuleContext, s: { heading: string; text: string }): Finding[] {
  const out: Finding[] = [];
  const tables = functionTables(ctx);
  if (tables.length === 0) return out;
  for (const h of s.text.matchAll(NAMED_ITEM_G)) {
    const section = h[1] ? normName(h[1]) : undefined;
    const item = normName(h[2]!);
    const n = parseTextNumber(h[3]!);
    if (!n) continue;
    // The 项 rows the name designates, in the first table that has them; one row or none.
    let hit: { t: FunctionTable; row: MatrixRow; parent?: MatrixRow; cls?: MatrixRow } | undefined;
    let ambiguous = false;
    for (const t of tables) {
      const rows = t.m.rows.filter((r) => {
        if (r.level !== 3) return false;
        const parent = t.m.rows.find((p) => p.level === 2 && p.code === r.code.slice(0, 5));
        const pname = parent ? normName(parent.name) : '';
        const name = normName(r.name);
        if (section !== undefined) return section === pname && item === name;
        return item === name || (pname !== '' && item === pname + name);
      });
      if (rows.length > 1) ambiguous = true;
      if (rows.length === 1 && !hit) {
        const row = rows[0]!;
        hit = { t, row, parent: t.m.rows.find((p) => p.level === 2 && p.code === row.code.slice(0, 5)), cls: t.m.rows.find((p) => p.level === 1 && p.code === row.code.slice(0, 3)) };
      }
    }
    if (!hit || ambiguous) continue;
    const fen = wanTextToFen(n);
    // Stated as printed in any of the function tables: nothing to say.
    if (tables.some((t) => t.m.rows.some((r) => r.code === hit!.row.code && amountAt(r, t.col) !== undefined && narrativeMatches(n, amountAt(r, t.col)!) !== 'mismatch'))) continue;
    const v = amountAt(hit.row, hit.t.col);
    if (v === undefined) continue;
    const { m } = hit.t;
    // The figure of the 款 or 类 the item belongs to, quoted for the item: a wrong level, however the table was read.
    const level = [hit.parent, hit.cls].find((r) => r && amountAt(r, hit!.t.col) === fen);
    const levelNote = level ? `；${h[3]}万元是“${level.code} ${level.name}”${level.level === 1 ? '类' : '款'}的合计，不是该项的金额` : '';
    out.push(
      finding(
        rule,
        `情况说明“${s.heading}”称“${h[0]!.slice(0, h[0]!.length - h[3]!.length - 2)}”为${h[3]}万元，${ctx.label(m.table)}“${hit.row.code} ${hit.row.name}”为${printFen(v, m.unit)}${levelNote}`,
        { section: s.heading, row: hit.row.code },
        {
          expected: printFen(v, '万元'),
          found: `${h[3]}万元`,
          // On a layout no template describes, the item's column is inferred: certain only when the figure is its 款's or 类's.
          ...(!ctx.templateKnown && !level ? { severity: 'info' as const } : {}),
        },
      ),
    );
  }
  return out;
}

const performance: Rule = {
  id: 'narrative.performance',
  title: '绩效目标覆盖情况（应编制、实际编制项目数，覆盖率）应与表9、表17一致',
  severity: 'error',
  tolerance: 'exact',
  family: 'narrative',
  basis: PERF_NARRATIVE_BASIS(),
  related: ['perf.coverage', 'cross.projects'],
  check(ctx) {
    const out: Finding[] = [];
    const scope = goalScope(ctx);
    const goals = scope.having.length;
    const goalFunds = scope.having.reduce((a, g) => a + (g.funds ?? 0), 0);
    const projectFunds = scope.neededFunds;
    const t9 = ctx.table('projects');
    const projects = scope.needing ?? (t9 ? ctx.list(t9).items.length : undefined);
    for (const s of sections(ctx)) {
      const need = /应编制绩效目标的项目(\d+)个/.exec(s.text);
      const have = /实际编制绩效目标的项目(\d+)个/.exec(s.text);
      const rate = /覆盖率(?:为|达到?)?(\d+(?:\.\d+)?)[%％]/.exec(s.text);
      if (need && projects !== undefined && Number(need[1]) !== projects)
        out.push(finding(this, `情况说明“${s.heading}”称应编制绩效目标的项目${need[1]}个，表中项目为${projects}个`, { section: s.heading }, { expected: String(projects), found: need[1] }));
      if (have && ctx.table('project-goal') && Number(have[1]) !== goals)
        out.push(
          finding(
            this,
            `情况说明“${s.heading}”称实际编制绩效目标的项目${have[1]}个，公开的项目绩效目标表（表17）中填有目标的为${goals}张`,
            { section: s.heading },
            { expected: String(goals), found: have[1] },
          ),
        );
      if (need && have && rate && Number(need[1]) > 0) {
        const r = parseTextNumber(rate[1]!)!;
        const computed = Math.floor((Number(have[1]) * 100 * 10 ** r.decimals * 2 + Number(need[1])) / (2 * Number(need[1])));
        // Coverage by count of projects, or by funds (covered funds / all project funds).
        const byFunds =
          projectFunds === undefined ? undefined : projectFunds === 0 ? (Number(have[1]) === Number(need[1]) ? 100 * 10 ** r.decimals : 0) : pctScaled(goalFunds, projectFunds, r.decimals);
        if (Math.abs(computed - r.scaled) > 1 && (byFunds === undefined || Math.abs(byFunds - r.scaled) > 1))
          out.push(
            finding(
              this,
              `情况说明“${s.heading}”称覆盖率${rate[1]}%，按${have[1]}/${need[1]}计算应为${(computed / 10 ** r.decimals).toFixed(r.decimals)}%`,
              { section: s.heading },
              { found: `${rate[1]}%` },
            ),
          );
      }
    }
    return out;
  },
};

function PERF_NARRATIVE_BASIS(): string {
  return `${BASIS.rules143}：说明项目绩效目标编制情况`;
}

const projectPeriod: Rule = {
  id: 'narrative.project-period',
  title: '项目实施周期应覆盖预算年度',
  severity: 'warning',
  tolerance: 'parsed-document',
  family: 'narrative',
  basis: '项目支出应在预算年度内执行',
  check(ctx) {
    if (ctx.isFinalAccount) return [];
    const out: Finding[] = [];
    const re = /(\d{4})年\d{1,2}月(?:\d{1,2}日)?[-—–~～至到](\d{4})年\d{1,2}月(?:\d{1,2}日)?/g;
    for (const s of sections(ctx)) {
      for (const m of s.text.matchAll(re)) {
        const from = Number(m[1]);
        const to = Number(m[2]);
        if (to >= ctx.year && from <= ctx.year) continue;
        // Dates stating a prior-year fact (截至…, 执行数) are not periods.
        if (/截至|截止/.test(s.text.slice(Math.max(0, m.index! - 4), m.index!))) continue;
        out.push(
          finding(this, `情况说明“${s.heading}”所述实施周期“${m[0]}”不含${ctx.year}预算年度，如：${snippet(s.text, m.index!)}`, { section: s.heading }, { expected: `${ctx.year}年`, found: m[0] }),
        );
      }
    }
    return out;
  },
};

export const NARRATIVE_RULES: Rule[] = [
  amounts,
  placeholder,
  yearReference,
  yoy,
  changeReason,
  sharePercent,
  operatingCostItems,
  className,
  itemAmounts,
  performance,
  projectPeriod,
  ...NARRATIVE_TEXT_RULES,
];
