/**
 * Serving public read pages through the response cache. Only anonymous visitors are served from
 * it: a signed-in user's pages name the user and carry their CSRF token, so they are built for
 * that request alone and marked `private, no-store`. Cached answers carry no cookie, an ETag
 * (If-None-Match gives 304) and `Vary: Cookie, Accept-Encoding` so a shared cache never hands
 * an anonymous copy to a signed-in user or the other way round.
 */
import { requestHeader, type Ctx, type Deps } from './context.ts';
import { chooseEncoding, encodedBody, etagMatches, type Built, type CachedResponse } from './response-cache.ts';

export interface PublicRead {
  /** Which page (and which variant of it). */
  key: string;
  /** What the page is built from, read on every request; undefined: nothing to cache (not found). */
  stamp: () => Promise<string | undefined>;
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
  // The anonymous CSRF cookie set by the session middleware must not travel with a shared copy.
  c.header('Set-Cookie', undefined);
  const enc = entry.compressible ? chooseEncoding(requestHeader(c, 'accept-encoding')) : undefined;
  const etag = enc ? `${entry.etag.slice(0, -1)}-${enc}"` : entry.etag;
  const common: Record<string, string> = { ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding, Cookie', 'X-Cache': hit ? 'hit' : 'miss' };
  if (etagMatches(requestHeader(c, 'if-none-match'), entry)) return c.body(null, 304, common);
  const body = enc ? await encodedBody(entry, enc) : entry.body;
  return c.body(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), 200, { ...entry.headers, ...common, ...(enc ? { 'Content-Encoding': enc } : {}) });
}
