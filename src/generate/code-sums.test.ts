import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBudget } from '../core/budget-validate.ts';
import { loadCatalog } from '../core/catalog.ts';
import { loadTemplate } from '../core/template.ts';
import { randomBudget } from '../synth/random-budget.ts';
import { centsIn, centsOf, classMask, LINE_CLASSES, sumByCode, type RowKind } from './code-sums.ts';
import { createContext, type Atom } from './context.ts';
import { asFen } from '../core/money.ts';

const PREFIXES: Record<RowKind, number[]> = { function: [3, 5, 7], 'dept-econ': [3, 5], 'gov-econ': [3, 5], unit: [Infinity] };

function keyOf(rows: RowKind, a: Atom, ownUnit: string): string {
  if (rows === 'function') return a.line.functionCode;
  if (rows === 'dept-econ') return a.line.econCode;
  if (rows === 'gov-econ') return a.govEconCode;
  return a.line.unit ?? ownUnit;
}

test('code sums equal the atoms added up line by line, for every key and class', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = validateBudget(randomBudget(seed, { scope: seed % 4 === 0 ? 'department' : 'unit' }));
    assert.deepEqual(r.errors, []);
    const b = r.budget!;
    // A zero-amount line still makes its code's row.
    b.lines[0] = { ...b.lines[0]!, amount: asFen(0), functionCode: '2130599' };
    const ctx = createContext(b, loadCatalog(b.year), loadTemplate());
    for (const rows of ['function', 'dept-econ', 'gov-econ', 'unit'] as RowKind[]) {
      const sums = sumByCode(ctx.atoms, rows, b.unit.code);
      const expectedKeys = [...new Set(ctx.atoms.flatMap((a) => PREFIXES[rows].map((n) => keyOf(rows, a, b.unit.code).slice(0, n))))].sort();
      assert.deepEqual(sums.keys, expectedKeys, `${rows}: keys in code order`);
      sums.keys.forEach((key, i) => {
        const under = ctx.atoms.filter((a) => keyOf(rows, a, b.unit.code).startsWith(key));
        const k = sums.byKey[i]!;
        assert.equal(sums.of.get(key), k);
        LINE_CLASSES.forEach((c, n) => {
          const mine = under.filter((a) => a.line.kind === c.kind && a.line.source === c.source);
          assert.equal(
            centsIn(k, 1 << n),
            mine.reduce((s, a) => s + a.cents, 0),
            `${rows} ${key} ${c.kind}/${c.source}`,
          );
          assert.equal((k.present >> n) & 1, mine.length > 0 ? 1 : 0, `${rows} ${key} ${c.kind}/${c.source} present`);
        });
      });
      const general = classMask((c) => c.source === 'general');
      const generalAtoms = ctx.atoms.filter((a) => a.line.source === 'general');
      assert.equal(
        centsIn(sums.total, general),
        generalAtoms.reduce((s, a) => s + a.cents, 0),
      );
      assert.equal(centsOf(sums, 'no such code', general), 0);
    }
    assert.ok(ctx.sumsBy('function').keys.includes('2130599'));
  }
});
