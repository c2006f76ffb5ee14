/**
 * PostgreSQL faults while the portal runs (issue 17): the test terminates its own portal's backends
 * again and again (pg_terminate_backend, matched by a unique application_name so that nobody
 * else's connections are touched — never a server restart) while requests come in. The portal
 * process stays up, answers 503 with a Chinese message and Retry-After (never 500) during the
 * outage, and serves normally again, the same session still valid, once the backends are left alone.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createServer, connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { testDialects, testPgUrl } from '../../src/store/test-databases.ts';
import { Reconnector, DatabaseUnavailable, isDatabaseUnavailable } from '../../src/store/db-errors.ts';
import { signInOverHttp } from '../../src/server/test-client.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

async function startChild(options: object): Promise<{ proc: ChildProcess; base: string; stderr: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/security/portal-child.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start: ${stderr}`)), 90_000);
    createInterface({ input: proc.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    proc.once('exit', (code) => reject(new Error(`portal exited (${code}): ${stderr}`)));
  });
  return { proc, base: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, stderr: () => stderr };
}

test('Reconnector backs off exponentially while the database is down and resets on success', () => {
  let t = 0;
  const r = new Reconnector(250, 15_000, () => t);
  r.before();
  r.failed();
  assert.throws(
    () => r.before(),
    (e) => e instanceof DatabaseUnavailable && e.retryAfterSeconds === 1 && /数据库暂时不可用/.test(e.message),
  );
  t += 250;
  r.before();
  r.failed();
  t += 499;
  assert.throws(() => r.before());
  t += 1;
  r.before();
  for (let i = 0; i < 20; i++) r.failed();
  assert.throws(
    () => r.before(),
    (e) => (e as DatabaseUnavailable).retryAfterSeconds === 15,
    'capped',
  );
  r.succeeded();
  r.before();
  assert.equal(r.down, false);
  assert.equal(isDatabaseUnavailable({ code: '57P01' }), true);
  assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseUnavailable({ code: '23505' }), false, 'a constraint violation is not an outage');
});

test('killing the portal’s PostgreSQL backends: the process lives, answers 503, then recovers', { skip: !testDialects().includes('postgres'), timeout: 180_000 }, async () => {
  const url = await testPgUrl();
  const appName = `gk_outage_${randomBytes(5).toString('hex')}`;
  const schema = `gk_test_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const child = await startChild({ databaseUrl: `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}`, pgSchema: schema });
  try {
    const base = child.base;
    const signIn = await signInOverHttp(base, 'officer041002', CHILD_PASSWORDS.officer041002);
    assert.equal(signIn.status, 200);
    const cookie = signIn.cookie;
    const draft = () => fetch(`${base}/api/drafts/041002/2024`, { headers: { cookie } });
    assert.ok([200, 404].includes((await draft()).status));
    const mine = (await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [appName])).rows[0].n;
    assert.ok(mine > 0, 'the portal’s connections carry the test’s application_name');

    // The outage: every backend of this portal is terminated every few milliseconds for 3 s.
    let killing = true;
    let kills = 0;
    const killer = (async () => {
      while (killing) {
        const r = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [appName]);
        kills += r.rowCount ?? 0;
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    const statuses: number[] = [];
    const unavailable: { body: string; retryAfter: string | null }[] = [];
    const load = async () => {
      const until = Date.now() + 3000;
      while (Date.now() < until) {
        for (const res of await Promise.all([draft(), fetch(`${base}/units/041002/2024`), fetch(`${base}/api/units/041002/2024/versions`), fetch(`${base}/health`)])) {
          statuses.push(res.status);
          const body = await res.text();
          if (res.status === 503) unavailable.push({ body, retryAfter: res.headers.get('retry-after') });
        }
      }
    };
    await Promise.all([load(), load(), load()]);
    killing = false;
    await killer;

    assert.equal(child.proc.exitCode, null, `the portal process is still running: ${child.stderr()}`);
    assert.ok(kills > 0, 'backends were terminated');
    const other = statuses.filter((s) => ![200, 404, 503].includes(s));
    assert.deepEqual(other, [], `no 500 or other status during the outage (${statuses.length} requests)`);
    assert.ok(unavailable.length > 0, `some requests met the outage (${statuses.length} requests, ${kills} backends ended)`);
    const withMessage = unavailable.filter((u) => /数据库暂时不可用/.test(u.body));
    assert.ok(withMessage.length > 0, 'answered with the Chinese message');
    assert.ok(unavailable.filter((u) => !/health/.test(u.body)).every((u) => u.retryAfter === null || /^\d+$/.test(u.retryAfter)));
    assert.ok(
      unavailable.some((u) => u.retryAfter !== null),
      'Retry-After on 503',
    );
    assert.ok(
      unavailable.every((u) => !/pg_|terminating connection|ECONN|at .*\.ts/.test(u.body)),
      'no raw database errors in answers',
    );

    // Recovery: within a few seconds (the back-off), everything answers normally, same session.
    const until = Date.now() + 20_000;
    let healthy = false;
    while (!healthy && Date.now() < until) {
      healthy = (await fetch(`${base}/health`)).status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(healthy, '/health answers 200 again');
    assert.ok([200, 404].includes((await draft()).status), 'the session survived the outage');
    assert.equal((await fetch(`${base}/units/041002/2024`)).status, 200);
    console.log(`outage: ${statuses.length} requests, ${unavailable.length} answered 503, ${kills} backends terminated, recovered`);
  } catch (e) {
    throw new Error(`${(e as Error).message}; portal exit ${child.proc.exitCode}, stderr: ${child.stderr().slice(-3000)}`, { cause: e });
  } finally {
    await new Promise<void>((resolve) => {
      if (child.proc.exitCode !== null) return resolve();
      child.proc.once('exit', () => resolve());
      child.proc.kill('SIGKILL');
    });
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
});

test('the database unreachable for a while (a cut network): 503 at once, back-off, then recovery', { skip: !testDialects().includes('postgres'), timeout: 180_000 }, async () => {
  const url = new URL(await testPgUrl());
  const schema = `gk_test_${randomBytes(6).toString('hex')}`;
  // A TCP relay between the portal and PostgreSQL that the test can cut: the shared server itself
  // is never touched.
  let up = true;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    if (!up) return client.destroy();
    const server = connect(Number(url.port || 5432), url.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  const relayed = new URL(url);
  relayed.host = `127.0.0.1:${(relay.address() as { port: number }).port}`;
  const child = await startChild({ databaseUrl: relayed.toString(), pgSchema: schema });
  try {
    const base = child.base;
    const signIn = await signInOverHttp(base, 'dept041', CHILD_PASSWORDS.dept041);
    assert.equal(signIn.status, 200);
    const cookie = signIn.cookie;
    const oversight = () => fetch(`${base}/api/oversight?year=2024`, { headers: { cookie } });
    assert.equal((await oversight()).status, 200);

    up = false;
    for (const s of sockets) s.destroy();
    const during: { status: number; ms: number; retryAfter: string | null; body: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const r = await oversight();
      during.push({ status: r.status, ms: performance.now() - t0, retryAfter: r.headers.get('retry-after'), body: await r.text() });
    }
    assert.equal(child.proc.exitCode, null, 'the portal lives');
    assert.deepEqual([...new Set(during.map((d) => d.status))], [503], 'every request during the cut: 503');
    assert.ok(during.every((d) => /数据库暂时不可用/.test(d.body) && /^\d+$/.test(d.retryAfter ?? '')));
    const slow = during.filter((d) => d.ms > 6000);
    assert.deepEqual(slow, [], 'no request hangs (connect attempts are bounded and backed off)');
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 503);
    assert.deepEqual(await health.json(), { status: 'error', database: 'postgres', error: '数据库暂时不可用' });

    up = true;
    const until = Date.now() + 30_000;
    let status = 0;
    while (status !== 200 && Date.now() < until) {
      status = (await oversight()).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(status, 200, 'back once the network is');
    console.log(`cut: ${during.length} requests answered 503 in ${Math.round(Math.max(...during.map((d) => d.ms)))} ms at most; recovered`);
  } finally {
    await new Promise<void>((resolve) => {
      if (child.proc.exitCode !== null) return resolve();
      child.proc.once('exit', () => resolve());
      child.proc.kill('SIGKILL');
    });
    for (const s of sockets) s.destroy();
    relay.close();
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
});
