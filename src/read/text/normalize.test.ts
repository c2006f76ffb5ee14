import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPageNumber } from './lines.ts';
import { clearNormCaches, isAmount, nfkc, norm } from './normalize.ts';
import { joinWrapped } from './sections.ts';

const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');
const lines = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n'));
const words = [...new Set(lines.flatMap((l) => l.trim().split(/\s+/)))];

test('memoised NFKC and norm equal the plain computation, on every corpus line and word, cached or not', () => {
  const samples = [...lines, ...words, '（一）', '１２３', '⽆', '“三公”经费', '单　位：万元', 'ＡＢＣ'];
  for (let pass = 0; pass < 2; pass++) {
    for (const s of samples) {
      assert.equal(nfkc(s), s.normalize('NFKC'), s);
      assert.equal(norm(s), s.normalize('NFKC').replace(/[“”"‘’'「」『』]/g, '').replace(/[\s\u3000]+/g, ''), s);
    }
    clearNormCaches();
  }
  assert.equal(isAmount('１,２３４.５０'), true);
  assert.equal(isAmount('1.'), false);
});

test('isPageNumber: the trimmed test agrees with the whole-line pattern on every corpus line', () => {
  const whole = /^\s*[-—]?\s*\d{1,3}\s*[-—]?\s*$/;
  for (const l of [...lines, '  - 3 -  ', '—12—', '   1234', ' ', '\f14']) assert.equal(isPageNumber(l), whole.test(l), JSON.stringify(l));
  // A long indented line is answered at once (the whole-line pattern backtracks on it).
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) isPageNumber(' '.repeat(20_000) + 'x');
  assert.ok(performance.now() - t0 < 500);
});

test('joinWrapped joins a wrapped line without a break and keeps a break after a sentence end', () => {
  assert.equal(joinWrapped(['  本单位2024年收入预算', '1,861.38万元。', '', '  其中：', '一般公共预算']), '本单位2024年收入预算1,861.38万元。\n其中：\n一般公共预算');
  assert.equal(joinWrapped([]), '');
});
