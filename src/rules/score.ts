/**
 * Self-assessment score (自评分): points per required item along the official inspection
 * dimensions, the points each item lost and the findings behind the loss.
 */
import type { RuleContext } from './context.ts';
import type { Finding, Rule } from './types.ts';
import { usedFunctionItems } from './glossary.ts';

export interface ScoreItem {
  id: string;
  dimension: string;
  title: string;
  points: number;
  lost: number;
  /** Why points were lost: findings (rule, message) or a measured shortfall. */
  reasons: { rule?: string; message: string }[];
}

export interface Score {
  total: number;
  max: number;
  items: ScoreItem[];
}

interface ItemDef {
  id: string;
  dimension: string;
  title: string;
  points: number;
  /** Rules whose findings cost points here. */
  rules: (id: string) => boolean;
  /** Points lost per error / warning finding. */
  perError: number;
  perWarning: number;
  /** Extra measured shortfall (0–1 of the points) with its reason. */
  measure?: (ctx: RuleContext) => { share: number; message: string } | undefined;
}

const ITEMS: ItemDef[] = [
  { id: 'tables', dimension: '完整性', title: '公开表格齐全（含空表说明）', points: 20, rules: (r) => r.startsWith('table.'), perError: 3, perWarning: 1 },
  {
    id: 'sections',
    dimension: '完整性',
    title: '情况说明各部分、名词解释齐全',
    points: 10,
    rules: (r) => r === 'narrative.section-missing' || r.startsWith('glossary.'),
    perError: 2,
    perWarning: 0.5,
  },
  { id: 'arithmetic', dimension: '真实性/一致性', title: '表内勾稽（逐级汇总、合计 = 基本 + 项目、收支平衡）', points: 20, rules: (r) => r.startsWith('arith.'), perError: 4, perWarning: 1 },
  { id: 'cross', dimension: '真实性/一致性', title: '表间勾稽（收支总表、支出表、基本支出表、三公表、项目表）', points: 15, rules: (r) => r.startsWith('cross.'), perError: 4, perWarning: 1 },
  {
    id: 'narrative',
    dimension: '真实性/一致性',
    title: '情况说明与表格一致、无模板占位文字',
    points: 10,
    rules: (r) => r.startsWith('narrative.') && r !== 'narrative.section-missing' && r !== 'narrative.change-reason',
    perError: 2,
    perWarning: 1,
  },
  {
    id: 'detail',
    dimension: '细化程度',
    title: '功能分类细化到项、经济分类细化到款',
    points: 10,
    rules: () => false,
    perError: 0,
    perWarning: 0,
    measure: (ctx) => {
      const reasons: string[] = [];
      let share = 0;
      const fn = ctx.matrix('expenditure') ?? ctx.matrix('general-expenditure');
      if (fn && fn.rows.some((r) => r.level > 0) && usedFunctionItems(ctx).length === 0) {
        share += 0.5;
        reasons.push(`${ctx.label(fn.table)}未细化到功能分类“项”级科目`);
      } else if (!fn) {
        share += 0.5;
        reasons.push('没有按功能分类列示的支出表');
      }
      const ec = ctx.matrix('general-basic') ?? ctx.matrix('dept-econ');
      if (!ec || !ec.rows.some((r) => r.level === 2)) {
        share += 0.5;
        reasons.push(ec ? `${ctx.label(ec.table)}未细化到经济分类“款”级科目` : '没有按经济分类列示的基本支出表');
      }
      return share ? { share, message: reasons.join('；') } : undefined;
    },
  },
  {
    id: 'three-public',
    dimension: '“三公”经费',
    title: '“三公”经费分项公开并说明增减及原因',
    points: 8,
    rules: (r) => r === 'arith.three-public' || r === 'cross.three-public-codes' || r === 'narrative.change-reason',
    perError: 3,
    perWarning: 1,
    measure: (ctx) => {
      const s = ctx.sections().find((x) => /三公/.test(x.heading));
      if (!s) return { share: 1, message: '情况说明没有“三公”经费部分' };
      const t = s.text.replace(/\s+/g, '');
      if (/增加[（(]减少[)）]|增加[（(]下降[)）]/.test(t)) return { share: 0.5, message: '“三公”经费增减说明仍是模板占位文字，未说明增减及原因' };
      if (!/比|较|与上年|持平/.test(t)) return { share: 0.5, message: '“三公”经费说明未与上年比较' };
      return undefined;
    },
  },
  { id: 'performance', dimension: '绩效目标', title: '项目绩效目标覆盖与质量', points: 7, rules: (r) => r.startsWith('perf.'), perError: 2, perWarning: 0.5 },
];

/** The self-assessment score (自评分): points per required item, less what its findings cost. */
export function scoreFindings(ctx: RuleContext, findings: Finding[], rules: readonly Rule[]): Score {
  const known = new Set(rules.map((r) => r.id));
  const items: ScoreItem[] = ITEMS.map((def) => {
    const hits = findings.filter((f) => known.has(f.rule) && def.rules(f.rule) && f.severity !== 'info');
    let lost = hits.reduce((a, f) => a + (f.severity === 'error' ? def.perError : def.perWarning), 0);
    const reasons: ScoreItem['reasons'] = hits.map((f) => ({ rule: f.rule, message: f.message }));
    const m = def.measure?.(ctx);
    if (m) {
      lost += m.share * def.points;
      reasons.push({ message: m.message });
    }
    lost = Math.min(def.points, Math.round(lost * 10) / 10);
    return { id: def.id, dimension: def.dimension, title: def.title, points: def.points, lost, reasons };
  });
  const max = items.reduce((a, i) => a + i.points, 0);
  const total = Math.round((max - items.reduce((a, i) => a + i.lost, 0)) * 10) / 10;
  return { total, max, items };
}

/** The score as lines people read, the items that lost most first, with their reasons. */
export function formatScore(s: Score): string {
  const lines = [`自评分：${s.total} / ${s.max}`, ''];
  for (const i of [...s.items].sort((a, b) => b.lost - a.lost)) {
    lines.push(`${i.dimension}｜${i.title}：${Math.round((i.points - i.lost) * 10) / 10} / ${i.points}${i.lost ? `（扣 ${i.lost} 分）` : ''}`);
    for (const r of i.reasons.slice(0, 8)) lines.push(`    - ${r.message}${r.rule ? `  (${r.rule})` : ''}`);
    if (i.reasons.length > 8) lines.push(`    - 另有 ${i.reasons.length - 8} 条`);
  }
  return lines.join('\n');
}
