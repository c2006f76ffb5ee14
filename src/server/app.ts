/**
 * The portal application (hono): middleware for request logs, security headers, body limits,
 * sessions and CSRF, then the public, account, preparation, oversight and API routes.
 * `createApp` takes an open Store, so tests drive it with `app.request()`.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { LoginThrottle } from '../auth/login-throttle.ts';
import type { Store } from '../store/store.ts';
import { DatabaseUnavailable, isDatabaseUnavailable } from '../store/db-errors.ts';
import { HSTS, SECURITY_HEADERS, badRequest, clientAddress, render, requestHeader, requestLogEntry, type AppEnv, type Ctx, type Deps, type PortalOptions } from './context.ts';
import { html } from './html.ts';
import { registerAccount } from './routes/account.ts';
import { registerApi } from './routes/api.ts';
import { registerOversight } from './routes/oversight.ts';
import { registerUnitTemplate } from './routes/unit-template.ts';
import { registerPrepare } from './routes/prepare.ts';
import { registerPublic } from './routes/public.ts';
import { ResponseCache } from './response-cache.ts';
import { JobFailed, PoolBusy } from './job-pool.ts';
import { RateLimiter } from './rate-limit.ts';
import { UploadError, uploadForm } from './upload.ts';
import { InputRejected } from '../read/guards.ts';

export const SESSION_COOKIE = 'gk_session';
export const CSRF_COOKIE = 'gk_csrf';
const DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024;
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export function isSecure(c: Ctx, o: PortalOptions): boolean {
  return o.secureCookies ?? (c.req.url.startsWith('https:') || (o.trustProxy === true && requestHeader(c, 'x-forwarded-proto') === 'https'));
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * Requests taken without a CSRF token: they change nothing (the check API) or sign in with JSON
 * (the token is handed out there). Signing out (DELETE /api/session) needs the token like any change.
 */
const CSRF_EXEMPT = new Set(['POST /api/check', 'POST /api/session']);

/** Anonymous uploads checked: POST /check, /api/check, /departments/<code>/check. */
const UPLOAD_CHECK = /^\/(?:api\/)?check$|^\/departments\/[^/]+\/check$/;
const DEFAULT_UPLOADS_PER_MINUTE = 20;

export function createApp(store: Store, options: PortalOptions = {}): Hono<AppEnv> {
  return createPortalApp(store, options).app;
}

