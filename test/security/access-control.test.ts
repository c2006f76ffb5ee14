/**
 * Access control of the portal: every write endpoint × every role that may not write unit 041002
 * (public, an officer of another unit, a department of another department) is refused, changes
 * nothing and leaves a refusal in the audit log; the roles that may write can. Then CSRF, session
 * rotation, cookie flags, login throttling, hostile text escaped, upload limits, and the published
 * package verifying with `gongkai verify`'s code. SQLite in memory (the store suite covers PostgreSQL).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BudgetInput } from '../../src/core/budget.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { verifyPackage } from '../../src/integrity/verify-package.ts';
import { unzipGuarded } from '../../src/read/unzip.ts';
import { createApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { TestClient } from '../../src/server/test-client.ts';
import { contentHash } from '../../src/store/canonical-json.ts';
import { Store } from '../../src/store/store.ts';
import { buildZip } from '../fuzz/zip-tools.ts';
import { CHILD_PASSWORDS } from './child-passwords.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const yingkou = JSON.parse(readFileSync(join(ROOT, 'fixtures/yingkou-2024/budget.json'), 'utf8')) as BudgetInput;
const PASSWORDS: Record<string, string> = { ...CHILD_PASSWORDS, dept042: 'dept-pass-042' };
let store: Store;
let app: ReturnType<typeof createApp>;

before(async () => {
  store = await Store.open({ sqliteFile: ':memory:' });
  await bootstrap(store, { passwords: CHILD_PASSWORDS });
  await store.upsertUnit({ code: '042', name: '另一个主管部门', regionCode: '210800', kind: '行政', scope: 'department', departmentCode: null, approvalDate: null });
  await store.createUser({ username: 'dept042', passwordHash: await hashPassword(PASSWORDS.dept042!), role: 'department', unitCode: '042' });
  app = createApp(store, { log: () => {}, maxUploadBytes: 2 * 1024 * 1024 });
  const admin = await client('admin');
  const r = await admin.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 });
  assert.equal(r.status, 200);
});
after(() => store.close());

async function client(user: string | null): Promise<TestClient> {
  const c = new TestClient(app);
  await c.page('/login'); // the anonymous CSRF token, so refusals are about rights, not CSRF
  if (user) assert.equal((await c.login(user, PASSWORDS[user]!)).status, 200, `login ${user}`);
  return c;
}

async function snapshot() {
  const d = await store.getDraft('041002', 2024);
  return JSON.stringify({ draft: d && { v: d.version, h: contentHash(d.budget), e: d.edits }, versions: await store.listVersions('041002', 2024) });
}

type Attempt = (c: TestClient) => Promise<Response>;
const budgetFile = (b: unknown) => new Blob([JSON.stringify(b)], { type: 'application/json' });
const WRITES: Record<string, Attempt> = {
  'PUT /api/drafts': (c) => c.json('PUT', '/api/drafts/041002/2024', { budget: { ...yingkou, unit: { ...yingkou.unit, organisation: '未授权修改' } }, baseVersion: 1 }),
  'POST /api/drafts/publish': (c) => c.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 1, acknowledgeWarnings: true, reason: '未授权发布' }),
  'GET /api/drafts (private)': (c) => c.request('/api/drafts/041002/2024', { headers: { accept: 'application/json' } }),
  'POST /prepare/upload': (c) => c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: budgetFile(yingkou) }, { filename: 'budget.json' }),
  'POST /prepare/from-published': (c) => c.form('/prepare/041002/2024/from-published', {}),
  'POST /prepare/texts': (c) => c.form('/prepare/041002/2024/texts', { baseVersion: '1', organisation: '未授权修改' }),
  'POST /prepare/publish': (c) => c.form('/prepare/041002/2024/publish', { baseVersion: '1', ack: '1', reason: '未授权发布' }),
};
const DENIED = [null, 'officer041099', 'dept042'];

/** Refusals recorded: audit rows, and anonymous ones counted. */
async function refusals(): Promise<{ rows: number; counted: number }> {
  const rows = (await store.listAudit({ outcome: 'refused', limit: 100_000 })).length;
  const counted = (await store.listAuditCounters()).filter((k) => k.outcome === 'refused').reduce((n, k) => n + k.count, 0);
  return { rows, counted };
}

