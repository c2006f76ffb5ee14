import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ResponseCache, chooseEncoding, etagMatches } from './response-cache.ts';

const page = (s: string) => ({ body: s, headers: { 'content-type': 'text/html; charset=UTF-8' } });

describe('ResponseCache', () => {
  it('concurrent misses for one key and stamp share one build; a new stamp rebuilds', async () => {
    const cache = new ResponseCache(1 << 20);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return page(`v${builds}`);
    };
    const all = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', 's1', build)));
    assert.equal(builds, 1);
    assert.ok(all.every((r) => 'entry' in r && r.entry.body.toString() === 'v1'));
    const hit = await cache.get('k', 's1', build);
    assert.ok('entry' in hit && hit.hit);
    const rebuilt = await cache.get('k', 's2', build);
    assert.ok('entry' in rebuilt && !rebuilt.hit && rebuilt.entry.body.toString() === 'v2');
    assert.equal(cache.size, 1, 'the stale entry was replaced, not kept beside');
  });

  it('a Response answer is given only to the request that built it, never kept', async () => {
    const cache = new ResponseCache(1 << 20);
    let builds = 0;
    const build = async () => {
      builds++;
      await new Promise((r) => setTimeout(r, 5));
      return new Response('not found', { status: 404, headers: { 'set-cookie': 'gk_csrf=visitor-1' } });
    };
    const [a, b] = await Promise.all([cache.get('k', 's', build), cache.get('k', 's', build)]);
    assert.ok('passThrough' in a && a.response?.status === 404);
    assert.ok('passThrough' in b && b.response === undefined, 'the joiner does not get the builder’s cookie');
    assert.equal(cache.size, 0);
    await cache.get('k', 's', build);
    assert.equal(builds, 2);
  });

  it('is bounded by bytes, least recently used out', async () => {
    const cache = new ResponseCache(40_000);
    const body = 'x'.repeat(7_000); // kept as ~9.6 KB: four fit
    for (const k of ['a', 'b', 'c', 'd']) await cache.get(k, 's', async () => page(body));
    assert.equal(cache.size, 4);
    await cache.get('a', 's', async () => page(body)); // a is now the most recent
    await cache.get('e', 's', async () => page(body));
    assert.ok(cache.totalBytes <= 40_000);
    assert.deepEqual(
      ['a', 'b', 'c', 'd', 'e'].map((k) => cache.has(k)),
      [true, false, true, true, true],
      'b was the least recently used',
    );
    const huge = await cache.get('huge', 's', async () => page('y'.repeat(8_000)));
    assert.ok('entry' in huge);
    assert.equal(cache.has('huge'), false, 'a response over a quarter of the budget is not kept');
  });
});

describe('encoding and validators', () => {
  it('prefers brotli, honours q=0 and identity-only clients', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip, br;q=0'), 'gzip');
    assert.equal(chooseEncoding('identity'), undefined);
    assert.equal(chooseEncoding(undefined), undefined);
    assert.equal(chooseEncoding('*'), 'br');
  });

  it('If-None-Match matches the identity and encoded tags, weak or strong, in a list', async () => {
    const cache = new ResponseCache(1 << 20);
    const r = await cache.get('k', 's', async () => page('hello'));
    assert.ok('entry' in r);
    const bare = r.entry.etag.slice(1, -1);
    assert.ok(etagMatches(r.entry.etag, r.entry));
    assert.ok(etagMatches(`"other", W/"${bare}-br"`, r.entry));
    assert.ok(!etagMatches('"other"', r.entry));
    assert.ok(!etagMatches(undefined, r.entry));
  });
});
