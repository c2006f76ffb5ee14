/** Part 1 (概况): duties and organisation, and the units the budget includes, from the unit profile. */
import type { Budget } from '../core/budget.ts';
import type { NarrativeSection } from '../core/disclosure.ts';
import type { BuildContext } from './context.ts';
import { chineseNumeral } from './numerals.ts';

/** The unit profile (概况): duties and organisation. */
export function projectProfile(ctx: BuildContext): NarrativeSection[] {
  const out: NarrativeSection[] = [];
  const sections = ctx.template.profileSections;
  for (let i = 0; i < sections.length; i++) {
    const heading = sections[i]!;
    const isUnits = /构成|单位范围/.test(heading) || (!/职责|机构/.test(heading) && i > 0);
    out.push({ heading, text: isUnits ? composition(ctx.budget) : duties(ctx.budget), part: 'profile' });
  }
  return out;
}

/** The intro, the numbered duties and the organisation, those not blank, one per line. */
function duties({ unit }: Budget): string {
  const parts = [unit.dutiesIntro];
  for (let i = 0; i < unit.duties.length; i++) parts.push(`（${chineseNumeral(i + 1)}）${unit.duties[i]}`);
  parts.push(unit.organisation);
  let text = '';
  for (const s of parts) if (s.trim() !== '') text += text ? `\n${s}` : s;
  return text;
}

function composition({ unit, units, year }: Budget): string {
  const included = unit.unitsIncluded.length ? unit.unitsIncluded : units.length ? units.map((u) => u.name) : [unit.name];
  return `纳入${unit.name}${year}年部门预算编制范围的单位包括：\n${included.join('\n')}`;
}
