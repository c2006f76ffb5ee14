/**
 * Fuzz targets: every way untrusted bytes enter the system, each with its seed documents (the real
 * corpus and our generated packages) and the mutations that fit its format. `runTarget` classifies
 * the outcome: a result, a clear rejection (the error types the CLI turns into exit 2 and the
 * server into 400/413/415), or a crash (anything else, or a message carrying a stack trace).
 * Readers that have not landed yet are skipped, not faked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type fc from 'fast-check';
import { validateBudget } from '../../src/core/budget-validate.ts';
import type { BudgetInput } from '../../src/core/budget.ts';
import type { Disclosure } from '../../src/core/disclosure.ts';
import { UserError } from '../../src/core/user-error.ts';
import { buildDisclosure } from '../../src/generate/build-disclosure.ts';
import { InputRejected, checkXlsxArchive, parseJsonGuarded } from '../../src/read/guards.ts';
import { UnreadableInputError } from '../../src/read/errors.ts';
import { binaryMutation, textMutation, zipMutation, type Mutation } from './mutate.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const TIME_LIMIT_MS = 5_000;

export type Verdict = { kind: 'ok' } | { kind: 'rejected'; message: string } | { kind: 'crash'; message: string };

export interface FuzzTarget {
  name: string;
  /** File extension of inputs in the regression corpus. */
  ext: string;
  seeds(): Promise<Uint8Array[]>;
  mutation: fc.Arbitrary<Mutation>;
  run(bytes: Uint8Array): Promise<void>;
}

/** Errors that are a clear answer to bad input. */
export function isClearError(e: unknown): e is Error {
  return e instanceof InputRejected || e instanceof UnreadableInputError || e instanceof UserError;
}

export async function runTarget(t: FuzzTarget, bytes: Uint8Array): Promise<Verdict & { ms: number }> {
  const t0 = performance.now();
  let v: Verdict;
  try {
    await t.run(bytes);
    v = { kind: 'ok' };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (isClearError(e) && msg.trim() && !/\n\s+at /.test(msg)) v = { kind: 'rejected', message: msg };
    else v = { kind: 'crash', message: `${(e as Error)?.name ?? typeof e}: ${msg}\n${(e as Error)?.stack?.split('\n').slice(1, 8).join('\n') ?? ''}` };
  }
  return { ...v, ms: performance.now() - t0 };
}

const corpusDir = join(ROOT, 'fixtures/corpus');
const corpusTexts = () =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(corpusDir, f)));
const yingkouBudget = (): BudgetInput => JSON.parse(readFileSync(join(ROOT, 'fixtures/yingkou-2024/budget.json'), 'utf8'));

async function generatedBudgets(): Promise<BudgetInput[]> {
  const out = [yingkouBudget()];
  try {
    const { randomBudget } = await import('../../src/synth/random-budget.ts');
    out.push(randomBudget(11), randomBudget(12, { projects: 4 }), randomBudget(13, { scope: 'department' }));
  } catch {
    // synth not available: the Yingkou budget alone
  }
  return out;
}

async function generatedDisclosures(): Promise<Disclosure[]> {
  const out: Disclosure[] = [];
  for (const b of await generatedBudgets()) {
    const v = validateBudget(b);
    if (v.budget) out.push(buildDisclosure(v.budget).disclosure);
  }
  return out;
}

type Checker = (d: Disclosure) => unknown;
let checker: Checker | null | undefined;
async function loadChecker(): Promise<Checker | null> {
  if (checker !== undefined) return checker;
  try {
    const m = (await import('../../src/rules/index.ts')) as { checkDisclosure: Checker };
    checker = m.checkDisclosure;
  } catch {
    checker = null;
  }
  return checker;
}

type ReaderMap = Partial<Record<string, (bytes: Uint8Array, file: string) => unknown>>;
async function readerFor(format: string): Promise<((bytes: Uint8Array, file: string) => Promise<{ disclosure: Disclosure }>) | null> {
  const m = (await import('../../src/read/index.ts')) as { readers: ReaderMap };
  const r = m.readers[format];
  return r ? async (b, f) => (await r(b, f)) as { disclosure: Disclosure } : null;
}

/** Reading a published file, then checking it: what the check page does with an upload. */
async function readAndCheck(format: string, bytes: Uint8Array, file: string) {
  const read = await readerFor(format);
  if (!read) throw new Error(`no ${format} reader`);
  const { disclosure } = await read(bytes, file);
  const check = await loadChecker();
  if (check) check(disclosure);
  JSON.stringify(disclosure);
}

