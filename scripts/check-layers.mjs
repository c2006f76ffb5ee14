#!/usr/bin/env node
// The layer check: which top-level folders of src/ may import which (see LAYERS), and no cycle
// between folders. Tests (*.test.ts) and test support (testing/ folders) are exempt. Exit 1 with one
// line per violation. `node scripts/check-layers.mjs [root]` (root defaults to this repository).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/** Each folder of src/ and the folders it may import. Anything not listed here is a violation. */
export const LAYERS = {
  core: [],
  util: [],
  generate: ['core', 'util'],
  printed: ['core', 'util'],
  rules: ['core', 'util', 'printed'],
  read: ['core', 'util'],
  render: ['core', 'util'],
  // The input workbook is written with the disclosure workbook's xlsx writer.
  input: ['core', 'util', 'render'],
  store: ['core', 'util'],
  synth: ['core', 'util', 'generate'],
  auth: ['core', 'util', 'store'],
  integrity: ['core', 'util', 'read', 'store'],
  infer: ['core', 'util', 'read', 'printed'],
  pipeline: ['core', 'util', 'generate', 'printed', 'rules', 'read'],
  roundtrip: ['core', 'util', 'generate', 'printed', 'rules', 'read', 'render', 'pipeline'],
  batch: ['core', 'util', 'generate', 'printed', 'rules', 'read', 'render', 'pipeline'],
  server: ['core', 'util', 'generate', 'printed', 'rules', 'read', 'render', 'input', 'store', 'synth', 'auth', 'integrity', 'pipeline'],
  cli: ['core', 'util', 'generate', 'printed', 'rules', 'read', 'render', 'input', 'store', 'synth', 'auth', 'integrity', 'pipeline', 'roundtrip', 'batch', 'server', 'infer'],
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir, out = []) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e !== 'testing' && e !== 'testdata') sources(p, out);
    } else if (/\.(ts|mjs|js)$/.test(e) && !/\.test\.ts$/.test(e) && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Violations in the tree under `root`: one message per forbidden import, then any folder cycle. */
export function checkLayers(root) {
  const src = join(root, 'src');
  const problems = [];
  const edges = new Map();
  for (const file of sources(src)) {
    const from = relative(src, file).split(sep)[0];
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = relative(src, normalize(join(dirname(file), m[1])));
      if (target.startsWith('..')) continue;
      const to = target.split(sep)[0];
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from).add(to);
      const allowed = LAYERS[from];
      if (!allowed) problems.push(`${relative(root, file)}: folder src/${from} is not in the layer list (scripts/check-layers.mjs)`);
      else if (!allowed.includes(to)) problems.push(`${relative(root, file)}: src/${from} may not import src/${to} (${m[1]})`);
    }
  }
  // A cycle between folders, if the list above were ever loosened into one.
  const state = new Map();
  const visit = (n, path) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') {
      problems.push(`import cycle between folders: ${[...path.slice(path.indexOf(n)), n].join(' → ')}`);
      return;
    }
    state.set(n, 'open');
    for (const t of edges.get(n) ?? []) visit(t, [...path, n]);
    state.set(n, 'done');
  };
  for (const n of edges.keys()) visit(n, []);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const problems = checkLayers(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..'));
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`层次检查未通过：${problems.length} 处`);
    process.exit(1);
  }
}