/** The application; every request goes through it (public pages are cached by ETag here and by a reverse proxy in production). */
export function createPortalApp(store: Store, options: PortalOptions = {}): { app: Hono<AppEnv> } {
  const log = options.log ?? ((e: Record<string, unknown>) => process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...e }) + '\n'));
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const cache = cacheBytes > 0 ? new ResponseCache(cacheBytes) : undefined;
  const perMinute = options.uploadsPerMinute ?? DEFAULT_UPLOADS_PER_MINUTE;
  const uploads = perMinute > 0 ? new RateLimiter(perMinute) : undefined;
  const deps: Deps = { store, throttle: new LoginThrottle(), options: { maxUploadBytes: DEFAULT_MAX_UPLOAD, ...options }, log, cache, pool: options.pool, uploads };
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('reqId', randomUUID());
    // Set before the handler so they travel in the response it builds: a header added to a
    // finished response makes hono copy it, and @hono/node-server then streams the copy instead of
    // writing the bytes it was given (that cost a third of serving a cached page).
    for (const k in SECURITY_HEADERS) c.header(k, SECURITY_HEADERS[k]);
    if (isSecure(c, options)) c.header('Strict-Transport-Security', HSTS);
    await next();
    // Responses made without the context (by a library) get them afterwards.
    if (!c.res.headers.has('X-Content-Type-Options')) for (const k in SECURITY_HEADERS) c.header(k, SECURITY_HEADERS[k]);
    // Only the public pages served from the response cache say they may be stored; everything
    // else (signed-in pages, forms carrying a CSRF token, API answers) must not be.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', c.get('user') ? 'private, no-store' : 'no-store');
    log(requestLogEntry(c.get('reqId'), c.req.method, c.req.path, c.res.status, started, c.get('user')?.username ?? null));
  });

  const limitBody = bodyLimit({
    maxSize: deps.options.maxUploadBytes + 64 * 1024,
    onError: (c) => badRequest(c as never, 413, `请求内容过大，上限为 ${Math.floor(deps.options.maxUploadBytes / 1048576)} MB`, '文件过大'),
  });
  // GET and HEAD carry no body; asking for one makes @hono/node-server build a full Request per
  // page view, a fifth of the cost of serving a cached page.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // Session and CSRF token: a signed-in user's token lives in the session; an anonymous visitor
  // gets a random token in its own cookie (double submit), so even the sign-in form is protected.
  // The anonymous token is made when a page first puts it in a form (csrfToken).
  const issueCsrf = (c: Ctx): string => {
    const anon = randomBytes(24).toString('base64url');
    setCookie(c, CSRF_COOKIE, anon, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, options) });
    c.set('csrf', anon);
    return anon;
  };
  app.use('*', async (c, next) => {
    const cookies = requestHeader(c, 'cookie');
    const token = cookies && getCookie(c, SESSION_COOKIE);
    const session = token ? await store.getSession(token) : undefined;
    if (session) {
      c.set('user', session.user);
      c.set('csrf', session.csrfToken);
      c.set('sessionToken', token);
    } else {
      const anon = cookies && getCookie(c, CSRF_COOKIE);
      if (anon && /^[A-Za-z0-9_-]{20,64}$/.test(anon)) c.set('csrf', anon);
      else c.set('issueCsrf', issueCsrf);
    }
    // Anonymous uploads to check are limited per client before their body is read.
    if (c.req.method === 'POST' && !session && deps.uploads && UPLOAD_CHECK.test(c.req.path)) {
      const wait = deps.uploads.take(clientAddress(c, options));
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return badRequest(c, 429, `检查请求过于频繁（每分钟最多 ${deps.uploads.limit} 次），请 ${wait} 秒后重试，或登录后使用`, '请求过于频繁');
      }
    }
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method) && !CSRF_EXEMPT.has(`${c.req.method} ${c.req.path}`)) {
      let sent = requestHeader(c, 'x-csrf-token') ?? '';
      if (!sent && /multipart\/form-data|application\/x-www-form-urlencoded/.test(c.req.header('content-type') ?? '')) {
        // Upload forms are parsed as they stream in (uploadForm), and only once.
        const body = UPLOAD_CHECK.test(c.req.path) ? await uploadForm(c, deps.options.maxUploadBytes) : await c.req.parseBody();
        sent = typeof body._csrf === 'string' ? body._csrf : '';
      }
      if (!sameToken(sent, c.get('csrf') ?? '')) {
        const user = c.get('user');
        log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), user: user?.username ?? null, action: `${c.req.method} ${c.req.path}`, reason: 'csrf', status: 403 });
        if (user)
          await store.audit({
            actor: user.username,
            action: 'csrf',
            target: `${c.req.method} ${c.req.path}`,
            outcome: 'refused',
            beforeHash: null,
            afterHash: null,
            detail: 'CSRF 令牌缺失或无效',
            clientAddress: clientAddress(c, deps.options),
          });
        else store.countAnonymous('csrf', 'refused');
        return badRequest(c, 403, '表单已过期或来源无效（CSRF 校验失败），请刷新页面后重试', '请求被拒绝');
      }
    }
    await next();
  });

  app.get('/health', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ok', database: store.dialect });
    } catch (e) {
      log({ level: 'error', event: 'health', message: (e as Error).message });
      return c.json({ status: 'error', database: store.dialect, error: isDatabaseUnavailable(e) ? '数据库暂时不可用' : '数据库查询失败' }, 503);
    }
  });

  registerApi(app, deps);
  registerAccount(app, deps);
  registerPublic(app, deps);
  registerPrepare(app, deps);
  registerOversight(app, deps);
  registerUnitTemplate(app, deps);

  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json({ error: '未找到' }, 404) : render(c, '未找到', html`<h1>页面不存在（404）</h1><p><a href="/">返回首页</a></p>`, 404)));

  app.onError((err, c) => {
    if (err instanceof UploadError) return badRequest(c, err.status, err.message);
    if (err instanceof InputRejected) return badRequest(c, err.status, err.message);
    // The job queue is full: come back later (job-pool.ts).
    if (err instanceof PoolBusy) {
      c.header('Retry-After', String(err.retryAfterSeconds));
      return c.req.path.startsWith('/api/') ? c.json({ error: err.message }, 503) : render(c, '服务器正忙', html`<h1>服务器正忙</h1><p class="flash error">${err.message}</p>`, 503);
    }
    // A job past its time or memory: the document is the cause.
    if (err instanceof JobFailed) return badRequest(c, 422, err.message, '无法处理该文件');
    if (err instanceof HTTPException) return err.getResponse();
    // The database is down or the connection was cut: a moment's outage, not a fault of the
    // request — 503 with a Chinese message and when to retry; the pool reconnects with back-off.
    if (isDatabaseUnavailable(err)) {
      log({ level: 'warn', event: 'database-unavailable', reqId: c.get('reqId'), path: c.req.path, message: err.message });
      const wait = err instanceof DatabaseUnavailable ? err.retryAfterSeconds : 5;
      c.header('Retry-After', String(wait));
      const msg = `数据库暂时不可用，请 ${wait} 秒后重试（请求编号 ${c.get('reqId')}）`;
      return c.req.path.startsWith('/api/') ? c.json({ error: msg }, 503) : render(c, '暂时无法访问', html`<h1>暂时无法访问</h1><p class="flash error">${msg}</p>`, 503);
    }
    log({ level: 'error', event: 'error', reqId: c.get('reqId'), path: c.req.path, message: err.message, stack: err.stack?.split('\n').slice(0, 6).join(' | ') });
    const msg = `服务器内部错误（请求编号 ${c.get('reqId')}），请稍后重试或联系管理员`;
    return c.req.path.startsWith('/api/') ? c.json({ error: msg }, 500) : render(c, '服务器错误', html`<h1>出错了</h1><p class="flash error">${msg}</p>`, 500);
  });
  return { app };
}
