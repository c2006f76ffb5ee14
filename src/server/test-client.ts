/**
 * A cookie-keeping client over `app.request()` for tests: follows nothing, remembers cookies,
 * finds the CSRF token in the last page or login answer.
 */
import type { Hono } from 'hono';
import type { AppEnv } from './context.ts';

export class TestClient {
  cookies = new Map<string, string>();
  csrf = '';
  lastSetCookies: string[] = [];

  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly headers: Record<string, string> = {},
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.headers)) headers.set(k, v);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const sc of this.lastSetCookies) {
      const [pair] = sc.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0/i.test(sc)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async page(path: string): Promise<{ status: number; text: string }> {
    const res = await this.request(path);
    const text = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(text);
    if (m) this.csrf = m[1]!;
    return { status: res.status, text };
  }

  form(path: string, fields: Record<string, string | Blob>, opts: { csrf?: string | null; filename?: string } = {}) {
    const fd = new FormData();
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) fd.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'string') fd.set(k, v);
      else fd.set(k, v, opts.filename ?? 'upload.bin');
    }
    return this.request(path, { method: 'POST', body: fd });
  }

  json(method: string, path: string, body: unknown, opts: { csrf?: boolean } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (opts.csrf !== false && this.csrf) headers['x-csrf-token'] = this.csrf;
    return this.request(path, { method, headers, body: JSON.stringify(body) });
  }

  async login(username: string, password: string): Promise<Response> {
    const res = await this.json('POST', '/api/session', { username, password });
    if (res.status === 200) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

/** A session on a running portal, from signing in over HTTP: the answer's status, its cookies and CSRF token. */
export interface HttpSession {
  status: number;
  cookie: string;
  csrf: string;
}

/** Signs in to the portal at `base` (POST /api/session), as a browser or a script on another machine does. */
export async function signInOverHttp(base: string, username: string, password: string): Promise<HttpSession> {
  const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const body = (await r.json().catch(() => ({}))) as { csrfToken?: string };
  return { status: r.status, cookie, csrf: body.csrfToken ?? '' };
}
