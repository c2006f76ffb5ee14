/** Sign-in (throttled, session rotated), sign-out, and the audit log for admins. */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { verifyPassword } from '../../auth/password.ts';
import { isAdmin } from '../../auth/access.ts';
import { clientAddress, csrfField, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { html } from '../html.ts';
import { isSecure, SESSION_COOKIE } from '../app.ts';
import { safeNext } from '../safe-next.ts';
import { landingPath } from '../landing.ts';

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';


/** Checks credentials with throttling; on success rotates the session and sets the cookie. */
export async function signIn(c: Ctx, deps: Deps, username: string, password: string): Promise<{ ok: true; csrfToken: string } | { ok: false; status: 401 | 429; message: string }> {
  const address = clientAddress(c, deps.options);
  const wait = deps.throttle.retryAfter(username, address);
  if (wait > 0) {
    deps.log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), action: 'login', user: username, reason: 'throttled', status: 429 });
    await deps.store.audit({ actor: username || '(anonymous)', action: 'login', target: username, outcome: 'refused', beforeHash: null, afterHash: null, detail: `登录尝试过多，${wait} 秒内拒绝` });
    return { ok: false, status: 429, message: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试` };
  }
  const user = username ? await deps.store.getUserByName(username) : undefined;
  // Hash even for unknown names so timing does not reveal which usernames exist.
  const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !good) {
    deps.throttle.fail(username, address);
    deps.log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), action: 'login', user: username, reason: 'bad credentials', status: 401 });
    await deps.store.audit({ actor: username || '(anonymous)', action: 'login', target: username, outcome: 'refused', beforeHash: null, afterHash: null, detail: '用户名或密码错误' });
    return { ok: false, status: 401, message: '用户名或密码错误' };
  }
  deps.throttle.succeed(username);
  const old = c.get('sessionToken');
  if (old) await deps.store.deleteSession(old);
  const s = await deps.store.createSession(user.id);
  setCookie(c, SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps.options), maxAge: 8 * 3600 });
  c.set('user', user);
  c.set('csrf', s.csrfToken);
  await deps.store.audit({ actor: user.username, action: 'login', target: user.username, outcome: 'ok', beforeHash: null, afterHash: null, detail: '' });
  return { ok: true, csrfToken: s.csrfToken };
}

export async function signOut(c: Ctx, deps: Deps) {
  const token = c.get('sessionToken');
  if (token) await deps.store.deleteSession(token);
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function loginForm(c: Ctx, next: string, message?: string) {
  return html`<h1>登录</h1>${message ? html`<p class="flash error">${message}</p>` : ''}
<form method="post" action="/login" class="card" style="max-width:420px">${csrfField(c)}<input type="hidden" name="next" value="${next}">
<label for="username">用户名</label><input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<p><button type="submit">登录</button></p></form>
<p class="muted">单位财务人员、主管部门和财政局账号由管理员创建（<code>gongkai user add</code>）。公众查阅无需登录。</p>`;
}

export function registerAccount(app: Hono<AppEnv>, deps: Deps) {
  // Without a `next`, the form sends none and each role lands where its work is (landing.ts).
  app.get('/login', (c) => render(c, '登录', loginForm(c, c.req.query('next') ? safeNext(c.req.query('next')) : '')));

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const username = typeof body.username === 'string' ? body.username.trim().slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1000) : '';
    const next = typeof body.next === 'string' && body.next ? safeNext(body.next) : '';
    const r = await signIn(c, deps, username, password);
    if (!r.ok) return render(c, '登录', loginForm(c, next, r.message), r.status);
    return c.redirect(next || landingPath(c.get('user')), 303);
  });

  app.post('/logout', async (c) => {
    await signOut(c, deps);
    return c.redirect('/', 303);
  });

  app.get('/admin/audit', async (c) => {
    if (!isAdmin(c.get('user'))) return refuse(c, deps, 'audit.read', 'audit_log', '只有财政局管理员可以查看审计日志');
    const outcome = c.req.query('outcome');
    const entries = await deps.store.listAudit({ limit: 500, outcome: outcome === 'refused' || outcome === 'ok' ? outcome : undefined });
    return render(
      c,
      '审计日志',
      html`<h1>审计日志</h1><p><a href="/admin/audit">全部</a> · <a href="/admin/audit?outcome=refused">仅拒绝</a> · <a href="/admin/audit?outcome=ok">仅成功</a></p>
<table class="grid audit"><thead><tr><th>#</th><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>结果</th><th>之前哈希</th><th>之后哈希</th><th>说明</th></tr></thead><tbody>
${entries.map(
  (e) => html`<tr><td>${e.seq}</td><td>${e.at.replace('T', ' ').slice(0, 19)}</td><td>${e.actor}</td><td>${e.action}</td><td>${e.target}</td><td class="${e.outcome === 'refused' ? 'sev-error' : ''}">${e.outcome === 'ok' ? '成功' : '拒绝'}</td><td class="hash">${e.beforeHash?.slice(7, 19) ?? ''}</td><td class="hash">${e.afterHash?.slice(7, 19) ?? ''}</td><td>${e.detail}</td></tr>`,
)}</tbody></table>`,
    );
  });

}
