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
/** Every line class, as a set. */
export const ALL_CLASSES = (1 << LINE_CLASSES.length) - 1;

const KIND_INDEX = Object.fromEntries(LINE_KINDS.map((k, i) => [k, i])) as Record<LineKind, number>;
export const SOURCE_INDEX = Object.fromEntries(FUNDING_SOURCES.map((s, i) => [s, i])) as Record<FundingSource, number>;

/** A line class's index (kind × funding source). */
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

/** What a code-matrix table's rows are keyed by: a code (with its 类 / 款 prefixes) or the line's unit. */
export type RowKind = CodeKind | 'unit';

/** The atoms under one key (or all of them), by class. */
export interface ClassSums {
  /** The classes with at least one atom (a zero amount still makes a row). */
  present: number;
  /** Σ cents per class, indexed by class. */
  cents: number[];
}

export interface CodeSums {
  /** Every key in code order, so a 类 comes before its 款 and a 款 before its 项. */
  keys: string[];
  /** Per key, index-aligned with keys. */
  byKey: ClassSums[];
  total: ClassSums;
  of: Map<string, ClassSums>;
}

function emptySums(): ClassSums {
  return { present: 0, cents: LINE_CLASSES.map(() => 0) };
}

function add(into: ClassSums, c: number, cents: number): void {
  into.cents[c]! += cents;
  into.present |= 1 << c;
}

/** Σ over a set of classes. */
export function centsIn(sums: ClassSums, classes: number): number {
  const set = sums.present & classes;
  let s = 0;
  for (let c = 0; c < LINE_CLASSES.length; c++) if (set & (1 << c)) s += sums.cents[c]!;
  return s;
}

/** Adds the cents of each class of a set to the columns that class feeds (columns[class]), into acc. */
export function addByColumn(sums: ClassSums, classes: number, columns: readonly number[][], acc: number[]): void {
  const set = sums.present & classes;
  for (let c = 0; c < LINE_CLASSES.length; c++) {
    if (set & (1 << c)) for (const col of columns[c]!) acc[col]! += sums.cents[c]!;
  }
}

/** Σ of a key's cents over a set of classes (0 for a key no atom has). */
export function centsOf(sums: CodeSums, key: string, classes: number): number {
  const k = sums.of.get(key);
  return k ? centsIn(k, classes) : 0;
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

/** The rounded atoms summed under every code and its 类/款 prefixes (or per unit), by line class. */
export function sumByCode(atoms: readonly Atom[], rows: RowKind, ownUnit: string): CodeSums {
  const prefixes = rows === 'unit' ? [0] : PREFIXES[rows];
  const total = emptySums();
  const of = new Map<string, ClassSums>();
  // Each distinct code's prefixes are cut once (a unit repeats a few dozen codes over hundreds of
  // lines); a code listed at two lengths adds twice.
  const keysOfCode = new Map<string, ClassSums[]>();
  for (const a of atoms) {
    const code = codeOf(rows, a, ownUnit);
    let under = keysOfCode.get(code);
    if (!under) keysOfCode.set(code, (under = sumsUnder(of, code, prefixes)));
    for (const sums of under) add(sums, a.lineClass, a.cents);
    add(total, a.lineClass, a.cents);
  }
  const keys = [...of.keys()].sort();
  return { keys, byKey: keys.map((k) => of.get(k)!), total, of };
}

/** The sums a code adds to: one per prefix length (0: the whole code), made on first use. */
function sumsUnder(of: Map<string, ClassSums>, code: string, prefixes: readonly number[]): ClassSums[] {
  const out: ClassSums[] = [];
  for (const len of prefixes) {
    const key = len === 0 ? code : code.slice(0, len);
    let k = of.get(key);
    if (!k) of.set(key, (k = emptySums()));
    out.push(k);
  }
  return out;
}
