/**
 * Planted defects: change one printed amount of a generated package (random table, row and
 * column) by at least 0.02 万元, deterministically from a seed, to measure what the rules detect.
 */
import type { Disclosure } from '../../core/disclosure.ts';
import { formatCents, parsePrintedCents } from '../../core/money.ts';

export interface Plant {
  disclosure: Disclosure;
  table: number;
  row: number;
  column: number;
  before: string;
  after: string;
  description: string;
}

/** Small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AMOUNT = /^-?[\d,]+\.\d{2}$/;
const CODE = /^\d{3,7}$/;

/** Every printed amount cell (tables in 万元 print two decimals), as [table index, row, column]. */
export function amountCells(d: Disclosure): [number, number, number][] {
  const out: [number, number, number][] = [];
  d.tables.forEach((t, ti) => {
    t.rows.forEach((r, ri) => {
      r.forEach((c, ci) => {
        if (AMOUNT.test((c ?? '').trim()) && !CODE.test((c ?? '').trim())) out.push([ti, ri, ci]);
      });
    });
  });
  return out;
}

export function plantDefect(d: Disclosure, seed: number): Plant | undefined {
  const cells = amountCells(d);
  if (cells.length === 0) return undefined;
  const next = rng(seed);
  const [ti, ri, ci] = cells[Math.floor(next() * cells.length)]!;
  const before = d.tables[ti]!.rows[ri]![ci]!;
  const cents = parsePrintedCents(before)!;
  // 0.02 to 1.00 万元, up or down (down only while the amount stays non-negative).
  const delta = 2 + Math.floor(next() * 99);
  const changed = cents - delta >= 0 && next() < 0.5 ? cents - delta : cents + delta;
  const after = formatCents(changed);
  const copy: Disclosure = structuredClone(d);
  copy.tables[ti]!.rows[ri]![ci] = after;
  const t = copy.tables[ti]!;
  return { disclosure: copy, table: t.no, row: ri, column: ci, before, after, description: `表${t.no} row ${ri} col ${ci}: ${before} → ${after}` };
}
