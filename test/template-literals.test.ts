/**
 * One default-template constant: no template id is written as a literal in the sources outside
 * data/templates/ and tests — code names DEFAULT_TEMPLATE (src/core/template.ts) or takes the id
 * from its caller.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTemplates } from '../src/core/template.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testdata' || e.name === 'testing' ? [] : sourceFiles(path);
    return /\.(ts|mjs|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [path] : [];
  });
}

test('no template id is a literal in src/, scripts/ or bin/ (only DEFAULT_TEMPLATE names the default)', () => {
  const ids = listTemplates();
  const offenders: string[] = [];
  for (const file of ['src', 'scripts', 'bin'].flatMap(sourceFiles)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (file === join('src', 'core', 'template.ts') && /export const DEFAULT_TEMPLATE = /.test(line)) return;
      for (const id of ids) if (line.includes(id)) offenders.push(`${file}:${i + 1}: ${id}`);
    });
  }
  assert.deepEqual(offenders, []);
});