test('every write endpoint × every role without rights on unit 041002: refused, nothing changed, refusal logged', async () => {
  let attempts = 0;
  let unauthorizedWrites = 0;
  for (const user of DENIED) {
    const c = await client(user);
    for (const [name, attempt] of Object.entries(WRITES)) {
      const before = await snapshot();
      const refusedBefore = await refusals();
      const res = await attempt(c);
      attempts++;
      const after = await snapshot();
      const refusedAfter = await refusals();
      const where = `${name} as ${user ?? 'public'}`;
      if (after !== before) unauthorizedWrites++;
      assert.equal(after, before, `${where}: nothing changes`);
      if (user) assert.equal(res.status, 403, `${where}: 403`);
      else assert.ok(res.status === 401 || (res.status === 303 && /\/login/.test(res.headers.get('location') ?? '')), `${where}: 401 or sign-in (${res.status})`);
      // A signed-in user's refusal is an audit row; an anonymous one is counted (not a row each).
      if (user) assert.deepEqual(refusedAfter, { ...refusedBefore, rows: refusedBefore.rows + 1 }, `${where}: refusal in the audit log`);
      else assert.deepEqual(refusedAfter, { ...refusedBefore, counted: refusedBefore.counted + 1 }, `${where}: refusal counted`);
    }
    // Spoofing: an officer writes their own unit's draft with another unit's budget.
    if (user === 'officer041099') {
      const spoof = await c.json('PUT', '/api/drafts/041099/2024', { budget: yingkou, baseVersion: 0 });
      assert.equal(spoof.status, 403);
      assert.equal(await store.getDraft('041099', 2024), undefined);
    }
    // Admin-only reads.
    const audit = await c.request('/api/audit', { headers: { accept: 'application/json' } });
    assert.ok(audit.status === 401 || audit.status === 403);
  }
  console.log(`access matrix: ${attempts} unauthorized attempts over ${Object.keys(WRITES).length} endpoints × ${DENIED.length} roles, ${unauthorizedWrites} unauthorized writes`);
  assert.equal(unauthorizedWrites, 0);
});

test('the roles that may write unit 041002 can (the matrix is not vacuous)', async () => {
  for (const user of ['officer041002', 'dept041', 'admin']) {
    const c = await client(user);
    const d = await store.getDraft('041002', 2024);
    const r = await c.json('PUT', '/api/drafts/041002/2024', { budget: { ...yingkou, unit: { ...yingkou.unit, organisation: `由 ${user} 修改` } }, baseVersion: d!.version });
    assert.equal(r.status, 200, `${user}: ${await r.clone().text()}`);
  }
});

test('CSRF: a state-changing request without the token fails, also for a signed-in officer', async () => {
  const c = await client('officer041002');
  const before = await snapshot();
  const token = c.csrf;
  c.csrf = '';
  const api = await c.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: (await store.getDraft('041002', 2024))!.version });
  assert.equal(api.status, 403);
  const form = await c.form('/prepare/041002/2024/texts', { baseVersion: '1', organisation: 'x' }, { csrf: null });
  assert.equal(form.status, 403);
  const wrong = await c.form('/prepare/041002/2024/texts', { baseVersion: '1', organisation: 'x' }, { csrf: token.slice(0, -2) + 'xx' });
  assert.equal(wrong.status, 403);
  assert.equal(await snapshot(), before);
  const logged = await store.listAudit({ outcome: 'refused', limit: 5 });
  assert.ok(logged.some((e) => /CSRF/.test(e.detail)));
});

test('session: the id rotates at sign-in, a planted id is ignored, sign-out ends it; cookie flags', async () => {
  const c = new TestClient(app);
  c.cookies.set('gk_session', 'attacker-chosen-session-id');
  await c.page('/login');
  await c.login('officer041002', PASSWORDS.officer041002!);
  const first = c.cookies.get('gk_session')!;
  assert.notEqual(first, 'attacker-chosen-session-id');
  const set = c.lastSetCookies.find((s) => s.startsWith('gk_session='))!;
  assert.match(set, /HttpOnly/i);
  assert.match(set, /SameSite=Lax|SameSite=Strict/i);
  assert.doesNotMatch(set, /Secure/i);
  await c.login('officer041002', PASSWORDS.officer041002!);
  const second = c.cookies.get('gk_session')!;
  assert.notEqual(second, first);
  assert.equal(await store.getSession(first), undefined, 'the old session is gone');
  await c.json('DELETE', '/api/session', {});
  assert.equal(await store.getSession(second), undefined);

  const secureApp = createApp(store, { log: () => {}, secureCookies: true });
  const s = new TestClient(secureApp);
  await s.page('/login');
  await s.login('officer041002', PASSWORDS.officer041002!);
  assert.match(s.lastSetCookies.find((x) => x.startsWith('gk_session='))!, /;\s*Secure/i);
});

