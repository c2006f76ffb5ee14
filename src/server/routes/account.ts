/**
 * Sign-in (progressive delays per account and address, session rotated), sign-out, and the signed-in
 * user's own account page (password change, which ends every other session). The audit log's
 * admin view is registered from here too (audit.ts).
 */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { DUMMY_HASH, hashPassword, needsRehash, passwordProblem, verifyPassword } from '../../auth/password.ts';
import { ROLE_NAMES } from '../../auth/access.ts';
import { badRequest, clientAddress, csrfField, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { html } from '../html.ts';
import { isSecure, SESSION_COOKIE } from '../app.ts';
import { safeNext } from '../safe-next.ts';
import { landingPath } from '../landing.ts';
import { registerAudit } from './audit.ts';

const SESSION_SECONDS = 8 * 3600;

export type SignInResult = { ok: true; csrfToken: string } | { ok: false; status: 401 | 429; message: string; retryAfter?: number };

/** "N 秒" or "N 分钟" for a wait. */
function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/**
 * Checks credentials; on success rotates the session and sets the cookie. Failures slow down
 * further attempts from the same address on the same account only (login-throttle.ts), so the
 * owner elsewhere is never locked out. Failed and throttled attempts are anonymous traffic:
 * counted (and logged), not written to the audit log row by row.
 */
export async function signIn(c: Ctx, deps: Deps, username: string, password: string): Promise<SignInResult> {
  const address = clientAddress(c, deps.options);
  const wait = deps.throttle.retryAfter(username, address);
  if (wait > 0) {
    deps.log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), action: 'login', user: username, address, reason: 'throttled', status: 429 });
    deps.store.countAnonymous('login.throttled', 'refused');
    return { ok: false, status: 429, message: `登录失败次数过多，请 ${waitText(wait)}后再试`, retryAfter: wait };
  }
  const user = username ? await deps.store.getUserByName(username) : undefined;
  // Hash even for unknown or disabled accounts so timing does not reveal which usernames exist.
  const good = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !good || user.disabled) {
    deps.throttle.fail(username, address);
    deps.log({ level: 'warn', event: 'refused', reqId: c.get('reqId'), action: 'login', user: username, address, reason: user?.disabled && good ? 'disabled' : 'bad credentials', status: 401 });
    deps.store.countAnonymous('login', 'refused');
    return { ok: false, status: 401, message: '用户名或密码错误' };
  }
  deps.throttle.succeed(username, address);
  // A hash made at an older, cheaper cost is replaced now that the password is known.
  if (needsRehash(user.passwordHash)) await deps.store.updatePasswordHash(user.id, await hashPassword(password));
  const old = c.get('sessionToken');
  if (old) await deps.store.deleteSession(old);
  await startSession(c, deps, user.id);
  c.set('user', user);
  await deps.store.audit({ actor: user.username, action: 'login', target: user.username, outcome: 'ok', beforeHash: null, afterHash: null, detail: '', clientAddress: address });
  return { ok: true, csrfToken: c.get('csrf')! };
}

async function startSession(c: Ctx, deps: Deps, userId: string): Promise<void> {
  const s = await deps.store.createSession(userId, SESSION_SECONDS * 1000);
  setCookie(c, SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c, deps.options), maxAge: SESSION_SECONDS });
  c.set('csrf', s.csrfToken);
  c.set('sessionToken', s.token);
}

