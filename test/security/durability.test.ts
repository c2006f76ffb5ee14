/**
 * Durability: the portal process is killed (SIGKILL) again and again while officers publish
 * concurrently; afterwards every acknowledged version (HTTP 201) is in the store with the hash it
 * was acknowledged with, every stored version's hash recomputes from its disclosure, versions are
 * numbered without gaps and each has its audit entry. On SQLite and on PostgreSQL (fresh schema).
 * Also: two officers editing one draft — the second save gets 409 with both versions.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import type { BudgetInput } from '../../src/core/budget.ts';
import { contentHash } from '../../src/store/canonical-json.ts';
import { Store } from '../../src/store/store.ts';
import { openTestDatabase, testDialects } from '../../src/store/test-databases.ts';
import { signInOverHttp, type HttpSession } from '../../src/server/test-client.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const KILLS = Number(process.env.GONGKAI_KILLS ?? 3);
const yingkou = JSON.parse(readFileSync(join(ROOT, 'fixtures/yingkou-2024/budget.json'), 'utf8')) as BudgetInput;

interface Child {
  proc: ChildProcess;
  base: string;
}

async function startChild(options: object): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/security/portal-child.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => reject(new Error(`portal did not start: ${stderr}`)), 60_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    proc.once('exit', (code) => reject(new Error(`portal exited (${code}): ${stderr}`)));
  });
  return { proc, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` };
}

function kill(c: Child): Promise<void> {
  return new Promise((resolve) => {
    if (c.proc.exitCode !== null) return resolve();
    c.proc.once('exit', () => resolve());
    c.proc.kill('SIGKILL');
  });
}

async function login(base: string, username: string, password: string): Promise<HttpSession> {
  const s = await signInOverHttp(base, username, password);
  assert.equal(s.status, 200, `sign-in as ${username}`);
  return s;
}

const call = (base: string, s: HttpSession, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf }, body: body === undefined ? undefined : JSON.stringify(body) });

function budgetFor(unit: string, marker: string): BudgetInput {
  const b = structuredClone(yingkou);
  b.unit = { ...b.unit, code: unit, ...(unit === '041099' ? { name: '演示单位（示例，尚未编制）' } : {}), organisation: `${b.unit.organisation ?? ''}（修订 ${marker}）` };
  return b;
}

interface Ack {
  unit: string;
  version: number;
  contentHash: string;
}

/** One officer: save the draft with a new marker, publish it; repeat until the process dies. */
async function officerLoop(base: string, s: HttpSession, unit: string, worker: number, acks: Ack[], stop: { dead: boolean }) {
  let baseVersion = -1;
  for (let i = 0; !stop.dead; i++) {
    try {
      if (baseVersion < 0) {
        const g = await call(base, s, 'GET', `/api/drafts/${unit}/2024`);
        baseVersion = g.status === 200 ? ((await g.json()) as { draft: { version: number } }).draft.version : (await g.body?.cancel(), 0);
      }
      const put = await call(base, s, 'PUT', `/api/drafts/${unit}/2024`, { budget: budgetFor(unit, `${worker}-${i}-${Date.now()}`), baseVersion });
      const saved = (await put.json()) as { version?: number; current?: { version: number } | null };
      if (put.status === 409) {
        baseVersion = saved.current?.version ?? 0;
        continue;
      }
      assert.equal(put.status, 200, JSON.stringify(saved));
      baseVersion = saved.version!;
      const pub = await call(base, s, 'POST', `/api/drafts/${unit}/2024/publish`, { baseVersion, acknowledgeWarnings: true, reason: `修订 ${worker}-${i}` });
      const body = (await pub.json()) as { version?: number; contentHash?: string; error?: string };
      if (pub.status === 201) acks.push({ unit, version: body.version!, contentHash: body.contentHash! });
      else if (pub.status === 409) baseVersion = -1;
      else throw new Error(`publish answered ${pub.status}: ${body.error}`);
    } catch (e) {
      if (stop.dead) return;
      const msg = (e as Error).message;
      if (/fetch failed|ECONNRESET|socket|terminated|other side closed/i.test(msg)) return;
      throw e;
    }
  }
}

