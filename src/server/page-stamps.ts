/**
 * Stamps of public pages: what a cached page was built from, read with one indexed query.
 * Published versions are insert-only (the database refuses updates and deletes), so a count of a
 * unit's versions changes exactly when the unit publishes; the unit's own row and its
 * department's name are included because the page prints them. A differing stamp rebuilds the
 * page, whichever process wrote the change. Stamps are remembered between requests (StampMemo):
 * writes through this process and, on SQLite, commits by any process are seen at once; on
 * PostgreSQL another process's publish is seen within OTHER_PROCESS_BOUND_MS.
 */
import type { CompiledQuery } from 'kysely';
import type { Store } from '../store/store.ts';
import { StampMemo } from './stamp-memo.ts';

/** PostgreSQL: how long a stamp read from the database is trusted when nothing was written here. */
export const OTHER_PROCESS_BOUND_MS = 1000;
const memos = new WeakMap<Store, StampMemo>();

declare const made: unique symbol;
/**
 * Reads one page's stamp. Made only here, from the store and the page's own arguments, so it holds
 * nothing of the request that made it.
 */
export type PageStamp = (() => Promise<string | undefined>) & {
  /** The stamp if it is remembered and trusted now, without waiting; undefined: call the reader. */
  known(): string | undefined;
  readonly [made]: true;
};

const pageStamp = (read: () => Promise<string | undefined>, known: () => string | undefined) => Object.assign(read, { known }) as PageStamp;

/** The stamp reader of a page that is not to be cached. */
export const NO_STAMP = pageStamp(
  async () => undefined,
  () => undefined,
);

function memoOf(store: Store): StampMemo {
  let memo = memos.get(store);
  if (!memo) memos.set(store, (memo = new StampMemo(store, OTHER_PROCESS_BOUND_MS)));
  return memo;
}

function remembered(store: Store, key: unknown[], read: () => Promise<string | undefined>): PageStamp {
  const k = JSON.stringify(key);
  return pageStamp(
    () => memoOf(store).get(k, read),
    () => memoOf(store).known(k),
  );
}

/**
 * Queries built and compiled once per store, then run with new arguments: building a Kysely
 * query cost as much as running it. The query is compiled with a marker in place of each argument,
 * so constants Kysely binds as parameters of its own (a LIMIT) keep their places.
 */
const compiled = new WeakMap<Store, Map<string, { query: CompiledQuery; slots: (number | undefined)[] }>>();
const marker = (i: number) => `\u0000arg${i}\u0000`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run<R>(store: Store, name: string, make: (args: any[]) => { compile(): CompiledQuery }, args: unknown[]): Promise<R | undefined> {
  let mine = compiled.get(store);
  if (!mine) compiled.set(store, (mine = new Map()));
  let c = mine.get(name);
  if (!c) {
    const query = make(args.map((_, i) => marker(i))).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' ? args.findIndex((_, i) => p === marker(i)) : -1)).map((i) => (i >= 0 ? i : undefined));
    if (slots.filter((i) => i !== undefined).length !== args.length) throw new Error(`stamp query ${name}: every argument must be bound once`);
    mine.set(name, (c = { query, slots }));
  }
  const parameters = c.query.parameters.map((p, k) => (c.slots[k] === undefined ? p : args[c.slots[k]!]));
  const r = await store.db.executeQuery<R>({ ...c.query, parameters });
  return r.rows[0];
}

/** A unit's disclosure pages (any year and version): its row, its department's name, its version count. */
export function unitPageStamp(store: Store, code: string): PageStamp {
  return remembered(store, ['unit', code], () => readUnitPageStamp(store, code));
}

async function readUnitPageStamp(store: Store, code: string): Promise<string | undefined> {
  const r = await run<{ name: string; region_code: string; kind: string; scope: string; department_code: string | null; department_name: string | null; versions: number | string }>(
    store,
    'unit',
    (a) =>
      store.db
        .selectFrom('units as u')
        .leftJoin('units as d', 'd.code', 'u.department_code')
        .select((eb) => [
          'u.name',
          'u.region_code',
          'u.kind',
          'u.scope',
          'u.department_code',
          'd.name as department_name',
          eb.selectFrom('published_versions as p').select(eb.fn.countAll().as('n')).whereRef('p.unit_code', '=', 'u.code').as('versions'),
        ])
        .where('u.code', '=', a[0]),
    [code],
  );
  return r && JSON.stringify([Number(r.versions), r.name, r.region_code, r.kind, r.scope, r.department_code, r.department_name]);
}

/** One published version's downloads: the version's id (unique across databases) and the unit name in the file name. */
export function versionFileStamp(store: Store, code: string, year: number, version: number): PageStamp {
  return remembered(store, ['file', code, year, version], () => readVersionFileStamp(store, code, year, version));
}

async function readVersionFileStamp(store: Store, code: string, year: number, version: number): Promise<string | undefined> {
  const r = await run<{ id: string; name: string | null }>(
    store,
    'file',
    (a) =>
      store.db
        .selectFrom('published_versions as p')
        .leftJoin('units as u', 'u.code', 'p.unit_code')
        .select(['p.id', 'u.name'])
        .where('p.unit_code', '=', a[0])
        .where('p.year', '=', a[1])
        .where('p.version', '=', a[2]),
    [code, year, version],
  );
  return r && JSON.stringify([r.id, r.name]);
}

/**
 * The unit list: the last publish recorded in the audit log (every publish writes its audit entry
 * in the same transaction; read backwards along the primary key) and the number of units, and
 * the current period of `refreshMs`: a unit renamed by another PostgreSQL process without a
 * publish is shown when the period ends.
 */
export function unitListStamp(store: Store, refreshMs: number): PageStamp {
  const read = remembered(store, ['list'], () => readUnitListStamp(store));
  const period = () => Math.floor(Date.now() / refreshMs);
  return pageStamp(
    async () => `${await read()}@${period()}`,
    () => {
      const s = read.known();
      return s === undefined ? undefined : `${s}@${period()}`;
    },
  );
}

async function readUnitListStamp(store: Store): Promise<string> {
  const r = await run<{ last_publish: number | string | null; units: number | string }>(
    store,
    'list',
    (a) =>
      store.db.selectNoFrom((eb) => [
        eb.selectFrom('audit_log').select('seq').where('action', '=', a[0]).orderBy('seq', 'desc').limit(1).as('last_publish'),
        eb.selectFrom('units').select(eb.fn.countAll().as('n')).as('units'),
      ]),
    ['publish'],
  );
  if (!r) throw new Error('unit list stamp: no row');
  return JSON.stringify([Number(r.last_publish ?? 0), Number(r.units)]);
}
