// The layer check (scripts/check-layers.mjs) passes on this repository and fails on a planted
// violation: core importing the server, and a cycle between two folders.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without type declarations
import { checkLayers } from '../scripts/check-layers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

test('the repository keeps its layers', () => {
  assert.deepEqual(checkLayers(ROOT), []);
});

test('a planted violation fails the check', () => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-layers-'));
  try {
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    put('src/core/money.ts', "import { app } from '../server/app.ts';\nexport const x = app;\n");
    put('src/server/app.ts', 'export const app = 1;\n');
    put('src/rules/a.ts', "import { b } from '../read/b.ts';\nexport const a = b;\n");
    put('src/read/b.ts', "export const b = await import('../rules/a.ts');\n");
    put('src/core/money.test.ts', "import '../cli/main.ts';\n");
    const problems: string[] = checkLayers(root);
    assert.ok(
      problems.some((p) => p.includes('src/core may not import src/server')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('src/rules may not import src/read')),
      problems.join('\n'),
    );
    assert.ok(
      problems.some((p) => p.includes('import cycle between folders')),
      problems.join('\n'),
    );
    assert.ok(!problems.some((p) => p.includes('money.test.ts')), 'tests are exempt');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