/** Resolves when `acks` grows past `n`, or after `ms`. */
async function ackedPast(acks: Ack[], n: number, ms: number) {
  const until = Date.now() + ms;
  while (acks.length <= n && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
}

for (const dialect of testDialects()) {
  test(`SIGKILL during concurrent publishing loses no acknowledged version (${dialect})`, { timeout: 240_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-kill-'));
    const db = await openTestDatabase(dialect, dialect === 'sqlite' ? dataDir : undefined);
    const options = db.options;
    await db.store.close();
    const acks: Ack[] = [];
    let kills = 0;
    try {
      for (let round = 0; round < KILLS; round++) {
        const child = await startChild(options);
        const sessions = await Promise.all([
          login(child.base, 'officer041002', CHILD_PASSWORDS.officer041002),
          login(child.base, 'officer041002', CHILD_PASSWORDS.officer041002),
          login(child.base, 'officer041099', CHILD_PASSWORDS.officer041099),
          login(child.base, 'dept041', CHILD_PASSWORDS.dept041),
        ]);
        const stop = { dead: false };
        const loops = [
          officerLoop(child.base, sessions[0]!, '041002', 0, acks, stop),
          officerLoop(child.base, sessions[1]!, '041002', 1, acks, stop),
          officerLoop(child.base, sessions[2]!, '041099', 2, acks, stop),
          officerLoop(child.base, sessions[3]!, '041099', 3, acks, stop),
        ];
        // Kill in the middle of the traffic: after this round's first acknowledgement, at a varying delay.
        await ackedPast(acks, acks.length, 30_000);
        await new Promise((r) => setTimeout(r, (round * 173) % 600));
        stop.dead = true;
        await kill(child);
        kills++;
        await Promise.all(loops);
      }
      // Reopen the database after the last kill and audit everything.
      const store = await Store.open(options);
      try {
        let lost = 0;
        for (const a of acks) {
          const v = await store.getVersion(a.unit, 2024, a.version);
          if (!v || v.contentHash !== a.contentHash) lost++;
        }
        let halfWritten = 0;
        let stored = 0;
        const audit = await store.listAudit({ limit: 100_000 });
        const published = new Set(audit.filter((e) => e.action === 'publish' && e.outcome === 'ok').map((e) => `${e.target}|${e.afterHash}`));
        for (const unit of ['041002', '041099']) {
          const list = (await store.listVersions(unit, 2024)).sort((a, b) => a.version - b.version);
          list.forEach((s, i) => assert.equal(s.version, i + 1, `${unit}: versions numbered without gaps`));
          for (const s of list) {
            stored++;
            const v = await store.getVersion(unit, 2024, s.version);
            if (!v || contentHash(v.disclosure) !== v.contentHash || !published.has(`${unit}/2024/v${s.version}|${v.contentHash}`)) halfWritten++;
          }
        }
        console.log(`durability ${dialect}: ${kills} kills survived, ${acks.length} acknowledged versions, ${stored} stored, ${lost} lost, ${halfWritten} half-written`);
        assert.ok(acks.length >= KILLS, `publishing made progress (${acks.length} acknowledged)`);
        assert.equal(lost, 0, 'versions lost');
        assert.equal(halfWritten, 0, 'half-written versions');
        assert.ok(stored >= acks.length);
      } finally {
        await store.close();
      }
    } finally {
      if (dialect === 'postgres') {
        const again = await Store.open(options).catch(() => null);
        await again?.close();
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: (options as { databaseUrl: string }).databaseUrl });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${(options as { pgSchema: string }).pgSchema} CASCADE`);
        await c.end();
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
