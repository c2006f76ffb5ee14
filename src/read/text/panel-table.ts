/**
 * Space-aligned tables printed as two panels side by side (Shanghai final-account table 6: code,
 * name, amount | code, name, amount), where pdftotext scatters one printed row over several lines:
 * the amounts on a line above, the codes on a line of their own, the names below (wrapped names on
 * further lines). A row starts at each line with a class code; amount lines before it belong to it,
 * name lines after it too. Each word goes to the panel (and column) whose header is nearest.
 * Returns null when the template header is not two equal panels or the printed header does not show them.
 */
import type { SourceRef } from '../../core/disclosure.ts';
import type { TemplateTable } from '../../core/template.ts';
import { columnText, headerLayout, leafLabels, matchTemplateColumns, spanningLabels } from './columns.ts';
import { sourceOf, type Cell, type RawRow } from './lines.ts';
import { isAmount, isDigits, norm } from './normalize.ts';
import type { Problem } from './table-block.ts';

export interface PanelTable {
  header: string[][];
  rows: string[][];
  sources: SourceRef[];
  problems: Problem[];
}

/** Whether a template table prints two identical panels side by side. */
export function isTwoPanel(spec: TemplateTable): boolean {
  const leaf = leafLabels(spec.header).map(norm);
  const half = leaf.length / 2;
  return leaf.length >= 4 && Number.isInteger(half) && leaf.slice(0, half).join('|') === leaf.slice(half).join('|');
}

type Kind = 'code' | 'name' | 'amount';

export function readPanelTable(spec: TemplateTable, header: RawRow[], body: RawRow[], file?: string): PanelTable | null {
  if (!header.length || header.some((r) => r.tabbed) || body.some((r) => r.tabbed)) return null;
  const leaf = leafLabels(spec.header);
  const half = leaf.length / 2;
  const layout = headerLayout(
    header.map((r) => r.cells),
    spanningLabels(spec.header),
  );
  const columns = matchTemplateColumns(leaf, layout);
  if (!columns) return null;
  const kindOf = (j: number): Kind => {
    const l = norm(leaf[j]!);
    return /编码|代码/.test(l) ? 'code' : /名称|项目/.test(l) ? 'name' : 'amount';
  };
  // Per kind of word, the position between the left and the right panel's column.
  const cut = (kind: Kind) => {
    const j = leaf.findIndex((_, i) => i < half && kindOf(i) === kind);
    if (j < 0) return null;
    return (columns[j]!.start + columns[j + half]!.start) / 2;
  };
  const cuts = { code: cut('code'), name: cut('name'), amount: cut('amount') };
  if (cuts.code === null || cuts.name === null || cuts.amount === null) return null;
  const col = (kind: Kind, panel: number) => leaf.findIndex((_, i) => i >= panel * half && i < (panel + 1) * half && kindOf(i) === kind);

  const problems: Problem[] = [];
  const rows: string[][] = [];
  const sources: SourceRef[] = [];
  let row: string[] | null = null;
  let pending: Cell[] = [];
  let pendingLine: RawRow | null = null;
  const kindOfWord = (c: Cell): Kind => (isAmount(c.text) && !/^\d{2,3}$/.test(c.text.trim()) ? 'amount' : isDigits(c.text) ? 'code' : 'name');
  const put = (target: string[], c: Cell, r: RawRow) => {
    const kind = kindOfWord(c);
    const panel = c.start < cuts[kind]! ? 0 : 1;
    const j = col(kind, panel);
    if (kind === 'amount' && target[j]) {
      problems.push({ message: `表${spec.no}「${spec.title}」：同一单元格读到两个金额（${target[j]}, ${c.text}）`, source: sourceOf(r.line, file) });
    }
    target[j] = target[j] ? target[j] + (kind === 'amount' ? ` ${c.text}` : c.text) : c.text;
  };
  const open = (r: RawRow) => {
    row = new Array<string>(leaf.length).fill('');
    rows.push(row);
    sources.push(sourceOf((pendingLine ?? r).line, file));
    for (const c of pending) put(row, c, pendingLine ?? r);
    pending = [];
    pendingLine = null;
  };
  for (const r of body) {
    const cells = r.cells.filter((c) => c.text);
    if (!cells.length) continue;
    if (cells.every((c) => kindOfWord(c) === 'amount')) {
      pending.push(...cells);
      pendingLine ??= r;
      continue;
    }
    const startsRow = cells.some((c) => /^\d{3}$/.test(c.text.normalize('NFKC').trim())) || pending.length > 0 || !row;
    if (startsRow) open(r);
    for (const c of cells) put(row!, c, r);
  }
  if (pending.length) {
    problems.push({ message: `表${spec.no}「${spec.title}」：金额未能归入任何一行（${pending.map((c) => c.text).join(' ')}）`, source: sourceOf(pendingLine!.line, file) });
  }
  const headerRow = columns.map((c) => columnText(c));
  return { header: [headerRow], rows, sources, problems };
}