async function renderSeeds(fn: 'renderXlsx' | 'renderPdf' | 'renderHtml'): Promise<Uint8Array[]> {
  let m: Record<string, (d: Disclosure) => unknown>;
  try {
    m = (await import('../../src/server/engines.ts')) as unknown as Record<string, (d: Disclosure) => unknown>;
  } catch {
    return [];
  }
  if (typeof m[fn] !== 'function') return [];
  const out: Uint8Array[] = [];
  for (const d of (await generatedDisclosures()).slice(0, 2)) {
    const r = await m[fn]!(d);
    out.push(typeof r === 'string' ? Buffer.from(r, 'utf8') : Buffer.from(r as Uint8Array));
  }
  return out;
}

export async function loadTargets(): Promise<FuzzTarget[]> {
  const targets: FuzzTarget[] = [
    {
      name: 'text-reader',
      ext: 'txt',
      seeds: async () => corpusTexts(),
      mutation: textMutation,
      run: (b) => readAndCheck('txt', b, 'fuzz.txt'),
    },
    {
      name: 'disclosure-json',
      ext: 'json',
      seeds: async () => (await generatedDisclosures()).map((d) => Buffer.from(JSON.stringify(d, null, 1))),
      mutation: textMutation,
      run: (b) => readAndCheck('json', b, 'fuzz.json'),
    },
    {
      name: 'budget',
      ext: 'json',
      seeds: async () => (await generatedBudgets()).map((b) => Buffer.from(JSON.stringify(b, null, 1))),
      mutation: textMutation,
      // What the portal and `gongkai build` do with an uploaded budget: parse, validate, generate, check.
      async run(b) {
        const json = parseJsonGuarded(Buffer.from(b).toString('utf8'), 'budget.json');
        const v = validateBudget(json);
        if (!v.budget) return;
        const { disclosure } = buildDisclosure(v.budget);
        const check = await loadChecker();
        if (check) check(disclosure);
      },
    },
    {
      name: 'input-workbook',
      ext: 'xlsx',
      async seeds() {
        const { writeInputWorkbook } = await import('../../src/input/write-input-workbook.ts');
        const budgets = await generatedBudgets();
        return [await writeInputWorkbook(budgets[0]), await writeInputWorkbook(budgets[1] ?? budgets[0]), await writeInputWorkbook()];
      },
      mutation: zipMutation,
      async run(b) {
        const { readInputWorkbook } = await import('../../src/input/read-input-workbook.ts');
        await checkXlsxArchive(b, '录入工作簿');
        const r = readInputWorkbook(b);
        if (r.errors) {
          for (const e of r.errors) if (!e.message || /\n\s+at /.test(e.message)) throw new Error(`unclear cell error: ${JSON.stringify(e)}`);
          return;
        }
        validateBudget(r.budget);
      },
    },
    {
      name: 'data-package',
      ext: 'zip',
      async seeds() {
        const { packageFiles } = await import('../../src/integrity/package-manifest.ts');
        const { writeZip } = await import('../../src/util/zip-writer.ts');
        const ds = (await generatedDisclosures()).slice(0, 2);
        return Promise.all(ds.map((d) => writeZip(packageFiles(d, [{ path: 'README.txt', data: Buffer.from('数据包') }]).map((f) => ({ name: f.path, data: f.data })))));
      },
      mutation: zipMutation,
      async run(b) {
        const { unzipGuarded } = await import('../../src/read/unzip.ts');
        const { verifyPackage, PackageUnreadable } = await import('../../src/integrity/verify-package.ts');
        const files = await unzipGuarded(b, '数据包');
        try {
          verifyPackage(files);
        } catch (e) {
          if (e instanceof PackageUnreadable) throw new UserError(e.message);
          throw e;
        }
      },
    },
  ];
  const formats: { name: string; format: string; ext: string; render: 'renderXlsx' | 'renderPdf' | 'renderHtml'; mutation: fc.Arbitrary<Mutation> }[] = [
    { name: 'xlsx-reader', format: 'xlsx', ext: 'xlsx', render: 'renderXlsx', mutation: zipMutation },
    { name: 'pdf-reader', format: 'pdf', ext: 'pdf', render: 'renderPdf', mutation: binaryMutation },
    { name: 'html-reader', format: 'html', ext: 'html', render: 'renderHtml', mutation: textMutation },
  ];
  for (const f of formats) {
    if (!(await readerFor(f.format))) continue;
    targets.push({ name: f.name, ext: f.ext, seeds: () => renderSeeds(f.render), mutation: f.mutation, run: (b) => readAndCheck(f.format, b, `fuzz.${f.ext}`) });
  }
  return targets;
}
