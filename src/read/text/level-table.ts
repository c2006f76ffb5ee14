/**
 * Space-aligned tables whose label column has two levels (Jiangsu table 2 收入预算总表: the
 * template header "项目名称 | (blank) | 金额" spans two label columns): a group label
 * ("一般公共预算资金", "其他资金") printed left, its parts ("小计", "事业收入") further right, the
 * group label on the line where the merged cell centres it, and the total ("收入总计") printed under
 * the header's label. Each printed line is a row: labels go to the level their position falls in
 * (the levels are cut at the widest gap between label positions), a total to the first column,
 * amounts under the amount columns their spans overlap. Returns null when the template header is
 * not of that shape or the printed header does not show its amount columns.
 */
import type { SourceRef } from '../../core/disclosure.ts';
import type { TemplateTable } from '../../core/template.ts';
import { alignAmounts, columnText, groupAt, headerLayout, labelCuts, leafLabels, sameLabel, spanningLabels, type Column } from './columns.ts';
import { sourceOf, type RawRow } from './lines.ts';
import { isAmount, norm } from './normalize.ts';
import type { Problem } from './table-block.ts';

export interface LevelTable {
  header: string[][];
  rows: string[][];
  sources: SourceRef[];
  problems: Problem[];
}

const TOTAL = /^(?:收入|支出|收支)?(?:总计|合计)$/;

/** The number of label levels of a template header "label | '' … | amounts…" (0 when not that shape). */
export function labelLevels(spec: TemplateTable): number {
  if (spec.header.length !== 1) return 0;
  const row = spec.header[0]!;
  let levels = 1;
  while (levels < row.length && row[levels] === '') levels++;
  return levels > 1 && levels < row.length && row.slice(levels).every((h) => h !== '') ? levels : 0;
}

export function readLevelTable(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): LevelTable | null {
  const levels = labelLevels(spec);
  if (!levels || !header.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const leaf = leafLabels(spec.header);
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanningLabels(spec.header),
  );
  // The printed label column, then the amount columns, in order.
  const printed: Column[] = [];
  let from = 0;
  for (const label of [leaf[0]!, ...leaf.slice(levels)]) {
    let i = from;
    while (i < layout.columns.length && !sameLabel(columnText(layout.columns[i]!), label)) i++;
    if (i >= layout.columns.length) return null;
    printed.push(layout.columns[i]!);
    from = i + 1;
  }
  const amountColumns = printed.slice(1);

  // Level cuts: the widest gaps between the positions where labels start.
  const cuts = labelCuts(body, levels - 1);
  const levelOf = (pos: number) => groupAt(cuts, pos, 0);

  const problems: Problem[] = [];
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  for (const r of body) {
    const cells = r.cells.filter((c) => c.text);
    if (!cells.length) continue;
    const row = new Array<string>(leaf.length).fill('');
    const amounts = cells.filter((c) => isAmount(c.text));
    const a = alignAmounts(amounts, amountColumns, r.line.cells !== undefined);
    if (!a) {
      problems.push({ message: `表${spec.no}「${spec.title}」：金额个数多于列数（${amounts.map((c) => c.text).join(' ')}）`, source: sourceOf(r.line, file) });
      return null;
    }
    a.at.forEach((j, i) => {
      row[levels + j] = amounts[i]!.text;
    });
    for (const c of cells) {
      if (isAmount(c.text)) continue;
      const at = TOTAL.test(norm(c.text)) ? 0 : levelOf(c.start);
      row[at] = row[at] ? `${row[at]} ${c.text}` : c.text;
    }
    rows.push(row);
    sources.push(sourceOf(r.line, file));
  }
  const headerRow = new Array<string>(leaf.length).fill('');
  headerRow[0] = columnText(printed[0]!);
  amountColumns.forEach((c, j) => {
    headerRow[levels + j] = columnText(c);
  });
  return { header: [headerRow], rows, sources, problems };
}
