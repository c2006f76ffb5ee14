#!/usr/bin/env node
// Entry point of the `gongkai` CLI. Runs the compiled dist/cli/main.js (built by `npm run build`,
// which `npm ci` runs through the `prepare` script) when dist/ is there and no source under src/
// is newer than its build; otherwise runs the TypeScript sources through tsx's loader, as a fresh
// clone does before its first build (slower: tsx adds ~0.3–1 s to every command and to every
// batch worker's start). GONGKAI_FROM_SOURCE=1 always runs the sources.
import { distIsCurrent } from './dist-current.js';

if (distIsCurrent()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
