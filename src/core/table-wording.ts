/**
 * What a table's name says it is: printed table titles name the same table many ways
 * ("收支总体情况表", "部门收支预算总表", "单位收支总体情况表"); the role comes from the wording, most
 * specific first. Shared by the readers (a title found in print) and the rules (a table without a
 * template role).
 */
import type { TableRole } from './template.ts';

/** Table roles a title can name (the rule catalogue's roles, plus tables no rule reads). */
export type TitleRole = TableRole | 'fiscal-expenditure' | 'operating-costs' | 'other';

/** Wording → role, most specific first (a title is tested against each in turn). */
export const ROLE_BY_WORDING: readonly [RegExp, TitleRole][] = [
  [/整体.*绩效/, 'overall-goal'],
  [/(?:项目|专项业务经费|政策).*绩效|绩效目标表$/, 'project-goal'],
  [/三公/, 'three-public'],
  [/机关运行经费|行政经费/, 'operating-costs'],
  [/财政拨款收支|财政拨款收入支出/, 'fiscal-summary'],
  [/政府性基金/, 'fund-expenditure'],
  [/国有资本经营/, 'state-capital-expenditure'],
  [/收入支出决算(?:总)?表|收支(?:预算|决算)?总(?:体情况)?表|收支总表|收支预算表$/, 'summary'],
  [/收入(?:预算|决算)?总(?:体情况)?表|收入决算表|收入预算表/, 'income'],
  // Basic expenditure by function (Shaanxi 表7): no rule reads it; by economic class it is 表6/8's role.
  [/基本支出.*功能分类|功能分类.*基本支出/, 'other'],
  // Basic expenditure of all funds (Yantai 基本支出预算情况表) is the economic table, not the general budget's.
  [/^(?!.*(?:一般公共预算|财政拨款)).*基本支出/, 'dept-econ'],
  [/基本支出/, 'general-basic'],
  [/支出经济分类.*政府预算|政府预算.*经济分类/, 'gov-econ'],
  [/经济分类/, 'dept-econ'],
  [/一般公共预算.*支出/, 'general-expenditure'],
  [/财政拨款.*支出/, 'fiscal-expenditure'],
  [/支出功能分类/, 'function-expenditure'],
  [/项目支出(?:总|预算|明细)?表|专项业务经费/, 'projects'],
  [/支出(?:预算|决算)?总(?:体情况)?表|支出决算表|本年支出/, 'expenditure'],
  [/政府采购/, 'procurement'],
  [/购买服务/, 'purchased-services'],
  [/项目支出/, 'projects'],
];

/** The role a table's name (decorations cut) names: the first wording that matches, else 'other'. */
export function roleOfWording(name: string): TitleRole {
  return ROLE_BY_WORDING.find(([re]) => re.test(name))?.[1] ?? 'other';
}
