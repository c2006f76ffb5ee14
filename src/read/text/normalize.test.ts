import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isPageNumber } from './lines.ts';
import { clearNormCaches, isAmount, isDigits, nfkc, norm } from './normalize.ts';
import { joinWrapped } from './sections.ts';

const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');
const lines = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n'));
const words = [...new Set(lines.flatMap((l) => l.trim().split(/\s+/)))];

test('memoised NFKC and norm equal the plain computation, on every corpus line and word, cached or not', () => {
  const samples = [...lines, ...words, '（一）', '１２３', '⽆', '“三公”经费', '单　位：万元', 'ＡＢＣ', '', ' 12', '\u3000１２', '-3.5', '−3.5', '①', 'x', '1,861.38 ', '\t7'];
  for (let pass = 0; pass < 2; pass++) {
    for (const s of samples) {
      assert.equal(nfkc(s), s.normalize('NFKC'), s);
      assert.equal(
        norm(s),
        s
          .normalize('NFKC')
          .replace(/[“”"‘’'「」『』]/g, '')
          .replace(/[\s\u3000]+/g, ''),
        s,
      );
      assert.equal(isAmount(s), /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(s.normalize('NFKC').trim()), s);
      assert.equal(isDigits(s), /^\d+$/.test(s.normalize('NFKC').trim()), s);
    }
    clearNormCaches();
  }
  assert.equal(isAmount('１,２３４.５０'), true);
  assert.equal(isAmount('1.'), false);
});

test('the characters nfkc and norm answer without normalising are their own NFKC form, alone and in sequence', () => {
  const ranges: [number, number][] = [
    [0x00, 0x7f],
    [0x4e00, 0x9fff],
    [0x3001, 0x3002],
    [0x3008, 0x3011],
    [0x3014, 0x3015],
    [0x2018, 0x201d],
  ];
  const chars = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCharCode(a + i)));
  for (const c of chars) {
    assert.equal(c.normalize('NFKC'), c, `U+${c.charCodeAt(0).toString(16)}`);
    assert.equal(nfkc(c), c);
    assert.equal(norm(c), c.replace(/[“”"‘’'「」『』]/g, '').replace(/[\s\u3000]+/g, ''));
  }
  const all = chars.join('');
  assert.equal(nfkc(all), all.normalize('NFKC'));
  // Just outside the ranges: normalised (full-width forms, the ideographic space, an ellipsis).
  for (const s of ['（', '：', '\u3000', '…', '〇', '\u2e9f', '\uf900', '\u301c']) assert.equal(nfkc(s), s.normalize('NFKC'), s);
});

test('the characters the reader looks for before normalising a line come from no other code point under NFKC', () => {
  // partHeading (第 部 表), standaloneHeading (释 能 责 置 概 说), labelledUnit and the unit line (单位 部门).
  const keys = [...'第部表释能责置概说单位门'];
  const from: string[] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const n = c.normalize('NFKC');
    if (n !== c && keys.some((k) => n.includes(k))) from.push(`U+${cp.toString(16)} → ${n}`);
  }
  assert.deepEqual(from, []);
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
  for (const l of [...lines, '结束。\u3000', '未完（', '括号）', '？ ']) {
    const t = l.trim();
    if (t) assert.equal(joinWrapped([l, 'x']), t + (/[。；;：:！？!?）)]\s*$/.test(t) ? '\n' : '') + 'x', l);
  }
});
