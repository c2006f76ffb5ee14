/**
 * Serving public read pages through the response cache. Only anonymous visitors are served from
 * it: a signed-in user's pages name the user and carry their CSRF token, so they are built for
 * that request alone and marked `private, no-store`. Cached answers carry no cookie, an ETag
 * (If-None-Match gives 304) and `Vary: Cookie, Accept-Encoding` so a shared cache never hands
 * an anonymous copy to a signed-in user or the other way round.
 */
import { requestHeader, type Ctx, type Deps } from './context.ts';
import type { PageStamp } from './page-stamps.ts';
import { answerFromCache, type Built, type CachedResponse } from './response-cache.ts';

export interface PublicRead {
  /** Which page (and which variant of it). */
  key: string;
  /** What the page is built from, read on every request; undefined: nothing to cache (not found). */
  stamp: PageStamp;
  /** Builds the page for an anonymous visitor, or answers a Response that is not to be cached. */
  build: () => Promise<Built | Response>;
  /** Cache-Control of the cached answer. */
  cacheControl: string;
}

export async function servePublic(c: Ctx, deps: Deps, r: PublicRead): Promise<Response> {
  const cache = deps.cache;
  if (c.get('user') || !cache) return fresh(c, await r.build(), 'private, no-store');
  const stamp = await r.stamp();
  if (stamp === undefined) return fresh(c, await r.build(), 'no-store');
  const got = await cache.get(r.key, stamp, () => buildAnonymous(c, r.build));
  // Not cacheable (not found, unavailable): only the request that built it gets that answer.
  if ('passThrough' in got) return got.response ?? fresh(c, await r.build(), 'no-store');
  return fromCache(c, got.entry, got.hit, r.cacheControl);
}

/**
 * Builds with the visitor's CSRF token blanked, so nothing per-visitor can end up in a shared
 * copy: a form placed on a cached page by mistake fails its CSRF check instead of leaking a token.
 */
async function buildAnonymous(c: Ctx, build: () => Promise<Built | Response>): Promise<Built | Response> {
  const token = c.get('csrf');
  c.set('csrf', '');
  try {
    return await build();
  } finally {
    c.set('csrf', token);
  }
}

function fresh(c: Ctx, b: Built | Response, cacheControl: string): Response {
  if (b instanceof Response) {
    if (!b.headers.has('cache-control')) b.headers.set('Cache-Control', cacheControl);
    return b;
  }
  return c.body(typeof b.body === 'string' ? b.body : new Uint8Array(b.body), 200, { ...b.headers, 'Cache-Control': cacheControl });
}

async function fromCache(c: Ctx, entry: CachedResponse, hit: boolean, cacheControl: string): Promise<Response> {
  // No cookie travels with a shared copy (a visitor's CSRF cookie is set by pages with forms only).
  c.header('Set-Cookie', undefined);
  const a = await answerFromCache(entry, { hit, cacheControl, acceptEncoding: requestHeader(c, 'accept-encoding'), ifNoneMatch: requestHeader(c, 'if-none-match') });
  if (!a.body) return c.body(null, 304, a.headers);
  return c.body(new Uint8Array(a.body.buffer as ArrayBuffer, a.body.byteOffset, a.body.byteLength), 200, a.headers);
}