test('login throttling: after 4 failures from an address even the right password waits there', async () => {
  // Its own app: the throttle counts per account and client address, which all test clients share.
  const c = new TestClient(createApp(store, { log: () => {} }));
  await c.page('/login');
  for (let i = 0; i < 4; i++) assert.equal((await c.login('dept041', 'wrong-password')).status, 401);
  const r = await c.login('dept041', PASSWORDS.dept041!);
  assert.equal(r.status, 429);
  assert.equal(c.cookies.get('gk_session'), undefined);
});

test('hostile text: escaped in HTML, no formulas in Excel, inert in the package', async () => {
  const c = await client('admin');
  const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  const formula = '=HYPERLINK("http://evil.example","点击")';
  const b = structuredClone(yingkou);
  b.unit = { ...b.unit, organisation: evil, dutiesIntro: formula };
  const d = await store.getDraft('041002', 2024);
  assert.equal((await c.json('PUT', '/api/drafts/041002/2024', { budget: b, baseVersion: d!.version })).status, 200);
  const v = (await store.getDraft('041002', 2024))!.version;
  const pub = await c.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: v, acknowledgeWarnings: true, reason: '安全测试' });
  assert.equal(pub.status, 201, await pub.clone().text());
  const { version, contentHash: hash } = (await pub.json()) as { version: number; contentHash: string };

  const page = await c.page(`/units/041002/2024?v=${version}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('<script>alert(1)'), 'script tag escaped');
  assert.ok(!/<img src=x onerror/i.test(page.text));
  assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;') || !page.text.includes('alert(1)'));
  assert.ok(page.text.includes(hash), 'the content hash is shown on the page');

  const html = await c.request(`/units/041002/2024/v/${version}/disclosure.html`);
  const htmlText = await html.text();
  assert.ok(!htmlText.includes('<script>alert(1)'));

  const xlsx = Buffer.from(await (await c.request(`/units/041002/2024/v/${version}/disclosure.xlsx`)).arrayBuffer());
  const parts = await unzipGuarded(xlsx);
  for (const [name, data] of parts) if (/^xl\/worksheets\/.*\.xml$/.test(name)) assert.doesNotMatch(data.toString('utf8'), /<f[ >]/, `${name}: no formula cells`);

  const pkg = Buffer.from(await (await c.request(`/units/041002/2024/v/${version}/package.zip`)).arrayBuffer());
  const files = await unzipGuarded(pkg);
  const report = verifyPackage(files, { expect: hash });
  assert.equal(report.intact, true, report.problems.join('\n'));
  files.set('disclosure.html', Buffer.from('<h1>伪造</h1>'));
  assert.equal(verifyPackage(files).intact, false);
});

test('upload limits at the server: 413 too large, 415 wrong kind, 400 zip bomb / DOCTYPE / deep JSON — nothing stored', async () => {
  const c = await client('officer041002');
  const before = await snapshot();
  const big = await c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob([Buffer.alloc(3 * 1024 * 1024, 0x20)]) }, { filename: 'budget.json' });
  assert.equal(big.status, 413);
  const exe = await c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob([Buffer.from('MZ\x90\x00')]) }, { filename: 'budget.exe' });
  assert.equal(exe.status, 415);
  const bomb = buildZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20), declaredSize: 100 }]);
  const b1 = await c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob([new Uint8Array(bomb)]) }, { filename: 'input.xlsx' });
  assert.equal(b1.status, 400);
  const doctype = buildZip([{ name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook>&e;</workbook>') }]);
  const b2 = await c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob([new Uint8Array(doctype)]) }, { filename: 'input.xlsx' });
  assert.equal(b2.status, 400);
  assert.match(await b2.text(), /DOCTYPE/);
  const deep = await c.form('/prepare/041002/2024/upload', { baseVersion: '1', file: new Blob(['['.repeat(100_000)]) }, { filename: 'budget.json' });
  assert.equal(deep.status, 400);
  const huge = await c.request('/api/check', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(3 * 1024 * 1024) });
  assert.equal(huge.status, 413);
  assert.equal(await snapshot(), before);
});
