/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the top functions and modules by self time
 * and by inclusive time (a function or module counts once per sample however deep it recurs).
 *   node --import tsx scripts/profile-summary.ts <file.cpuprofile> [top=25] [--match <path part>]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const mi = args.indexOf('--match');
const match = mi >= 0 ? args[mi + 1] : undefined;
const [file, topArg] = mi >= 0 ? args.filter((_, i) => i !== mi && i !== mi + 1) : args;
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top] [--match text]');
const top = Number(topArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (url: string) => url.replace(/^file:\/\/\/work\/main\//, '').replace(/.*node_modules\//, 'node_modules/') || '(native)';
const fn = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const modSelf = new Map<string, number>();
const modIncl = new Map<string, number>();
const fnIncl = new Map<string, number>();
let total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i] ?? 0;
  const n = byId.get(prof.samples[i]!)!;
  if (n.callFrame.functionName === '(idle)') continue;
  total += dt;
  self.set(fn(n), (self.get(fn(n)) ?? 0) + dt);
  const m = short(n.callFrame.url);
  modSelf.set(m, (modSelf.get(m) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const node = byId.get(id)!;
    const u = short(node.callFrame.url);
    const f = fn(node);
    if (!seen.has(u)) {
      seen.add(u);
      modIncl.set(u, (modIncl.get(u) ?? 0) + dt);
    }
    if (!seen.has(f)) {
      seen.add(f);
      fnIncl.set(f, (fnIncl.get(f) ?? 0) + dt);
    }
  }
}
const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  [...m]
    .filter(([k]) => !match || k.includes(match))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, v]) => console.log(`${pct(v)}  ${k}`));
};
console.log(`${(total / 1000).toFixed(0)} ms sampled (idle excluded)`);
show('self time by function', self);
show('self time by module', modSelf);
show('inclusive time by module', modIncl);
show('inclusive time by function', fnIncl);
