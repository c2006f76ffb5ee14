import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, get as httpGet, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { getRequestListener } from '@hono/node-server';
import type { Disclosure } from '../core/disclosure.ts';
import { Store } from '../store/store.ts';
import { createPortalApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { DirectHits } from './direct-hits.ts';
import type { PageStamp } from './page-stamps.ts';
import { ResponseCache } from './response-cache.ts';

const PW = { admin: 'admin-pass-1', dept041: 'dept-pass-1', officer041002: 'officer-pass-1', officer041099: 'other-pass-1' };
const PAGE = '/units/041002/2024';
const SHARED = ['content-type', 'etag', 'cache-control', 'vary', 'x-cache', 'content-encoding', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];

describe('cached public pages answered before hono (over a socket)', () => {
  let dir: string;
  let store: Store;
  let other: Store;
  let app: ReturnType<typeof createPortalApp>['app'];
  let direct: DirectHits;
  let server: Server;
  let base = '';
  const logs: Record<string, unknown>[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-direct-'));
    store = await Store.open({ dataDir: dir });
    await bootstrap(store, { passwords: PW });
    other = await Store.open({ dataDir: dir });
    const portal = createPortalApp(store, { log: (e) => logs.push(e) });
    app = portal.app;
    direct = portal.direct!;
    const hono = getRequestListener(app.fetch);
    server = createServer((req, res) => direct.handle(req, res, () => hono(req, res)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await other.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const shared = (h: Headers) => Object.fromEntries(SHARED.map((k) => [k, h.get(k)]));

  it('a URL hono answered from the cache is answered again directly, with the same headers and bytes', async () => {
    const first = await get(PAGE, { 'accept-encoding': 'br' });
    assert.equal(first.headers.get('x-cache'), 'miss');
    const page = await (await app.request(PAGE)).text();
    const before = direct.answered;
    for (const enc of ['br', 'gzip', 'identity']) {
      const viaHono = await app.request(PAGE, { headers: { 'accept-encoding': enc } });
      const viaDirect = await get(PAGE, { 'accept-encoding': enc });
      assert.deepEqual(shared(viaDirect.headers), shared(viaHono.headers), enc);
      assert.equal(viaDirect.headers.get('x-cache'), 'hit');
      assert.deepEqual(viaDirect.headers.getSetCookie(), []);
      assert.equal(await viaDirect.text(), page, `${enc}: fetch decodes it to the page`);
    }
    assert.equal(direct.answered - before, 3);
    const etag = (await get(PAGE, { 'accept-encoding': 'gzip' })).headers.get('etag')!;
    const notModified = await get(PAGE, { 'if-none-match': etag });
    assert.equal(notModified.status, 304);
    assert.equal(direct.answered - before, 5);
    const line = logs.at(-1)!;
    assert.deepEqual([line.event, line.method, line.path, line.status, line.user], ['request', 'GET', PAGE, 304, null]);
    assert.equal(typeof line.reqId, 'string');
    const encoded = '/units/%30%34%31%30%30%32/2024?v=1';
    await get(encoded);
    await get(encoded);
    assert.equal(direct.answered - before, 6);
    assert.equal(logs.at(-1)!.path, '/units/041002/2024', 'logged as hono logs it');
  });

  it('the raw bytes are the cached encodings', async () => {
    await get(PAGE);
    // Node's client does not decode, unlike fetch.
    const raw = (path: string, enc: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((res, rej) => {
        httpGet(`${base}${path}`, { headers: { 'accept-encoding': enc } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (d: Buffer) => chunks.push(d));
          r.on('end', () => res({ headers: r.headers, body: Buffer.concat(chunks) }));
        }).on('error', rej);
      });
    const plain = (await raw(PAGE, 'identity')).body.toString();
    const br = await raw(PAGE, 'gzip, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.equal(brotliDecompressSync(br.body).toString(), plain);
    assert.equal(gunzipSync((await raw(PAGE, 'gzip')).body).toString(), plain);
  });

  it('a signed-in visitor, a HEAD, an unknown URL and a missing page go to hono', async () => {
    await get(PAGE);
    const before = direct.answered;
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'officer041002', password: PW.officer041002 }) });
    const session = signIn.headers.getSetCookie().find((c) => c.startsWith('gk_session='))!.split(';')[0]!;
    const mine = await get(PAGE, { cookie: `theme=dark; ${session}` });
    assert.equal(mine.headers.get('cache-control'), 'private, no-store');
    assert.match(await mine.text(), /officer041002/);
    assert.equal((await fetch(`${base}${PAGE}`, { method: 'HEAD' })).status, 200);
    assert.equal((await get(`${PAGE}?utm=1`)).headers.get('x-cache'), 'hit', 'a new URL: hono answers from the cache and remembers it');
    for (let i = 0; i < 2; i++) assert.equal((await get('/units/999999/2024')).status, 404);
    assert.equal(direct.answered, before);
    await get(`${PAGE}?utm=1`);
    assert.equal(direct.answered, before + 1);
  });

  it('a publish here or by another process is served at once', async () => {
    await get(PAGE);
    for (const [who, s] of [['here', store], ['another process', other]] as const) {
      const latest = (await s.getVersion('041002', 2024))!;
      const d = structuredClone(latest.disclosure) as Disclosure;
      d.narrative[0]!.text += `由${who}发布的更正。`;
      const v = await s.publish({ unitCode: '041002', year: 2024, disclosure: d, budget: latest.budget, findings: latest.findings, reason: '更正', actor: 'cli' });
      const before = direct.answered;
      const after = await get(PAGE);
      assert.equal(after.headers.get('x-cache'), 'miss', `${who}: rebuilt by hono`);
      const text = await after.text();
      assert.ok(text.includes(v.contentHash), who);
      assert.match(text, new RegExp(`由${who}发布的更正`));
      assert.equal(direct.answered, before);
      assert.equal((await get(PAGE)).headers.get('x-cache'), 'hit');
      assert.equal(direct.answered, before + 1, `${who}: answered directly again`);
    }
  });
});

describe('DirectHits when the stamp cannot be read', () => {
  it('leaves the request to hono, whether the failure is at hand or awaited', async () => {
    const direct = new DirectHits(new ResponseCache(1 << 20), () => {});
    const closed = () => new Error('database closed');
    const awaited = Object.assign(async () => Promise.reject(closed()), { known: () => undefined }) as unknown as PageStamp;
    const atHand = Object.assign(async () => Promise.reject(closed()), {
      known: () => {
        throw closed();
      },
    }) as unknown as PageStamp;
    let toHono = 0;
    for (const [url, stamp] of [['/a', awaited], ['/b', atHand]] as const) {
      direct.remember(url, { key: url, stamp, cacheControl: 'public, no-cache' });
      direct.handle({ method: 'GET', url, headers: {} } as IncomingMessage, { headersSent: false } as ServerResponse, () => toHono++);
    }
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(toHono, 2);
    assert.equal(direct.answered, 0);
  });
});
