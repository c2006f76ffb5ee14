#!/usr/bin/env node
// `npm run build` (also run by `npm ci` / `npm install` through the `prepare` script): compiles
// src/**/*.ts to dist/ as plain ES modules, so that bin/gongkai.js starts without tsx.
//
// Each file is transpiled on its own (TypeScript's transpileModule, the per-file emit tsx and
// esbuild also do; types are checked by `npm run typecheck`, not here), with
// `rewriteRelativeImportExtensions` turning the sources' `./x.ts` imports into `./x.js`. dist/
// mirrors src/ at the same depth (src/core/template.ts → dist/core/template.js), so paths the code
// resolves from its own file (`../../data`, `../../fixtures`) lead to the same place. Other modules
// (src/batch/worker-boot.mjs) are copied. Tests (*.test.ts) and testdata/ are left out.
//
// The new tree is written beside dist/ and swapped in whole; dist/.build.json records when the
// build started, and bin/gongkai.js uses dist/ only while no source is newer than that.
// Without TypeScript installed (`npm ci --omit=dev`) the build is skipped with a note: the CLI
// then runs the sources through tsx, as before.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const argv = process.argv.slice(2);
const quiet = argv.includes('--quiet');
// --out .dist-<name>: another folder at the repository root instead of dist/ (the dist test builds
// one of its own); at the root's top level, so that what the code finds relative to itself (data/,
// fixtures/) is still there. Only dist or .dist-* names: the folder is replaced whole.
const outName = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : 'dist';
if (!outName || !/^(dist|\.dist-[\w-]+)$/.test(outName)) {
  process.stderr.write('gongkai build: --out takes a folder name dist or .dist-<name> (at the repository root)\n');
  process.exit(2);
}
const DIST = join(ROOT, outName);
const started = Date.now();

let ts;
try {
  ts = (await import('typescript')).default;
} catch {
  process.stderr.write('gongkai build: TypeScript is not installed; dist/ not built (the CLI runs the sources through tsx)\n');
  process.exit(0);
}

const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  rewriteRelativeImportExtensions: true,
  sourceMap: false,
  inlineSourceMap: false,
  removeComments: false,
};

const tmp = `${DIST}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
let files = 0;
const problems = [];

function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const from = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'testdata' || e.name.startsWith('.')) continue;
      walk(from);
      continue;
    }
    const rel = relative(SRC, from);
    if (e.name.endsWith('.test.ts') || e.name.endsWith('.d.ts')) continue;
    if (e.name.endsWith('.ts')) {
      const out = ts.transpileModule(readFileSync(from, 'utf8'), { compilerOptions, fileName: from, reportDiagnostics: true });
      for (const d of out.diagnostics ?? []) problems.push(`${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      write(join(tmp, rel.replace(/\.ts$/, '.js')), out.outputText);
      files++;
    } else if (e.name.endsWith('.mjs') || e.name.endsWith('.js')) {
      mkdirSync(dirname(join(tmp, rel)), { recursive: true });
      copyFileSync(from, join(tmp, rel));
      files++;
    }
  }
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

try {
  walk(SRC);
  if (problems.length) throw new Error(`cannot transpile:\n  ${problems.join('\n  ')}`);
  write(join(tmp, '.build.json'), JSON.stringify({ builtAt: started, files }) + '\n');
  // Swapped in whole; another build finishing at the same moment may have put its dist/ back in between.
  for (let attempt = 0; ; attempt++) {
    rmSync(DIST, { recursive: true, force: true });
    try {
      renameSync(tmp, DIST);
      break;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
} catch (e) {
  rmSync(tmp, { recursive: true, force: true });
  process.stderr.write(`gongkai build: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
if (!quiet) process.stderr.write(`gongkai build: ${files} modules → ${outName}/ in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (!existsSync(join(DIST, 'cli', 'main.js'))) process.exit(1);
