/**
 * What a labelled amount in the narrative refers to in the tables: "基本支出969.09万元" → 表3
 * 合计行 基本支出. Labels are matched most specific first; a label nothing matches is not checked.
 */
import type { AmountUnit, DisclosureTable } from '../core/disclosure.ts';
import { readThreePublic, type ThreePublicRow } from './arithmetic.ts';
import type { RuleContext } from './context.ts';
import { findItem } from '../printed/ledger.ts';
import { listTotal } from '../printed/list.ts';
import { goalScope } from './goals-scope.ts';
import { columnOf, totalOf, amountAt, type ColumnMeasure } from '../printed/matrix.ts';
import { memoize } from '../util/memo.ts';

export interface Target {
  table: DisclosureTable;
  what: string;
  fen: number;
  unit: AmountUnit;
  /** Why the figure as read may not be the one printed (the table contradicts itself). */
  doubt?: string;
}

type Resolver = (ctx: RuleContext) => Target | undefined;

function ledger(role: 'summary' | 'fiscal-summary', side: 'income' | 'expenditure', re: RegExp): Resolver {
  return (ctx) => {
    const l = ctx.ledger(role);
    const it = l && findItem(l[side], re);
    if (!l || !it || it.fen === null) return undefined;
    return { table: l.table, what: `“${it.label}”`, fen: it.fen, unit: l.unit };
  };
}

const MEASURE: Record<string, string> = { total: '合计', basic: '基本支出', project: '项目支出', personnel: '人员经费', public: '公用经费' };

function matrixTotal(role: 'expenditure' | 'general-expenditure' | 'fund-expenditure' | 'general-basic', measure: ColumnMeasure): Resolver {
  return (ctx) => {
    const m = ctx.matrix(role);
    if (!m) return undefined;
    if (!columnOf(m, measure)) return undefined;
    const v = totalOf(m, measure);
    return v === undefined ? undefined : { table: m.table, what: `合计行“${MEASURE[measure]}”`, fen: v, unit: m.unit };
  };
}

/**
 * Economic class totals of basic spending: 表12 (all sources) where published, else 表6 when it
 * covers all basic spending (表6 is general-budget money only).
 */
function econClass(code: string): Resolver {
  return (ctx) => {
    const t12 = ctx.matrix('dept-econ');
    const t6 = ctx.matrix('general-basic');
    const basic3 = ctx.matrix('expenditure');
    let m = t12;
    let measure: ColumnMeasure = 'basic';
    if (!m || !columnOf(m, 'basic')) {
      const all = basic3 && totalOf(basic3, 'basic');
      if (!t6 || all === undefined || totalOf(t6, 'total') !== all) return undefined;
      m = t6;
      measure = 'total';
    }
    const col = columnOf(m, measure);
    if (!col) return undefined;
    const row = m.rows.find((r) => r.code === code);
    return { table: m.table, what: `“${code} ${row?.name ?? ''}”行${MEASURE[measure]}`, fen: amountAt(row, col) ?? 0, unit: m.unit };
  };
}

function threePublic(key: 'total' | 'abroad' | 'vehicle' | 'purchase' | 'running' | 'reception' | 'operating'): Resolver {
  return (ctx) => {
    const tp = readThreePublic(ctx);
    let c = tp?.cols[key];
    if (tp && !c && key === 'vehicle' && tp.cols.purchase && tp.cols.running) c = { index: -1, label: '公务用车购置及运行费', fen: tp.cols.purchase.fen + tp.cols.running.fen };
    if (!tp || !c) return undefined;
    const doubt = threePublicDoubt(tp.cols);
    return { table: tp.table, what: `“${c.label}”`, fen: c.fen, unit: ctx.unitOf(tp.table), ...(doubt ? { doubt } : {}) };
  };
}

/**
 * A 三公 row whose own parts do not add up (合计 ≠ 出国 + 车辆 + 接待, 小计 ≠ 购置 + 运行) was most
 * likely read with its columns shifted (nested headers): its figures cannot decide against the text.
 */
function threePublicDoubt(cols: ThreePublicRow['cols']): string | undefined {
  const f = (k: keyof ThreePublicRow['cols']) => cols[k]?.fen;
  const vehicle = f('vehicle') ?? (f('purchase') !== undefined && f('running') !== undefined ? f('purchase')! + f('running')! : undefined);
  const parts = [f('abroad'), vehicle, f('reception')];
  const total = f('total');
  const sumOff = total !== undefined && parts.every((x) => x !== undefined) && parts.reduce((a, x) => a! + x!, 0) !== total;
  const carOff = f('vehicle') !== undefined && f('purchase') !== undefined && f('running') !== undefined && f('purchase')! + f('running')! !== f('vehicle');
  return sumOff || carOff ? '该表“三公”经费各栏自身不平，读取可能错列' : undefined;
}

function list(role: 'procurement' | 'debt' | 'purchased-services', category?: RegExp): Resolver {
  return (ctx) => {
    const t = ctx.table(role);
    if (!t) return undefined;
    const l = ctx.list(t);
    // Rows but no column that reads as amounts: the table's layout was not understood, so no figure.
    if (l.columns.length === 0 && t.rows.length > 0) return undefined;
    if (!category) return { table: t, what: '合计', fen: listTotal(l), unit: l.unit };
    const tc = l.columns.find((c) => c.isTotal);
    if (!tc) return undefined;
    const fen = l.items.filter((i) => category.test(i.label)).reduce((a, i) => a + (i.values.get(tc.index) ?? 0), 0);
    return { table: t, what: `采购类别“${category.source}”合计`, fen, unit: l.unit };
  };
}