export async function signOut(c: Ctx, deps: Deps) {
  const token = c.get('sessionToken');
  const user = c.get('user');
  if (token) await deps.store.deleteSession(token);
  if (user)
    await deps.store.audit({
      actor: user.username,
      action: 'logout',
      target: user.username,
      outcome: 'ok',
      beforeHash: null,
      afterHash: null,
      detail: '',
      clientAddress: clientAddress(c, deps.options),
    });
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

function loginForm(c: Ctx, next: string, message?: string) {
  return html`<h1>登录</h1>${message ? html`<p class="flash error" role="alert">${message}</p>` : ''}
<form method="post" action="/login" class="card" style="max-width:420px">${csrfField(c)}<input type="hidden" name="next" value="${next}">
<label for="username">用户名</label><input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<p><button type="submit">登录</button></p></form>
<p class="muted">单位财务人员、主管部门和财政局账号由管理员创建（<code>gongkai user add</code>）。公众查阅无需登录。</p>`;
}

function passwordForm(c: Ctx, message?: { ok: boolean; text: string }) {
  const u = c.get('user')!;
  return html`<h1>我的账号</h1>
<div class="card" style="max-width:520px"><p>用户名：${u.username}<br>显示名称：${u.displayName}<br>角色：${ROLE_NAMES[u.role]}${u.unitCode ? `（${u.unitCode}）` : ''}</p>
<p class="muted">公开页面只显示“显示名称”，不显示用户名。</p></div>
<h2>修改密码</h2>${message ? html`<p class="flash ${message.ok ? 'ok' : 'error'}" role="${message.ok ? 'status' : 'alert'}">${message.text}</p>` : ''}
<form method="post" action="/account/password" class="card" style="max-width:520px">${csrfField(c)}
<label for="current">当前密码</label><input type="password" id="current" name="current" autocomplete="current-password" required>
<label for="password">新密码（至少 8 个字符）</label><input type="password" id="password" name="password" autocomplete="new-password" minlength="8" required>
<label for="confirm">再次输入新密码</label><input type="password" id="confirm" name="confirm" autocomplete="new-password" minlength="8" required>
<p><button type="submit">修改密码</button></p>
<p class="muted">修改后，此账号在其他浏览器和设备上的登录全部失效，需要用新密码重新登录。</p></form>`;
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
    if (!r.ok) {
      if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
      return render(c, '登录', loginForm(c, next, r.message), r.status);
    }
    return c.redirect(next || landingPath(c.get('user')), 303);
  });

  app.post('/logout', async (c) => {
    await signOut(c, deps);
    return c.redirect('/', 303);
  });

  app.get('/account', (c) => {
    if (!c.get('user')) return c.redirect('/login?next=/account', 303);
    return render(c, '我的账号', passwordForm(c));
  });

  app.post('/account/password', async (c) => {
    const user = c.get('user');
    if (!user) return refuse(c, deps, 'user.passwd', 'account', '请先登录');
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 1001) : '');
    const r = await changePassword(c, deps, field('current'), field('password'), field('confirm'));
    if (!r.ok) {
      if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
      return render(c, '我的账号', passwordForm(c, { ok: false, text: r.message }), r.status);
    }
    return render(c, '我的账号', passwordForm(c, { ok: true, text: '密码已修改。其他浏览器和设备上的登录已全部失效。' }));
  });

  app.post('/api/account/password', async (c) => {
    if (!c.get('user')) return refuse(c, deps, 'user.passwd', 'account', '请先登录');
    let body: Record<string, unknown>;
    try {
      body = (await c.req.json()) as Record<string, unknown>;
    } catch {
      return badRequest(c, 400, '请求体不是有效的 JSON');
    }
    const s = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string).slice(0, 1001) : '');
    const r = await changePassword(c, deps, s('current'), s('password'), s('password'));
    if (!r.ok) {
      if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
      return c.json({ error: r.message }, r.status);
    }
    return c.json({ ok: true, csrfToken: c.get('csrf') });
  });

  registerAudit(app, deps);
}

/**
 * The signed-in user changes their password: the current one is checked (throttled like a sign-in,
 * so a borrowed session cannot guess it), the new one must meet the policy; then every session of
 * the account ends and this browser gets a new one.
 */
async function changePassword(
  c: Ctx,
  deps: Deps,
  current: string,
  password: string,
  confirm: string,
): Promise<{ ok: true } | { ok: false; status: 400 | 401 | 429; message: string; retryAfter?: number }> {
  const user = c.get('user')!;
  const address = clientAddress(c, deps.options);
  const refused = async (status: 400 | 401 | 429, message: string, retryAfter?: number) => {
    await deps.store.audit({ actor: user.username, action: 'user.passwd', target: user.username, outcome: 'refused', beforeHash: null, afterHash: null, detail: message, clientAddress: address });
    return { ok: false as const, status, message, ...(retryAfter ? { retryAfter } : {}) };
  };
  const wait = deps.throttle.retryAfter(user.username, address);
  if (wait > 0) return refused(429, `当前密码错误次数过多，请 ${waitText(wait)}后再试`, wait);
  if (!(await verifyPassword(current, user.passwordHash))) {
    deps.throttle.fail(user.username, address);
    return refused(401, '当前密码不正确');
  }
  const problem = passwordProblem(password);
  if (problem) return refused(400, problem);
  if (password !== confirm) return refused(400, '两次输入的新密码不一致');
  if (password === current) return refused(400, '新密码不能与当前密码相同');
  await deps.store.setPassword(user.username, await hashPassword(password));
  await startSession(c, deps, user.id);
  await deps.store.audit({
    actor: user.username,
    action: 'user.passwd',
    target: user.username,
    outcome: 'ok',
    beforeHash: null,
    afterHash: null,
    detail: '本人在平台上修改密码，其他登录已失效',
    clientAddress: address,
  });
  return { ok: true };
}
