import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spaceCells, type Cell } from './lines.ts';
import { isAmount } from './normalize.ts';

/** The tokenizer as first written with a regular expression: the scanner must give the same cells. */
function oracle(text: string): Cell[] {
  const cells: Cell[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let pos = m.index;
    let cur: Cell | null = null;
    let lastAmount = false;
    for (const p of m[0].split(' ')) {
      const amount = isAmount(p);
      if (!cur || amount || lastAmount) {
        if (cur) cells.push(cur);
        cur = { text: p, start: pos, end: pos + p.length };
      } else {
        cur.text += ' ' + p;
        cur.end = pos + p.length;
      }
      lastAmount = amount;
      pos += p.length + 1;
    }
    cells.push(cur!);
  }
  return cells;
}

const CORPUS = join(import.meta.dirname, '../../../fixtures/corpus');
const corpusLines = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .flatMap((f) => readFileSync(join(CORPUS, f), 'utf8').split('\n'));

test('spaceCells: the same tokens as the regular-expression tokenizer, on every corpus line and on odd spacing', () => {
  const odd = [
    '',
    '   ',
    'a',
    ' a b  c   d ',
    '96,282,213.44 一、公共安全支出  1,000.00',
    '合计 1.00 2.00 项目 名称',
    'x\ty \u3000z\u00a0w',
    'a \u3000b',
    '一 般\u2003公共',
    '\ufeff开头 1 2',
    'tail ',
    '１,２３４.５０ 万元',
  ];
  for (const l of [...corpusLines, ...odd]) assert.deepEqual(spaceCells(l), oracle(l), JSON.stringify(l));
});
