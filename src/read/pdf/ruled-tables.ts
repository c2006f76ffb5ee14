/**
 * Tables rebuilt from ruling lines: horizontal rules that vertical rules connect form one table;
 * row and column boundaries are the rules' positions; a missing rule between two grid cells merges
 * them (a spanned cell). Each text item goes to the cell holding its centre, so empty cells stay
 * empty — which is what positional text alone cannot tell.
 */
import type { Rule, TextItem } from './page-content.ts';

export interface RuledTable {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Printed grid, spans expanded (text in the first cell, "" in the rest). */
  rows: string[][];
  /** Items used, so the caller can leave them out of the running text. */
  used: Set<TextItem>;
}

const TOL = 1.2;

function uniq(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of s) if (!out.length || v - out[out.length - 1]! > TOL) out.push(v);
  return out;
}

function covers(rules: Rule[], at: number, point: number): boolean {
  return rules.some((r) => Math.abs(r.at - at) <= TOL && r.from - TOL <= point && point <= r.to + TOL);
}

/** Joins the items of one cell: lines top-down, items left to right, wrapped lines joined without a separator. */
function cellText(items: TextItem[]): string {
  const lines: TextItem[][] = [];
  for (const it of [...items].sort((a, b) => b.y - a.y || a.x - b.x)) {
    const line = lines.find((l) => Math.abs(l[0]!.y - it.y) < it.size * 0.5);
    if (line) line.push(it);
    else lines.push([it]);
  }
  return lines
    .map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((i) => i.str)
        .join(''),
    )
    .join('');
}

export function ruledTables(rules: Rule[], items: TextItem[]): RuledTable[] {
  const h = rules.filter((r) => r.kind === 'h');
  const v = rules.filter((r) => r.kind === 'v');
  const ys = uniq(h.map((r) => r.at)).reverse(); // top-down
  // Split into tables: consecutive rule rows belong together when a vertical rule spans the gap.
  const groups: number[][] = [];
  for (const y of ys) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev !== undefined && v.some((r) => r.from - TOL <= y && r.to + TOL >= prev)) g.push(y);
    else groups.push([y]);
  }
  const out: RuledTable[] = [];
  for (const g of groups) {
    if (g.length < 2) continue;
    const top = g[0]!;
    const bottom = g[g.length - 1]!;
    const vIn = v.filter((r) => r.to > bottom + TOL && r.from < top - TOL);
    const xs = uniq(vIn.map((r) => r.at));
    if (xs.length < 2) continue;
    const hIn = h.filter((r) => r.at <= top + TOL && r.at >= bottom - TOL);
    const R = g.length - 1;
    const C = xs.length - 1;
    // Union-find over grid positions.
    const parent = Array.from({ length: R * C }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    const join = (a: number, b: number) => {
      const ra = find(a);
      const rb = find(b);
      if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    };
    for (let r = 0; r < R; r++) {
      const mid = (g[r]! + g[r + 1]!) / 2;
      for (let c = 0; c + 1 < C; c++) if (!covers(vIn, xs[c + 1]!, mid)) join(r * C + c, r * C + c + 1);
    }
    for (let c = 0; c < C; c++) {
      const mid = (xs[c]! + xs[c + 1]!) / 2;
      for (let r = 0; r + 1 < R; r++) if (!covers(hIn, g[r + 1]!, mid)) join(r * C + c, (r + 1) * C + c);
    }
    const cellItems = new Map<number, TextItem[]>();
    const used = new Set<TextItem>();
    for (const it of items) {
      // pdfjs adds blank items for gaps between runs; a cell's own blanks are inside its runs.
      if (it.str.trim() === '') {
        continue;
      }
      const cx = it.x + it.width / 2;
      const cy = it.y + it.size * 0.35;
      if (cx < xs[0]! || cx > xs[C]! || cy > top || cy < bottom) continue;
      const c = xs.findIndex((x, i) => i < C && cx >= x && cx <= xs[i + 1]!);
      const r = g.findIndex((y, i) => i < R && cy <= y && cy >= g[i + 1]!);
      if (c < 0 || r < 0) continue;
      const root = find(r * C + c);
      const list = cellItems.get(root) ?? [];
      list.push(it);
      cellItems.set(root, list);
      used.add(it);
    }
    const rows: string[][] = Array.from({ length: R }, () => Array<string>(C).fill(''));
    for (const [root, list] of cellItems) rows[Math.floor(root / C)]![root % C] = cellText(list);
    out.push({ top, bottom, left: xs[0]!, right: xs[C]!, rows, used });
  }
  return out;
}
