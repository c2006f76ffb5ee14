import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { Disclosure } from '../core/disclosure.ts';
import { Store } from '../store/store.ts';
import { openTestDatabase, testDialects, type TestDatabase } from '../store/test-databases.ts';
import { createApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { OTHER_PROCESS_BOUND_MS } from './page-stamps.ts';
import { startPortal, type RunningPortal } from './start.ts';
import { signInOverHttp, TestClient } from './test-client.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const yingkou = JSON.parse(readFileSync(new URL('../../fixtures/yingkou-2024/budget.json', import.meta.url), 'utf8'));
const PAGE = '/units/041002/2024';

describe('public page cache (app.request, Yingkou 2024)', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: PW });
    app = createApp(store, { log: () => {} });
  });
  after(() => store.close());

  it('anonymous visitors get one shared copy: no cookie, public + no-cache, ETag, 304 on If-None-Match', async () => {
    const a = new TestClient(app);
    const first = await a.request(PAGE);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-cache'), 'miss');
    assert.equal(first.headers.get('cache-control'), 'public, no-cache');
    assert.match(first.headers.get('vary') ?? '', /Cookie/);
    assert.deepEqual(first.headers.getSetCookie(), [], 'a shared copy carries no CSRF cookie');
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/);
    const text = await first.text();
    assert.match(text, /营口市营商环境建设中心/);
    assert.doesNotMatch(text, /name="_csrf"/);

    const second = await new TestClient(app).request(PAGE);
    assert.equal(second.headers.get('x-cache'), 'hit');
    assert.equal(second.headers.get('etag'), etag);
    assert.equal(await second.text(), text);

    const revalidated = await a.request(PAGE, { headers: { 'if-none-match': etag } });
    assert.equal(revalidated.status, 304);
    assert.equal(await revalidated.text(), '');
    const changedTag = await a.request(PAGE, { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(changedTag.status, 200);
  });

  it('compressed copies decode to the same page and have their own ETag', async () => {
    const plain = await (await app.request(PAGE)).text();
    const br = await app.request(PAGE, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.match(br.headers.get('etag')!, /-br"$/);
    assert.equal(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString(), plain);
    const gz = await app.request(PAGE, { headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    assert.equal(gz.headers.get('content-encoding'), 'gzip');
    assert.equal(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString(), plain);
    assert.equal((await app.request(PAGE, { headers: { 'if-none-match': gz.headers.get('etag')! } })).status, 304);
  });

  it("a signed-in user's page is never stored nor served to the public, whichever comes first", async () => {
    const officer = new TestClient(app);
    assert.equal((await officer.login('officer041002', PW.officer041002)).status, 200);
    // The officer is first on a cold page (an old version's URL) and on the warm one.
    for (const path of [`${PAGE}?v=1`, PAGE, '/']) {
      const mine = await officer.request(path);
      assert.equal(mine.status, 200, path);
      assert.equal(mine.headers.get('cache-control'), 'private, no-store', path);
      assert.equal(mine.headers.get('x-cache'), null, path);
      const text = await mine.text();
      assert.match(text, /officer041002/, `${path}: the officer's page names them`);
      assert.ok(text.includes(officer.csrf), `${path}: and carries their CSRF token`);

      for (let i = 0; i < 2; i++) {
        const pub = await new TestClient(app).request(path);
        const body = await pub.text();
        assert.equal(pub.status, 200, path);
        assert.equal(pub.headers.get('cache-control'), 'public, no-cache', path);
        assert.doesNotMatch(body, /officer041002|退出|编制与发布/, `${path}: public copy names no user`);
        assert.ok(!body.includes(officer.csrf), `${path}: public copy has no user's token`);
      }
    }
    // A valid public ETag sent by a signed-in browser still gets the signed-in page.
    const etag = (await app.request(PAGE)).headers.get('etag')!;
    const again = await officer.request(PAGE, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 200);
    assert.match(await again.text(), /officer041002/);
  });

  it('a published correction is served right after publishing; the old version page says it is not the latest', async () => {
    const anon = new TestClient(app);
    const before = await (await anon.request(PAGE)).text();
    assert.match(before, /第 1 版/);
    const oldVersion = await (await anon.request(`${PAGE}?v=1`)).text();
    assert.doesNotMatch(oldVersion, /这不是最新版本/);
    assert.equal((await anon.request(PAGE)).headers.get('x-cache'), 'hit');

    const o = new TestClient(app);
    await o.login('officer041002', PW.officer041002);
    const changed = structuredClone(yingkou);
    changed.reasons.total = '缓存测试：人员调整，经费相应减少';
    assert.equal((await o.json('PUT', '/api/drafts/041002/2024', { budget: changed, baseVersion: 0 })).status, 200);
    const pub = await o.json('POST', '/api/drafts/041002/2024/publish', { baseVersion: 1, acknowledgeWarnings: true, reason: '缓存更正' });
    assert.equal(pub.status, 201);
    const v2 = (await pub.json()) as { version: number; contentHash: string };
    assert.equal(v2.version, 2);

    const after = await anon.request(PAGE);
    assert.equal(after.headers.get('x-cache'), 'miss', 'the publish made the cached page stale');
    const text = await after.text();
    assert.match(text, /第 2 版，发布于/);
    assert.ok(text.includes(v2.contentHash));
    assert.match(text, /缓存测试：人员调整/);
    assert.match(await (await anon.request(`${PAGE}?v=1`)).text(), /这不是最新版本/);
    const list = await (await anon.request('/')).text();
    assert.match(list, /2024年<\/a>（v2）/, 'the unit list shows the new version too');
  });

  it('a version published by another process (straight into the database) is served at once', async () => {
    const anon = new TestClient(app);
    await anon.request(PAGE);
    assert.equal((await anon.request(PAGE)).headers.get('x-cache'), 'hit');
    const latest = (await store.getVersion('041002', 2024))!;
    const d = structuredClone(latest.disclosure) as Disclosure;
    d.narrative[0]!.text += '另一进程发布的更正段落。';
    const v = await store.publish({ unitCode: '041002', year: 2024, disclosure: d, budget: latest.budget, findings: latest.findings, reason: '外部更正', actor: 'cli' });
    const text = await (await anon.request(PAGE)).text();
    assert.ok(text.includes(v.contentHash), 'new content hash');
    assert.match(text, /另一进程发布的更正段落/);
  });

  it('downloads of a version are cached per version; a missing version is a 404 that is not kept', async () => {
    const a = new TestClient(app);
    const j1 = await a.request(`${PAGE}/v/1/disclosure.json`);
    assert.equal(j1.status, 200);
    assert.equal(j1.headers.get('cache-control'), 'public, max-age=86400');
    const body1 = await j1.text();
    const j1again = await a.request(`${PAGE}/v/1/disclosure.json`);
    assert.equal(j1again.headers.get('x-cache'), 'hit');
    assert.equal(await j1again.text(), body1);
    assert.match(j1again.headers.get('content-disposition') ?? '', /filename\*=UTF-8''2024/);
    const v1 = (await store.getVersion('041002', 2024, 1))!;
    assert.equal(j1again.headers.get('x-content-hash'), v1.contentHash);
    const xlsx = await a.request(`${PAGE}/v/2/disclosure.xlsx`);
    assert.equal(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
      'PK',
    );
    assert.equal(xlsx.headers.get('content-encoding'), null);
    for (let i = 0; i < 2; i++) {
      const missing = await a.request(`${PAGE}/v/99/disclosure.json`);
      assert.equal(missing.status, 404);
      assert.equal(missing.headers.get('x-cache'), null);
      assert.equal(missing.headers.get('cache-control'), 'no-store');
    }
  });

  it('pages with forms are not cacheable: they keep no-store and the visitor cookie', async () => {
    const a = new TestClient(app);
    const login = await a.request('/login');
    assert.equal(login.headers.get('cache-control'), 'no-store');
    assert.ok(login.headers.getSetCookie().some((c) => c.startsWith('gk_csrf=')));
    assert.equal((await a.request('/check')).headers.get('cache-control'), 'no-store');
  });

  it('with the cache turned off, pages are built per request and not marked public', async () => {
    const off = createApp(store, { log: () => {}, cacheBytes: 0 });
    const r = await off.request(PAGE);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('x-cache'), null);
    assert.equal(r.headers.get('cache-control'), 'private, no-store');
  });
});

for (const dialect of testDialects()) {
  describe(`public page cache with another process writing to the same ${dialect} database`, () => {
    let dir: string;
    let t: TestDatabase;
    let other: Store;
    let app: ReturnType<typeof createApp>;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'gongkai-cache-'));
      t = await openTestDatabase(dialect, dir);
      await bootstrap(t.store, { passwords: PW });
      app = createApp(t.store, { log: () => {} });
      other = await Store.open(t.options);
    });
    after(async () => {
      await other?.close();
      await t?.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    const publishElsewhere = async (text: string) => {
      const latest = (await other.getVersion('041002', 2024))!;
      const d = structuredClone(latest.disclosure) as Disclosure;
      d.narrative[0]!.text += text;
      return other.publish({ unitCode: '041002', year: 2024, disclosure: d, budget: latest.budget, findings: latest.findings, reason: '外部更正', actor: 'cli' });
    };

    /** The page once it shows `seen`: asked once on SQLite; on PostgreSQL asked again until the bound (and a margin) has passed. */
    const pageShowing = async (seen: RegExp) => {
      const started = performance.now();
      for (;;) {
        const text = await (await app.request(PAGE)).text();
        if (seen.test(text) || dialect === 'sqlite' || performance.now() - started > OTHER_PROCESS_BOUND_MS + 500) return { text, ms: Math.round(performance.now() - started) };
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    it(dialect === 'sqlite' ? 'a publish is served at once (SQLite counts every connection’s commits)' : `a publish is served within ${OTHER_PROCESS_BOUND_MS} ms (PostgreSQL)`, async () => {
      await app.request(PAGE);
      assert.equal((await app.request(PAGE)).headers.get('x-cache'), 'hit');
      const v = await publishElsewhere('另一进程发布的更正段落。');
      const { text, ms } = await pageShowing(/另一进程发布的更正段落/);
      assert.ok(text.includes(v.contentHash), `new content hash (after ${ms} ms)`);
      assert.match(text, /另一进程发布的更正段落/);
    });

    it('a unit renamed by another process is shown on its page', async () => {
      const unit = (await other.getUnit('041002'))!;
      await other.upsertUnit({ ...unit, name: `${unit.name}（更名）` });
      const { text, ms } = await pageShowing(/（更名）/);
      assert.match(text, /（更名）/, `after ${ms} ms`);
    });
  });
}

// Served by @hono/node-server, request headers are read from Node's request (requestHeader), not
// through hono as under app.request(): the same answers over a socket.
describe('public page cache over a socket', () => {
  let dir: string;
  let portal: RunningPortal;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-socket-'));
    portal = await startPortal({ port: 0, host: '127.0.0.1', dataDir: dir, log: () => {}, demoPasswords: PW });
  });
  after(async () => {
    await portal?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('encodings, 304, no cookie for the public; a signed-in visitor gets their own page', async () => {
    const url = `${portal.url}${PAGE}`;
    await fetch(url);
    const br = await fetch(url, { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('x-cache'), 'hit');
    assert.deepEqual(br.headers.getSetCookie(), []);
    const plain = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await br.text(), await plain.text());
    assert.equal((await fetch(url, { headers: { 'if-none-match': br.headers.get('etag')! } })).status, 304);

    const signIn = await signInOverHttp(portal.url, 'officer041002', PW.officer041002!);
    assert.equal(signIn.status, 200);
    const session = signIn.cookie.split('; ').find((c) => c.startsWith('gk_session='))!;
    const mine = await fetch(url, { headers: { cookie: `gk_csrf=${'a'.repeat(32)}; ${session}`, 'accept-encoding': 'gzip, br' } });
    assert.equal(mine.headers.get('cache-control'), 'private, no-store');
    assert.match(await mine.text(), /officer041002/);
  });
});
