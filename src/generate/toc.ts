/** The contents list as printed: the four parts, the profile sections and the numbered table titles. */
import type { BuildContext } from './context.ts';
import { fillText } from './narrative.ts';

/** The contents (目录): the parts and every table. */
export function projectToc(ctx: BuildContext): string[] {
  const t = ctx.template;
  const part = (k: string) => (t.tocParts[k] ? [fillText(ctx, t.tocParts[k]!)] : []);
  const seen = new Set<number>();
  const titles: string[] = [];
  for (const table of t.tables) {
    if (seen.has(table.no)) continue;
    seen.add(table.no);
    titles.push(`${table.no}. ${table.title}`);
  }
  return [...part('profile'), ...t.profileSections, ...part('tables'), ...titles, ...part('narrative'), ...part('glossary')];
}
