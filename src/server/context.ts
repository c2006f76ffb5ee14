/** Shared types and helpers of the portal's routes. */
import type { Context } from 'hono';
import type { Store, User } from '../store/store.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { html, type SafeHtml } from './html.ts';
import { page } from './layout.ts';
import type { JobPool } from './job-pool.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Built, ResponseCache } from './response-cache.ts';

export interface PortalOptions {
  /** Mark cookies Secure (behind https). Default: true when the request came in over https. */
  secureCookies?: boolean;
  /** Largest upload accepted, bytes. */
  maxUploadBytes?: number;
  /** One JSON line per request and per refusal; default stdout. */
  log?: (entry: Record<string, unknown>) => void;
  /** Behind a reverse proxy: take the client address and https from X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  /** "Today" for the 20-day rule (tests). */
  today?: () => Date;
  /** Bytes kept by the cache of public pages and downloads (default 64 MiB; 0 turns it off). */
  cacheBytes?: number;
  /** Worker threads for checks and downloads (startPortal makes one); without it they run in the request's thread. */
  pool?: JobPool;
  /** Anonymous uploads to check per client address and minute (default 20; 0: no limit). */
  uploadsPerMinute?: number;
}

/**
 * Headers every answer carries. The CSP allows scripts from this site only (no inline script, no
 * eval); styles may be inline (the page frame's stylesheet and the disclosure tables' widths).
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'SAMEORIGIN',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'",
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};

/** Sent over https only (or behind a trusted proxy that says so): browsers then refuse plain http for a year. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** The log line of one request. */
export function requestLogEntry(reqId: string, method: string, path: string, status: number, started: number, user: string | null): Record<string, unknown> {
  return { level: 'info', event: 'request', reqId, method, path, status, ms: Math.round((performance.now() - started) * 10) / 10, user };
}

export interface Deps {
  store: Store;
  throttle: LoginThrottle;
  options: Required<Pick<PortalOptions, 'maxUploadBytes'>> & PortalOptions;
  log: (entry: Record<string, unknown>) => void;
  /** Whole responses of public read pages for anonymous visitors; absent when turned off. */
  cache?: ResponseCache;
  /** Worker threads for checks and downloads (absent: run in the request's thread). */
  pool?: JobPool;
  /** Anonymous uploads per client (absent: no limit). */
  uploads?: RateLimiter;
}

export type AppEnv = {
  Variables: {
    user?: User;
    /**
     * The request's CSRF token (read it with `csrfToken`). Unset for an anonymous visitor without a
     * valid token cookie until a page with a form asks for one; '' while a shared page is built.
     */
    csrf?: string;
    /** Gives an anonymous visitor a token and its cookie. */
    issueCsrf?: (c: Ctx) => string;
    sessionToken?: string;
    reqId: string;
  };
};

export type Ctx = Context<AppEnv>;

/**
 * A request header (name in lower case). Served by @hono/node-server it is read from Node's own
 * request: asking hono builds a Fetch Headers object of every header, which cost a twentieth of
 * serving a cached page. Under `app.request()` (tests) hono's request is all there is.
 */
export function requestHeader(c: Ctx, name: string): string | undefined {
  const incoming = (c.env as { incoming?: { headers: Record<string, string | string[] | undefined> } } | undefined)?.incoming;
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The client's address (login throttling, the audit log). The socket's peer, unless the portal
 * runs behind a reverse proxy it was told to trust (`--trust-proxy`): then the proxy's own entry,
 * the last one of X-Forwarded-For — whatever comes before it was written by the client and may be
 * invented. Without `--trust-proxy` the header is ignored entirely.
 */
export function clientAddress(c: Ctx, o: PortalOptions): string {
  if (o.trustProxy) {
    const fwd = requestHeader(c, 'x-forwarded-for')?.split(',').pop()?.trim();
    if (fwd && /^[0-9A-Fa-f.:[\]]{2,64}$/.test(fwd)) return fwd;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * The token forms must carry. An anonymous visitor is given one (with its cookie) only here, on a
 * page that has a form: public pages without forms set no cookie and spend no random bytes.
 */
export function csrfToken(c: Ctx): string {
  // Neither set only if the session middleware did not run (an error before it): no valid token.
  return c.get('csrf') ?? c.get('issueCsrf')?.(c) ?? '';
}

// The frame's only form (sign out) is shown to signed-in users, whose token is always set.
export function render(c: Ctx, title: string, body: SafeHtml, status = 200): Response {
  return c.html(page({ title, user: c.get('user'), csrf: c.get('csrf') ?? '', body }), status as 200);
}

/** The same page as `render`, as a body for the public-page cache. */
export function renderBuilt(c: Ctx, title: string, body: SafeHtml): Built {
  return { body: page({ title, user: c.get('user'), csrf: c.get('csrf') ?? '', body }), headers: { 'content-type': 'text/html; charset=UTF-8' } };
}

export function csrfField(c: Ctx): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(c)}">`;
}

export function wantsJson(c: Ctx): boolean {
  return c.req.path.startsWith('/api/');
}

/** A refusal: logged, recorded in the audit log, answered with 403 (or 401 when not signed in). */
export async function refuse(c: Ctx, deps: Deps, action: string, target: string, reason: string): Promise<Response> {
  const user = c.get('user');
  const status = user ? 403 : 401;
  deps.log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), user: user?.username ?? null, action, target, reason, status });
  // A signed-in user's refusal is a row of the audit log; anonymous ones are only counted, so
  // that nobody can grow the log by sending requests.
  if (user) await deps.store.audit({ actor: user.username, action, target, outcome: 'refused', beforeHash: null, afterHash: null, detail: reason, clientAddress: clientAddress(c, deps.options) });
  else deps.store.countAnonymous(action, 'refused');
  if (wantsJson(c)) return c.json({ error: reason }, status);
  if (!user) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  return render(c, '无权操作', html`<h1>无权操作（403）</h1><p class="flash error">${reason}</p>`, 403);
}

/** A 400/413/415 answer with a clear Chinese message. */
export function badRequest(c: Ctx, status: 400 | 403 | 409 | 413 | 415 | 422 | 429, message: string, title = '请求有误'): Response {
  if (wantsJson(c)) return c.json({ error: message }, status);
  return render(c, title, html`<h1>${title}</h1><p class="flash error">${message}</p><p><a href="/">返回首页</a></p>`, status);
}

export function parseYear(s: string | undefined): number | undefined {
  return s && /^\d{4}$/.test(s) ? Number(s) : undefined;
}
