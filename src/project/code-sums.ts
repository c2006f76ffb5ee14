/**
 * Rounded atoms summed once per budget by code and by line class, for every table and narrative
 * figure that adds atoms up by code. A line class is a line's kind × funding source: all that a
 * template's measures and filters look at (measures.ts), so any such figure is a sum of class sums,
 * and a table has a row for a code where one of the classes it covers occurs under that code.
 * Per table, the work is then one pass over the unit's distinct codes, not over all its lines.
 */
import { FUNDING_SOURCES, LINE_KINDS, type FundingSource, type LineKind } from '../core/budget.ts';
import type { Atom, CodeKind } from './context.ts';

/** What a measure or a table filter looks at. */
export interface LineClass {
  kind: LineKind;
  source: FundingSource;
}

export const LINE_CLASSES: readonly LineClass[] = LINE_KINDS.flatMap((kind) => FUNDING_SOURCES.map((source) => ({ kind, source })));
// Class sets are bit masks of a 32-bit int.
if (LINE_CLASSES.length > 31) throw new Error('too many line classes for a bit mask');
export const ALL_CLASSES = (1 << LINE_CLASSES.length) - 1;
export const CLASS_COUNT = LINE_CLASSES.length;
const WIDTH = CLASS_COUNT;

const KIND_INDEX = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i])) as Record<LineKind, number>;
const SOURCE_INDEX = Object.fromEntries(FUNDING_SOURCES.map((s, i) => [s, i])) as Record<FundingSource, number>;

export function classOf(line: LineClass): number {
  return KIND_INDEX[line.kind] * FUNDING_SOURCES.length + SOURCE_INDEX[line.source];
}

/** The set of classes a predicate takes. */
export function classMask(takes: (c: LineClass) => boolean): number {
  let mask = 0;
  LINE_CLASSES.forEach((c, i) => {
    if (takes(c)) mask |= 1 << i;
  });
  return mask;
}

/** Calls f with each class of a set, in class order. */
export function forEachClass(mask: number, f: (c: number) => void): void {
  for (let m = mask; m !== 0; m &= m - 1) f(31 - Math.clz32(m & -m));
}

/** What a code-matrix table's rows are keyed by: a code (with its 类 / 款 prefixes) or the line's unit. */
export type RowKind = CodeKind | 'unit';

export interface CodeSums {
  /** Every key in code order, so a 类 comes before its 款 and a 款 before its 项. */
  keys: string[];
  /** Cents per class, key after key: key i's class c is at i × LINE_CLASSES.length + c. */
  cents: number[];
  /** Per key: the classes with at least one atom under it (a zero amount still makes a row). */
  present: number[];
  /** Cents per class over all atoms. */
  total: number[];
  totalPresent: number;
  indexOf: Map<string, number>;
}

const PREFIXES: Record<CodeKind, number[]> = { function: [3, 5, 7], 'dept-econ': [3, 5], 'gov-econ': [3, 5] };

function codeOf(rows: RowKind, a: Atom, ownUnit: string): string {
  switch (rows) {
    case 'function':
      return a.line.functionCode;
    case 'dept-econ':
      return a.line.econCode;
    case 'gov-econ':
      return a.govEconCode;
    case 'unit':
      return a.line.unit ?? ownUnit;
  }
}

export function sumByCode(atoms: readonly Atom[], rows: RowKind, ownUnit: string): CodeSums {
  const total = new Array<number>(WIDTH).fill(0);
  let totalPresent = 0;
  // Per distinct full code first (a unit repeats a few dozen codes over hundreds of lines) …
  const codes: string[] = [];
  const codeIndex = new Map<string, number>();
  const codeCents: number[] = [];
  const codePresent: number[] = [];
  for (const a of atoms) {
    const code = codeOf(rows, a, ownUnit);
    let i = codeIndex.get(code);
    if (i === undefined) {
      codeIndex.set(code, (i = codes.length));
      codes.push(code);
      codePresent.push(0);
      for (let c = 0; c < WIDTH; c++) codeCents.push(0);
    }
    const c = a.lineClass;
    codeCents[i * WIDTH + c]! += a.cents;
    codePresent[i]! |= 1 << c;
    total[c]! += a.cents;
    totalPresent |= 1 << c;
  }
  // … then each code is added to each of its prefixes (a code listed at two lengths adds twice).
  const prefixes = rows === 'unit' ? [Infinity] : PREFIXES[rows];
  const keySet = new Set<string>();
  for (const code of codes) for (const len of prefixes) keySet.add(code.slice(0, len));
  const keys = [...keySet].sort();
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  const cents = new Array<number>(keys.length * WIDTH).fill(0);
  const present = new Array<number>(keys.length).fill(0);
  codes.forEach((code, i) => {
    for (const len of prefixes) {
      const k = indexOf.get(code.slice(0, len))!;
      forEachClass(codePresent[i]!, (c) => (cents[k * WIDTH + c]! += codeCents[i * WIDTH + c]!));
      present[k]! |= codePresent[i]!;
    }
  });
  return { keys, cents, present, total, totalPresent, indexOf };
}

/** Σ of a key's cents over a set of classes (0 for a key no atom has). */
export function centsOf(sums: CodeSums, key: string, classes: number): number {
  const i = sums.indexOf.get(key);
  return i === undefined ? 0 : keyCents(sums, i, classes);
}

/** Σ of the i-th key's cents over a set of classes. */
export function keyCents(sums: CodeSums, i: number, classes: number): number {
  let s = 0;
  forEachClass(classes & sums.present[i]!, (c) => (s += sums.cents[i * WIDTH + c]!));
  return s;
}

/** Σ of all atoms' cents over a set of classes. */
export function totalCents(sums: CodeSums, classes: number): number {
  let s = 0;
  forEachClass(classes & sums.totalPresent, (c) => (s += sums.total[c]!));
  return s;
}
