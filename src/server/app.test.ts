import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Store } from '../store/store.ts';
import { contentHash } from '../store/canonical-json.ts';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { TestClient } from './test-client.ts';
import { unzipGuarded } from '../read/unzip.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
const corpusTxt = readFileSync(new URL('../../fixtures/corpus/yingkou-business-env-center-2024-budget.txt', import.meta.url));

describe('portal API and pages (app.request)', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const logs: Record<string, unknown>[] = [];
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    const seed = await bootstrap(store, { passwords: PW });
    assert.equal(seed.seeded, true);
    app = createApp(store, { log: (e) => logs.push(e), maxUploadBytes: 2 * 1024 * 1024, trustProxy: true });
  });
  after(() => store.close());

  it('health, OpenAPI and one JSON log line per request', async () => {
    const c = new TestClient(app);
    const h = await c.request('/health');
    assert.deepEqual(await h.json(), { status: 'ok', database: 'sqlite' });
    const o = (await (await c.request('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(o.openapi, '3.1.0');
    for (const p of ['/api/units/{code}/{year}', '/api/drafts/{code}/{year}', '/api/drafts/{code}/{year}/publish', '/api/check']) assert.ok(o.paths[p], p);
    const line = logs.find((l) => l.event === 'request' && l.path === '/health');
    assert.equal(line?.status, 200);
    assert.equal(typeof line?.ms, 'number');
  });

  it('first start publishes Yingkou 2024 as version 1 with its 17 tables, charts and a verifiable hash', async () => {
    const c = new TestClient(app);
    const home = await c.page('/');
    assert.match(home.text, /营口市营商环境建设中心/);
    assert.match(home.text, /营口市 · /);
    const p = await c.page('/units/041002/2024');
    assert.equal(p.status, 200);
    const nos = new Set([...p.text.matchAll(/<table data-no="(\d+)"/g)].map((m) => Number(m[1])));
    assert.deepEqual(
      [...nos].sort((a, b) => a - b),
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
    assert.ok((p.text.match(/<figure class="chart"/g) ?? []).length >= 2, 'charts');
    const v = (await (await c.request('/api/units/041002/2024')).json()) as { version: number; contentHash: string; disclosure: unknown };
    assert.equal(v.version, 1);
    assert.equal(contentHash(v.disclosure), v.contentHash);
    assert.ok(p.text.includes(v.contentHash), 'hash shown on the page');
  });

  it('downloads: HTML, XLSX, JSON and the data package zip', async () => {
    const c = new TestClient(app);
    const html = await c.request('/units/041002/2024/v/1/disclosure.html');
    assert.equal(html.status, 200);
    assert.match(await html.text(), /收支预算总表/);
    const xlsx = Buffer.from(await (await c.request('/units/041002/2024/v/1/disclosure.xlsx')).arrayBuffer());
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    const zip = await c.request('/units/041002/2024/v/1/package.zip');
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    const buf = Buffer.from(await zip.arrayBuffer());
    for (const name of ['manifest.json', 'disclosure.json', 'datapackage.json', 'budget.json', 'disclosure.xlsx']) assert.ok(buf.includes(Buffer.from(name)), name);
  });

  it('an anonymous visitor gets a CSRF cookie from the first page with a form, and keeps it', async () => {
    const c = new TestClient(app);
    for (const path of ['/units/041002', '/no-such-page', '/units/041002/2024']) {
      const r = await c.request(path);
      assert.deepEqual(r.headers.getSetCookie(), [], `${path} has no form: no cookie`);
    }
    await c.page('/login');
    const token = c.cookies.get('gk_csrf');
    assert.match(token ?? '', /^[A-Za-z0-9_-]{32}$/);
    assert.equal(c.csrf, token, "the form carries the cookie's token");
    await c.page('/check');
    assert.deepEqual(c.lastSetCookies, [], 'a visitor with a token is not given another');
    assert.equal(c.csrf, token);
    const forged = new TestClient(app);
    forged.cookies.set('gk_csrf', 'short');
    await forged.page('/login');
    assert.notEqual(forged.cookies.get('gk_csrf'), 'short', 'a malformed token cookie is replaced');
    assert.equal(forged.csrf, forged.cookies.get('gk_csrf'));
  });

  it('sign-in: CSRF required, throttled after 5 failures, session rotated, cookie flags', async () => {
    const c = new TestClient(app);
    await c.page('/login');
    assert.ok(c.csrf.length > 20);
    const noToken = await c.form('/login', { username: 'officer041002', password: PW.officer041002 }, { csrf: null });
    assert.equal(noToken.status, 403);
    const bad = await c.form('/login', { username: 'officer041002', password: 'wrong' });
    assert.equal(bad.status, 401);
    const ok = await c.form('/login', { username: 'officer041002', password: PW.officer041002, next: '/prepare' });
    assert.equal(ok.status, 303);
    const sc = c.lastSetCookies.find((s) => s.startsWith('gk_session='))!;
    assert.match(sc, /HttpOnly/);
    assert.match(sc, /SameSite=Lax/);
    assert.doesNotMatch(sc, /Secure/);
    const first = c.cookies.get('gk_session');
    await c.page('/prepare');
    await c.form('/login', { username: 'officer041002', password: PW.officer041002 });
    const second = c.cookies.get('gk_session');
    assert.notEqual(first, second, 'session id rotated at login');
    const stale = new TestClient(app);
    stale.cookies.set('gk_session', first!);
    assert.equal((await stale.page('/prepare')).status, 303, 'the old session is gone');

    const https = new TestClient(app, { 'x-forwarded-proto': 'https' });
    await https.login('dept041', PW.dept041);
    assert.match(https.lastSetCookies.find((s) => s.startsWith('gk_session='))!, /Secure/);

    // Progressive delays per account and address: the guesser waits, the owner elsewhere does not.
    const t = new TestClient(app, { 'x-forwarded-for': '10.9.9.9' });
    for (let i = 0; i < 4; i++) assert.equal((await t.login('admin', 'nope')).status, 401);
    const held = await t.login('admin', PW.admin);
    assert.equal(held.status, 429, 'that address waits, even with the right password');
    assert.equal((await new TestClient(app, { 'x-forwarded-for': '10.9.9.10' }).login('admin', PW.admin)).status, 200, 'the owner is not locked out');
    assert.equal((await t.login('officer041099', PW.officer041099)).status, 200, 'nor are other accounts from that address');
  });

  it('an officer of another unit gets 403 on every write to Yingkou; refusals are logged and audited; nothing changes', async () => {
    const other = new TestClient(app);
    assert.equal((await other.login('officer041099', PW.officer041099)).status, 200);
    const before = await store.getDraft('041002', 2024);
    const put = await other.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 });
    assert.equal(put.status, 403);
    const pub = await other.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 0, acknowledgeWarnings: true, reason: 'x' });
    assert.equal(pub.status, 403);
    await other.page('/prepare');
    const up = await other.form('/prepare/041002/2024/upload', { baseVersion: '0', file: new Blob([JSON.stringify(yingkou)]) }, { filename: 'b.json' });
    assert.equal(up.status, 403);
    const texts = await other.form('/prepare/041002/2024/texts', { baseVersion: '0', 't:reasons.total': 'hacked' });
    assert.equal(texts.status, 403);
    assert.deepEqual(await store.getDraft('041002', 2024), before);
    assert.equal((await store.listVersions('041002', 2024)).length, 1);
    const refused = await store.listAudit({ outcome: 'refused' });
    assert.ok(refused.filter((e) => e.actor === 'officer041099').length >= 4);
    assert.ok(logs.some((l) => l.event === 'refused' && l.user === 'officer041099' && l.status === 403));
    const anon = new TestClient(app);
    assert.equal((await anon.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 }, { csrf: false })).status, 403, 'no CSRF token');
    await anon.page('/login');
    assert.equal((await anon.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 })).status, 401);
  });

  it('drafts: optimistic locking via the API (409 shows both); publishing needs acknowledgement and a correction reason', async () => {
    const o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    const changed = structuredClone(yingkou);
    changed.reasons.total = '人员调整，经费相应减少';
    const r1 = await o.json('PUT', '/api/drafts/041002/2024', { budget: changed, baseVersion: 0 });
    assert.equal(r1.status, 200);
    assert.equal(((await r1.json()) as { version: number }).version, 1);
    const r2 = await o.json('PUT', '/api/drafts/041002/2024', { budget: yingkou, baseVersion: 0 });
    assert.equal(r2.status, 409);
    const conflict = (await r2.json()) as { current: { version: number; budget: typeof yingkou }; yours: unknown };
    assert.equal(conflict.current.version, 1);
    assert.equal(conflict.current.budget.reasons.total, '人员调整，经费相应减少');
    assert.ok(conflict.yours);

    const noAck = await o.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 1, acknowledgeWarnings: false, reason: '更正原因' });
    assert.equal(noAck.status, 422);
    assert.match(((await noAck.json()) as { error: string }).error, /警告/);
    const noReason = await o.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 1, acknowledgeWarnings: true, reason: '' });
    assert.equal(noReason.status, 400);
    assert.match(((await noReason.json()) as { error: string }).error, /更正原因/);
    const stale = await o.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 0, acknowledgeWarnings: true, reason: '更正' });
    assert.equal(stale.status, 409);
    const ok = await o.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 1, acknowledgeWarnings: true, reason: '补充支出增减原因' });
    assert.equal(ok.status, 201);
    const v = (await ok.json()) as { version: number; contentHash: string };
    assert.equal(v.version, 2);
    const page = await o.page('/units/041002/2024');
    assert.match(page.text, /补充支出增减原因/);
    assert.match(page.text, /第 2 版相对第 1 版的变化/);
    assert.match(page.text, /人员调整，经费相应减少/);
    const v1 = await store.getVersion('041002', 2024, 1);
    assert.equal(contentHash(v1!.disclosure), v1!.contentHash, 'version 1 untouched');
  });

  it('upload limits: 415 for unsupported types, 413 too large, 400 bad JSON, workbook cell errors listed', async () => {
    const o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    await o.page('/prepare/041002/2024');
    const exe = await o.form('/check', { file: new Blob(['MZ']) }, { filename: 'x.exe' });
    assert.equal(exe.status, 415);
    assert.match(await exe.text(), /不支持的文件类型/);
    const big = await o.form('/check', { file: new Blob([Buffer.alloc(3 * 1024 * 1024, 65)]) }, { filename: 'big.txt' });
    assert.equal(big.status, 413);
    const badJson = await o.form('/prepare/041002/2024/upload', { baseVersion: '2', file: new Blob(['{"year": 20']) }, { filename: 'b.json' });
    assert.equal(badJson.status, 400);
    assert.match(await badJson.text(), /不是有效的 JSON/);
    const fakeXlsx = await o.form('/prepare/041002/2024/upload', { baseVersion: '2', file: new Blob(['hello']) }, { filename: 'b.xlsx' });
    assert.equal(fakeXlsx.status, 415);
    const apiText = await o.request('/api/drafts/041002/2024', { method: 'PUT', headers: { 'content-type': 'text/plain', 'x-csrf-token': o.csrf }, body: 'x' });
    assert.equal(apiText.status, 415);
  });

  it('the check page reads a corpus document and lists its findings; nothing is stored', async () => {
    const c = new TestClient(app);
    await c.page('/check');
    const before = (await store.listAudit()).length;
    const res = await c.form('/check', { file: new Blob([corpusTxt]) }, { filename: 'yingkou.txt' });
    const text = await res.text();
    assert.equal(res.status, 200, text.slice(0, 500));
    assert.match(text, /<ul class="findings">/);
    assert.match(text, /class="sev-error"/);
    assert.equal((await store.listAudit()).length, before);
    const api = await c.request('/api/check', {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('file', new Blob([corpusTxt]), 'y.txt');
        return f;
      })(),
    });
    const j = (await api.json()) as { findings: { severity: string }[] };
    assert.ok(j.findings.some((f) => f.severity === 'error'));
  });

  it('comparison of versions and the department roll-up show matched codes and sums', async () => {
    const c = new TestClient(app);
    const cmp = await c.page('/compare?a=041002:2024:1&b=041002:2024:2&changed=0');
    assert.equal(cmp.status, 200);
    assert.match(cmp.text, /data-key="2010350"/);
    const dept = await c.page('/departments/041?year=2024');
    assert.equal(dept.status, 200);
    assert.match(dept.text, /部门合计（本级 \+ 所属单位）<\/th><th class="num">1,861.38<\/th>/);
    assert.match(dept.text, /041099 演示单位/);
  });

  it('oversight: department sees status and the 20-day rule, exports a zip; officers are refused; audit for admins only', async () => {
    const d = new TestClient(app);
    await d.login('dept041', PW.dept041);
    const p = await d.page('/oversight?year=2024');
    assert.equal(p.status, 200);
    assert.match(p.text, /data-unit="041002" data-status="published"/);
    assert.match(p.text, /data-unit="041099" data-status="not-started"/);
    const zip = await d.request('/oversight/export.zip?year=2024');
    const outer = await unzipGuarded(Buffer.from(await zip.arrayBuffer()), 'export.zip');
    assert.deepEqual([...outer.keys()], ['041002.zip', 'index.csv'], 'one verifiable package per unit, then the index');
    const inner = await unzipGuarded(outer.get('041002.zip')!, '041002.zip');
    for (const name of ['manifest.json', 'disclosure.json', 'datapackage.json', 'budget.json']) assert.ok(inner.has(name), name);
    assert.match(outer.get('index.csv')!.toString('utf8'), /^\uFEFF单位编码,单位名称.*\r\n041002,/);
    assert.equal((await d.page('/admin/audit')).status, 403);
    const o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    assert.equal((await o.page('/oversight')).status, 403);
    const a = new TestClient(app);
    await a.login('admin', PW.admin);
    const audit = await a.page('/admin/audit');
    assert.equal(audit.status, 200);
    assert.match(audit.text, /publish/);
    assert.match(audit.text, /拒绝/);
  });

  it('user text is escaped in pages', async () => {
    const o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    const evil = structuredClone(yingkou);
    evil.reasons.total = '<script>alert(1)</script>';
    const cur = (await store.getDraft('041002', 2024))!.version;
    assert.equal((await o.json('PUT', '/api/drafts/041002/2024', { budget: evil, baseVersion: cur })).status, 200);
    const p = await o.page('/prepare/041002/2024');
    assert.ok(!p.text.includes('<script>alert(1)</script>'));
    assert.ok(p.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
