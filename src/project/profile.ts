/** Part 1 (概况): duties and organisation, and the units the budget includes, from the unit profile. */
import type { NarrativeSection } from '../core/disclosure.ts';
import type { BuildContext } from './context.ts';
import { chineseNumeral } from './numerals.ts';

export function projectProfile(ctx: BuildContext): NarrativeSection[] {
  const { unit, units, year } = ctx.budget;
  const duties = () =>
    [unit.dutiesIntro, ...unit.duties.map((d, i) => `（${chineseNumeral(i + 1)}）${d}`), unit.organisation].filter((s) => s.trim() !== '').join('\n');
  const included = unit.unitsIncluded.length ? unit.unitsIncluded : units.length ? units.map((u) => u.name) : [unit.name];
  const composition = () => `纳入${unit.name}${year}年部门预算编制范围的单位包括：\n${included.join('\n')}`;
  return ctx.template.profileSections.map((heading, i) => {
    const isUnits = /构成|单位范围/.test(heading) || (!/职责|机构/.test(heading) && i > 0);
    return { heading, text: isUnits ? composition() : duties(), part: 'profile' };
  });
}
