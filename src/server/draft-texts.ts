/**
 * The free-text fields an officer edits in the browser (duties, organisation, reasons for changes,
 * goals), read from and written into budget JSON. Each field has a stable form name.
 */
import type { BudgetInput } from '../core/budget.ts';

export interface TextField {
  name: string;
  label: string;
  value: string;
  /** One entry per line (duties). */
  list?: boolean;
}

const REASONS: [string, string][] = [
  ['total', '支出总额增减原因'],
  ['threePublic', '“三公”经费增减原因'],
  ['abroad', '因公出国（境）费增减原因'],
  ['reception', '公务接待费增减原因'],
  ['vehicle', '公务用车费增减原因'],
  ['operatingCost', '运行经费增减原因'],
];

const MAX_TEXT = 20_000;

export function textFields(b: BudgetInput): TextField[] {
  const r = (b.reasons ?? {}) as Record<string, string | undefined>;
  return [
    { name: 'unit.dutiesIntro', label: '职责概述', value: b.unit.dutiesIntro ?? '' },
    { name: 'unit.duties', label: '主要职责（每行一条）', value: (b.unit.duties ?? []).join('\n'), list: true },
    { name: 'unit.organisation', label: '机构设置', value: b.unit.organisation ?? '' },
    ...REASONS.map(([k, label]) => ({ name: `reasons.${k}`, label, value: r[k] ?? '' })),
    { name: 'overallGoal.goals', label: '整体绩效目标', value: b.overallGoal?.goals ?? '' },
    ...(b.projects ?? []).map((p) => ({ name: `project.${p.id}.goal`, label: `项目“${p.name}”总体目标`, value: p.goal ?? '' })),
  ];
}

/** Applies submitted texts; returns the new budget and the names of fields that changed. */
export function applyTexts(b: BudgetInput, form: Record<string, unknown>): { budget: BudgetInput; changed: Record<string, string> } {
  const next = structuredClone(b);
  const changed: Record<string, string> = {};
  for (const f of textFields(b)) {
    const sent = form[`t:${f.name}`];
    if (typeof sent !== 'string') continue;
    const value = sent.replace(/\r\n/g, '\n').slice(0, MAX_TEXT).trim();
    if (value === f.value.trim()) continue;
    changed[f.name] = value;
    if (f.name === 'unit.dutiesIntro') next.unit.dutiesIntro = value;
    else if (f.name === 'unit.duties')
      next.unit.duties = value
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (f.name === 'unit.organisation') next.unit.organisation = value;
    else if (f.name === 'overallGoal.goals') next.overallGoal = { ...(next.overallGoal ?? {}), goals: value };
    else if (f.name.startsWith('reasons.')) next.reasons = { ...(next.reasons ?? {}), [f.name.slice(8)]: value };
    else if (f.name.startsWith('project.')) {
      const id = f.name.slice(8, -5);
      const p = next.projects?.find((x) => x.id === id);
      if (p) p.goal = value;
    }
  }
  return { budget: next, changed };
}
