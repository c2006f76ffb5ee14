/**
 * Narrative sections that explain one table each (Jiangsu's 情况说明: 收入, 支出, 财政拨款收支,
 * 财政拨款支出, 一般公共预算支出 …): the table's totals, from the same rounded atoms as the table.
 * A figure the checker would take for another table's (基本支出 alone means 表3's) is worded so it
 * names its own scope ("用于基本支出的", "合计"), never as a bare label of another table.
 */
import type { FundingSource } from '../core/budget.ts';
import type { NarrativeSectionKey } from '../core/template-layouts.ts';
import { ALL_CLASSES, centsIn, classMask } from './code-sums.ts';
import { FISCAL_SOURCES, UNIT_OWN_SOURCES, type BuildContext } from './context.ts';
import { amountText } from './narrative.ts';
import { sumOf } from './rounding.ts';

const MAIN_SOURCES: readonly FundingSource[] = ['general', 'fund', 'stateCapital', 'specialAccount'];
const SOURCE_LABELS: Record<string, string> = { general: '一般公共预算拨款收入', fund: '政府性基金预算拨款收入', stateCapital: '国有资本经营预算拨款收入', specialAccount: '财政专户管理资金收入' };

/** Spending of the lines whose class a predicate takes: [all, basic, personnel, public, project]. */
function spending(ctx: BuildContext, sources: readonly FundingSource[] | undefined, kinds?: readonly string[]) {
  const total = ctx.sumsBy('function').total;
  const of = (kind?: (k: string) => boolean) =>
    centsIn(
      total,
      classMask((c) => (!sources || sources.includes(c.source)) && (!kinds || kinds.includes(c.kind)) && (!kind || kind(c.kind))),
    );
  return { all: of(), basic: of((k) => k !== 'project'), personnel: of((k) => k === 'personnel'), public: of((k) => k === 'public'), project: of((k) => k === 'project') };
}

/** Writers of the narrative sections that restate one table each (收入, 支出, 财政拨款, …). */
export function tableSectionWriters(ctx: BuildContext): Record<Exclude<NarrativeSectionKey, 'overview' | 'operatingCost' | 'procurement' | 'threePublic' | 'assets' | 'performance'>, () => string> {
  const w = amountText(ctx);
  const { year, unit } = ctx.budget;
  const head = `${year}年${unit.name}`;
  const inc = ctx.rounded.incomeCents;
  const basicSplit = (s: { basic: number; personnel: number; public: number; project: number }) =>
    `，其中用于基本支出的${w(s.basic)}（用于人员经费的${w(s.personnel)}，用于公用经费的${w(s.public)}），用于项目支出的${w(s.project)}`;
  return {
    income: () => {
      const unitOwn = sumOf(inc, UNIT_OWN_SOURCES);
      const parts = MAIN_SOURCES.map((s) => `${SOURCE_LABELS[s]}${w(inc[s])}`).join('，');
      return `${head}收入预算${w(sumOf(inc, MAIN_SOURCES) + unitOwn + inc.carryOver)}，其中：${parts}，单位资金收入${w(unitOwn)}，上年结转结余${w(inc.carryOver)}。`;
    },
    expenditure: () => {
      const s = spending(ctx, undefined);
      return `${head}支出预算${w(centsIn(ctx.sumsBy('function').total, ALL_CLASSES))}，其中：基本支出${w(s.basic)}，项目支出${w(s.project)}。`;
    },
    fiscal: () => {
      const fiscalYear = sumOf(inc, FISCAL_SOURCES);
      const s = spending(ctx, [...FISCAL_SOURCES, 'carryOver']);
      const parts = FISCAL_SOURCES.map((src) => `${SOURCE_LABELS[src]}${w(inc[src])}`).join('，');
      return `${head}财政拨款收支总计${w(fiscalYear + inc.carryOver)}。收入包括：${parts}，财政拨款上年结转${w(inc.carryOver)}。财政拨款支出预算${w(s.all)}${basicSplit(s)}。`;
    },
    fiscalExpenditure: () => {
      const s = spending(ctx, ['general', 'fund']);
      return `${head}财政拨款（一般公共预算和政府性基金预算）支出按功能科目安排${w(s.all)}${basicSplit(s)}。`;
    },
    fiscalBasic: () => {
      const s = spending(ctx, ['general', 'fund']);
      return `${head}财政拨款基本支出按经济科目安排合计${w(s.basic)}，其中用于人员经费的${w(s.personnel)}，用于公用经费的${w(s.public)}。`;
    },
    general: () => {
      const s = spending(ctx, ['general']);
      return `${head}一般公共预算支出${w(s.all)}${basicSplit(s)}。`;
    },
    generalBasic: () => {
      const s = spending(ctx, ['general']);
      return `${head}一般公共预算基本支出合计${w(s.basic)}，其中用于人员经费的${w(s.personnel)}，用于公用经费的${w(s.public)}。`;
    },
    fund: () => {
      const s = spending(ctx, ['fund']);
      return s.all === 0 ? `${head}没有使用政府性基金预算拨款安排的支出。` : `${head}政府性基金预算支出${w(s.all)}${basicSplit(s)}。`;
    },
    stateCapital: () => {
      const s = spending(ctx, ['stateCapital']);
      return s.all === 0 ? `${head}没有使用国有资本经营预算拨款安排的支出。` : `${head}国有资本经营预算拨款安排的支出合计${w(s.all)}${basicSplit(s)}。`;
    },
  };
}