const operatingCost: Resolver = (ctx) => {
  const op = threePublic('operating')(ctx);
  return op ?? matrixTotal('general-basic', 'public')(ctx);
};

const goalFunds: Resolver = (ctx) => {
  const g = goalScope(ctx).having;
  if (g.length === 0 || g.some((x) => x.funds === undefined)) return undefined;
  return { table: g[0]!.table, what: `${g.length}张项目绩效目标表预算资金之和`, fen: g.reduce((a, x) => a + x.funds!, 0), unit: ctx.unitOf(g[0]!.table) };
};

/** [label pattern, section pattern (or null for any section), resolver] — most specific first. */
const TARGETS: [RegExp, RegExp | null, Resolver][] = [
  [/三公.{0,4}经费(?!.*率)/, null, threePublic('total')],
  [/出国/, null, threePublic('abroad')],
  [/公务(接|招)待/, null, threePublic('reception')],
  [/公务用车购置及运行/, null, threePublic('vehicle')],
  [/公务用车购置/, null, threePublic('purchase')],
  [/^(其中)?(公务用车)?运行(维护)?费$/, /三公/, threePublic('running')],
  [/运行经费/, null, operatingCost],
  [/^(其中)?货物$/, /采购/, list('procurement', /货物/)],
  [/^服务$/, /采购/, list('procurement', /服务/)],
  [/^工程$/, /采购/, list('procurement', /工程/)],
  [/政府采购/, null, list('procurement')],
  [/债务/, null, list('debt')],
  [/购买服务/, null, list('purchased-services')],
  [/涉及资金|绩效目标.*资金/, /绩效/, goalFunds],
  [/财政拨款收入?支出总计|财政拨款收支总计/, null, ledger('fiscal-summary', 'income', /收入总计|^总计$/)],
  [/一般公共预算(拨款)?收入/, null, ledger('summary', 'income', /一般公共预算/)],
  [/政府性基金(预算)?(拨款)?收入/, null, ledger('summary', 'income', /政府性基金/)],
  [/国有资本经营(预算)?(拨款)?收入/, null, ledger('summary', 'income', /国有资本经营/)],
  [/财政专户管理资金收入/, null, ledger('summary', 'income', /财政专户/)],
  [/单位资金收入/, null, ledger('summary', 'income', /单位资金/)],
  [/事业单位经营收入|^经营收入/, null, ledger('summary', 'income', /经营收入/)],
  [/(?<!单位经营)事业收入$/, null, ledger('summary', 'income', /事业收入/)],
  [/上级补助收入/, null, ledger('summary', 'income', /上级补助/)],
  [/附属单位上缴收入/, null, ledger('summary', 'income', /附属单位/)],
  [/^(\d+\.?)?(（\d）)?其他收入$/, null, ledger('summary', 'income', /其他收入/)],
  [/上年结转结余$/, null, ledger('summary', 'income', /上年结转/)],
  [/^(其中)?财政拨款收入$/, null, ledger('summary', 'income', /财政拨款收入/)],
  [/本年收入(预算)?合计/, null, (ctx) => ledger('summary', 'income', /本年收入合计/)(ctx) ?? ledger('summary', 'income', /收入总计|^总计$/)(ctx)],
  [/收入预算(合计|总计)?(为|是)?$/, null, ledger('summary', 'income', /收入总计|^总计$/)],
  [/财政拨款支出预算/, null, ledger('fiscal-summary', 'expenditure', /^一、本年支出|本年支出合计/)],
  [/一般公共预算(拨款)?支出(预算)?(数|为)?$/, null, matrixTotal('general-expenditure', 'total')],
  [/政府性基金(预算)?(拨款)?支出(预算)?(数|为)?$/, null, matrixTotal('fund-expenditure', 'total')],
  [/基本支出(预算)?(数|为)?$/, null, matrixTotal('expenditure', 'basic')],
  [/项目支出(预算)?(数|为)?$/, null, matrixTotal('expenditure', 'project')],
  [/^(（[一二]）)?支出预算(合计|总计)?(为|是)?$|本年支出(预算)?合计/, null, matrixTotal('expenditure', 'total')],
  [/工资福利支出$/, null, econClass('301')],
  [/商品和服务支出$/, null, econClass('302')],
  [/对个人和家庭的?补助(支出)?$/, null, econClass('303')],
  [/人员经费$/, null, matrixTotal('expenditure', 'personnel')],
  [/公用经费$/, null, matrixTotal('expenditure', 'public')],
];

/**
 * Which TARGETS entry a label (in a section) matches, cached: narratives repeat the same labels
 * ("基本支出", "项目支出预算") from unit to unit, and trying every pattern is the costly part.
 */
const targetIndex = memoize((label: string, section: string) => TARGETS.findIndex(([re, sec]) => re.test(label) && (!sec || sec.test(section))), {
  maxEntries: 20_000,
  keyOf: (label, section) => `${section}\u0001${label}`,
});

/** A resolver reads only the tables: each TARGETS entry is resolved once per check however many sentences name it. */
export function resolveTarget(ctx: RuleContext, label: string, section: string): Target | undefined {
  const i = targetIndex(label, section);
  if (i < 0) return undefined;
  const resolved = ctx.memo('narrative.targets', () => new Map<number, Target | undefined>());
  if (resolved.has(i)) return resolved.get(i);
  const target = TARGETS[i]![2](ctx);
  resolved.set(i, target);
  return target;
}
