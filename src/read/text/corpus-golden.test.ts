/**
 * Golden snapshots of the corpus: what the text reader makes of each fixtures/corpus/*.txt
 * (readDisclosureFile: disclosure and problems) and the findings `gongkai check` reports on it.
 * Speed work on the reader must leave both byte-identical. When a change is meant to alter them,
 * rewrite the snapshots and review the diff:
 *   UPDATE_GOLDEN=1 node scripts/run-tests.mjs corpus-golden
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkAndScore } from '../../rules/index.ts';
import { readDisclosureFile } from '../index.ts';

const CORPUS = new URL('../../../fixtures/corpus/', import.meta.url);
const GOLDEN = new URL('./testdata/corpus-golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

/** JSON with one line per object key and arrays of plain values on one line (a table row reads as a row in a diff). */
function pretty(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\[\n\s+([^[\]{}]*?)\n\s*\]/g, (_, inner: string) => `[${inner.replace(/\n\s+/g, ' ')}]`) + '\n';
}

function same(file: string, actual: unknown): void {
  const path = new URL(file, GOLDEN);
  if (update) writeFileSync(path, pretty(actual));
  const golden: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const hint = `${file} differs from its golden snapshot (UPDATE_GOLDEN=1 rewrites it when the change is meant)`;
  assert.deepStrictEqual(JSON.parse(JSON.stringify(actual)), golden, hint);
  // Same values in the same key order: the serialised output is byte-identical.
  assert.equal(JSON.stringify(actual), JSON.stringify(golden), hint);
}

const documents = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort();

test('the corpus has its five text documents', () => {
  assert.equal(documents.length, 5);
});

for (const name of documents) {
  test(`${name}: reading and findings match the golden snapshot`, async () => {
    // Relative to the repository root (where the tests run), as `npx gongkai check fixtures/corpus/…` names it.
    const { disclosure, problems } = await readDisclosureFile(relative(process.cwd(), fileURLToPath(new URL(name, CORPUS))));
    same(`${name}.read.json`, { disclosure, problems });
    same(`${name}.findings.json`, checkAndScore(disclosure).findings);
  });
}
