// Whether dist/ (the compiled CLI, built by scripts/build.mjs) can run in place of the sources:
// it exists and no source it was built from is newer than its build. Shared by bin/gongkai.js and
// the benchmark (which reports which of the two it measured).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Newest modification time under `dir` of what the build compiles (files and folders, so added or removed files count too). */
function newestSource(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name === 'testdata' || e.name.startsWith('.')) continue;
      newest = Math.max(newest, newestSource(join(dir, e.name)));
    } else if (!e.name.endsWith('.test.ts') && (e.name.endsWith('.ts') || e.name.endsWith('.mjs'))) {
      newest = Math.max(newest, statSync(join(dir, e.name)).mtimeMs);
    }
  }
  return newest;
}

/** dist/ is there and current; GONGKAI_FROM_SOURCE=1 says no regardless. */
export function distIsCurrent(root = ROOT) {
  if (process.env.GONGKAI_FROM_SOURCE === '1') return false;
  try {
    const { builtAt } = JSON.parse(readFileSync(join(root, 'dist', '.build.json'), 'utf8'));
    return typeof builtAt === 'number' && newestSource(join(root, 'src')) <= builtAt;
  } catch {
    return false;
  }
}
