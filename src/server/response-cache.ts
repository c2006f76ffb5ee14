/**
 * Whole-response cache for public read pages. An entry is stored under a key (which page) with a
 * stamp (what the page was built from, read from the database on every request by one indexed
 * query): a request whose stamp differs rebuilds the entry, so a publish made by another process
 * or another portal instance on the same database is served at once. Concurrent misses for the
 * same key and stamp share one build. Bodies are kept as bytes with their ETag; gzip and brotli
 * copies of text bodies are made once, off the event loop (zlib's thread pool), on first demand.
 * Bounded by total bytes, least recently used out.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { memoize } from '../util/memo.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface CachedResponse {
  headers: Record<string, string>;
  body: Buffer;
  /** Quoted strong validator of the identity body (sha256, base64url). */
  etag: string;
  /** Text bodies worth compressing (HTML, JSON); the compressed copies once made. */
  compressible: boolean;
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

export type Encoding = 'br' | 'gzip';

interface Slot {
  stamp: string;
  entry: CachedResponse;
  bytes: number;
}

const MIN_COMPRESS_BYTES = 1024;

export class ResponseCache {
  private readonly slots = new Map<string, Slot>();
  private readonly building = new Map<string, Promise<CachedResponse | Response>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  has(key: string): boolean {
    return this.slots.has(key);
  }

  get size(): number {
    return this.slots.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /**
   * The entry for `key` built from `stamp`, building it with `build` when missing or stale. A
   * build that answers a Response instead (not found, unavailable) is passed through, not kept.
   */
  async get(key: string, stamp: string, build: () => Promise<Built | Response>): Promise<{ entry: CachedResponse; hit: boolean } | { passThrough: true; response?: Response }> {
    const kept = this.peek(key, stamp);
    if (kept) return { entry: kept, hit: true };
    this.misses++;
    const flight = `${key}\u0000${stamp}`;
    let pending = this.building.get(flight);
    const builder = !pending;
    if (!pending) {
      pending = build().then((b) => {
        if (b instanceof Response) return b;
        const entry = toEntry(b);
        this.put(key, stamp, entry);
        return entry;
      });
      this.building.set(flight, pending);
      const done = () => this.building.delete(flight);
      pending.then(done, done);
    }
    const r = await pending;
    if (!(r instanceof Response)) return { entry: r, hit: false };
    // A response that is not kept was built for one request (it may carry that visitor's cookie):
    // requests that joined the flight build their own.
    return builder ? { passThrough: true, response: r } : { passThrough: true };
  }

  /** The entry for `key` if it was built from `stamp` (a hit), without building. */
  peek(key: string, stamp: string): CachedResponse | undefined {
    const slot = this.slots.get(key);
    if (!slot || slot.stamp !== stamp) return undefined;
    this.hits++;
    // Map order is the recency order: move the hit to the end.
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.entry;
  }

  /** Drops every entry whose key starts with `prefix` (e.g. one unit's pages). */
  deletePrefix(prefix: string): void {
    for (const [k, s] of this.slots)
      if (k.startsWith(prefix)) {
        this.slots.delete(k);
        this.bytes -= s.bytes;
      }
  }

  private put(key: string, stamp: string, entry: CachedResponse): void {
    const bytes = entry.body.byteLength * 1.3 + 512;
    if (bytes > this.maxBytes / 4) return; // one huge response must not flush everything else
    const old = this.slots.get(key);
    if (old) {
      this.slots.delete(key);
      this.bytes -= old.bytes;
    }
    this.slots.set(key, { stamp, entry, bytes });
    this.bytes += bytes;
    for (const [k, s] of this.slots) {
      if (this.bytes <= this.maxBytes) break;
      this.slots.delete(k);
      this.bytes -= s.bytes;
    }
  }
}

/** A page as built for the cache: its body and the headers that describe it. */
export interface Built {
  body: string | Uint8Array;
  /** Content-Type, and for downloads Content-Disposition and X-Content-Hash. */
  headers: Record<string, string>;
}

function toEntry(b: Built): CachedResponse {
  const body = typeof b.body === 'string' ? Buffer.from(b.body, 'utf8') : Buffer.from(b.body.buffer, b.body.byteOffset, b.body.byteLength);
  const type = b.headers['content-type'] ?? '';
  return {
    headers: b.headers,
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url')}"`,
    compressible: body.byteLength >= MIN_COMPRESS_BYTES && /^(text\/|application\/json)/.test(type),
    encoded: {},
  };
}

/** Accept-Encoding values seen (browsers send a handful): parsing one cost more than the lookup. */
const chosen = memoize(parseAcceptEncoding, { maxEntries: 256 });

/** The client's preferred encoding we offer (brotli, then gzip), or undefined for identity. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  return acceptEncoding ? chosen(acceptEncoding) : undefined;
}

function parseAcceptEncoding(acceptEncoding: string): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    accepted.set(name!, q === undefined ? 1 : Number(q));
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

/** The compressed body, made once per entry and encoding off the event loop. */
export function encodedBody(entry: CachedResponse, enc: Encoding): Promise<Buffer> {
  let p = entry.encoded[enc];
  if (!p) {
    // Brotli quality 5 compresses a 200 KB page in a few milliseconds, close to quality 11 in size for this markup.
    p = enc === 'br' ? brotliAsync(entry.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: entry.body.byteLength } }) : gzipAsync(entry.body, { level: 6 });
    entry.encoded[enc] = p;
    p.catch(() => delete entry.encoded[enc]);
  }
  return p;
}

/** A cached entry as answered to one request: 304 when the client has it, else the body in the encoding it takes. */
export interface CachedAnswer {
  status: 200 | 304;
  headers: Record<string, string>;
  body: Buffer | null;
}

export async function answerFromCache(entry: CachedResponse, o: { hit: boolean; cacheControl: string; acceptEncoding: string | undefined; ifNoneMatch: string | undefined }): Promise<CachedAnswer> {
  const enc = entry.compressible ? chooseEncoding(o.acceptEncoding) : undefined;
  const etag = enc ? `${entry.etag.slice(0, -1)}-${enc}"` : entry.etag;
  const common: Record<string, string> = { ETag: etag, 'Cache-Control': o.cacheControl, Vary: 'Accept-Encoding, Cookie', 'X-Cache': o.hit ? 'hit' : 'miss' };
  if (etagMatches(o.ifNoneMatch, entry)) return { status: 304, headers: common, body: null };
  const body = enc ? await encodedBody(entry, enc) : entry.body;
  return { status: 200, headers: { ...entry.headers, ...common, ...(enc ? { 'Content-Encoding': enc } : {}) }, body };
}

/** Whether an If-None-Match header names this entry (in any of its encodings). */
export function etagMatches(ifNoneMatch: string | undefined, entry: CachedResponse): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = entry.etag.slice(1, -1);
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === bare || tag === `${bare}-br` || tag === `${bare}-gzip`;
  });
}
