/**
 * Accounts in the portal (issue 17): failed sign-ins cannot lock the owner out; the client address
 * comes from X-Forwarded-For only behind a trusted proxy, and then only from the proxy's own entry;
 * the password page ends every other session; a disabled account cannot sign in; sign-out is
 * audited with the address; anonymous refusals are counted, not written row by row; the admin's
 * audit view pages, filters, labels in Chinese and verifies the chain; public pages and the public
 * API name publishers by display name, never by username.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { bootstrap } from '../../src/server/bootstrap.ts';
import { TestClient } from '../../src/server/test-client.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { Store } from '../../src/store/store.ts';
import { CHILD_PASSWORDS as PW } from './child-passwords.ts';

describe('accounts and the audit log in the portal', () => {
  let store: Store;
  let behindProxy: ReturnType<typeof createApp>;
  let direct: ReturnType<typeof createApp>;
  before(async () => {
    store = await Store.open({ sqliteFile: ':memory:' });
    await bootstrap(store, { passwords: PW });
    behindProxy = createApp(store, { log: () => {}, trustProxy: true, cacheBytes: 0 });
    direct = createApp(store, { log: () => {}, cacheBytes: 0 });
  });
  after(() => store.close());

  it('fifty wrong passwords from one address do not lock the owner out', async () => {
    const attacker = new TestClient(behindProxy, { 'x-forwarded-for': '6.6.6.6' });
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await attacker.login('officer041002', `guess-${i}`)).status);
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401], 'the first failures are answered');
    assert.ok(
      statuses.slice(4).every((s) => s === 429),
      'then the guesser must wait',
    );
    const held = await attacker.login('officer041002', PW.officer041002);
    assert.equal(held.status, 429, 'that address waits even with the right password');
    assert.match(held.headers.get('retry-after') ?? '', /^\d+$/, 'and is told how long');
    assert.match(((await held.json()) as { error: string }).error, /登录失败次数过多，请 \d+ (秒|分钟)后再试/);
    const owner = new TestClient(behindProxy, { 'x-forwarded-for': '10.0.0.2' });
    assert.equal((await owner.login('officer041002', PW.officer041002)).status, 200, 'the owner signs in at once');
    const login = (await store.listAudit({ action: 'login', actor: 'officer041002', limit: 1 }))[0];
    assert.equal(login?.clientAddress, '10.0.0.2');
  });

  it('a spoofed X-Forwarded-For is ignored without --trust-proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await new TestClient(direct, { 'x-forwarded-for': `203.0.113.${i}` }).login('dept041', 'wrong')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429], 'rotating the header does not escape the delay');
    await new Promise((r) => setTimeout(r, 1100));
    // Without the header being trusted, the delay applies to the socket's address, whatever is claimed.
    assert.equal((await new TestClient(direct, { 'x-forwarded-for': '198.51.100.1' }).login('dept041', PW.dept041)).status, 200);
    const login = (await store.listAudit({ action: 'login', actor: 'dept041', limit: 1 }))[0];
    assert.notEqual(login?.clientAddress, '198.51.100.1');
  });

  it('behind a trusted proxy only the proxy’s own entry counts', async () => {
    const statuses: number[] = [];
    // The client writes whatever it likes in front; the proxy appends the address it saw.
    for (let i = 0; i < 6; i++) statuses.push((await new TestClient(behindProxy, { 'x-forwarded-for': `192.0.2.${i}, 7.7.7.7` }).login('officer041099', 'wrong')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429]);
    const c = new TestClient(behindProxy, { 'x-forwarded-for': '192.0.2.50, 10.1.1.1' });
    assert.equal((await c.login('officer041099', PW.officer041099)).status, 200);
    assert.equal((await store.listAudit({ action: 'login', actor: 'officer041099', limit: 1 }))[0]?.clientAddress, '10.1.1.1');
  });

  it('password change: the current one is checked, every other session ends, this browser stays signed in', async () => {
    await store.createUser({ username: 'zhang', passwordHash: await hashPassword('zhang-old-pass'), role: 'unit', unitCode: '041002', displayName: '张会计' });
    const here = new TestClient(direct);
    const elsewhere = new TestClient(direct);
    assert.equal((await here.login('zhang', 'zhang-old-pass')).status, 200);
    assert.equal((await elsewhere.login('zhang', 'zhang-old-pass')).status, 200);
    const page = await here.page('/account');
    assert.equal(page.status, 200);
    assert.match(page.text, /修改密码/);
    assert.match(page.text, /张会计/);
    const wrong = await here.form('/account/password', { current: 'nope-nope', password: 'zhang-new-pass', confirm: 'zhang-new-pass' });
    assert.equal(wrong.status, 401);
    assert.match(await wrong.text(), /当前密码不正确/);
    const mismatch = await here.form('/account/password', { current: 'zhang-old-pass', password: 'zhang-new-pass', confirm: 'zhang-new-pasS' });
    assert.equal(mismatch.status, 400);
    assert.match(await mismatch.text(), /两次输入的新密码不一致/);
    const short = await here.form('/account/password', { current: 'zhang-old-pass', password: 'short', confirm: 'short' });
    assert.match(await short.text(), /至少需要 8 个字符/);
    const ok = await here.form('/account/password', { current: 'zhang-old-pass', password: 'zhang-new-pass', confirm: 'zhang-new-pass' });
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /密码已修改/);
    assert.equal((await elsewhere.page('/prepare')).status, 303, 'the other browser is signed out');
    assert.equal((await here.page('/prepare')).status, 200, 'this one is not');
    assert.equal((await new TestClient(direct).login('zhang', 'zhang-old-pass')).status, 401);
    assert.equal((await new TestClient(direct).login('zhang', 'zhang-new-pass')).status, 200);
    const rows = await store.listAudit({ action: 'user.passwd', actor: 'zhang' });
    assert.deepEqual(rows.map((r) => r.outcome).sort(), ['ok', 'refused', 'refused', 'refused']);
    // Signing out is audited, with the address.
    const out = await here.form('/logout', {});
    assert.equal(out.status, 303);
    assert.equal((await store.listAudit({ action: 'logout', actor: 'zhang', limit: 1 }))[0]?.clientAddress, 'local');
  });

  it('a disabled account cannot sign in and its sessions end', async () => {
    await store.createUser({ username: 'li', passwordHash: await hashPassword('li-password-1'), role: 'unit', unitCode: '041002' });
    const c = new TestClient(direct);
    assert.equal((await c.login('li', 'li-password-1')).status, 200);
    assert.equal(await store.disableUser('li'), true);
    assert.equal((await c.page('/prepare')).status, 303, 'signed out');
    const again = await new TestClient(direct).login('li', 'li-password-1');
    assert.equal(again.status, 401);
    assert.match(((await again.json()) as { error: string }).error, /用户名或密码错误/, 'no hint that the account exists');
  });

  it('anonymous refusals are counted, not written row by row', async () => {
    const rows = (await store.listAudit({ limit: 100_000 })).length;
    const anon = new TestClient(direct);
    for (let i = 0; i < 30; i++) {
      await anon.json('PUT', '/api/drafts/041002/2024', { budget: {}, baseVersion: 0 });
      await anon.json('POST', '/api/drafts/041002/2024/publish', {});
      await anon.request('/api/audit');
    }
    assert.equal((await store.listAudit({ limit: 100_000 })).length, rows, 'no new rows');
    const counters = await store.listAuditCounters();
    const total = counters.filter((k) => k.outcome === 'refused').reduce((n, k) => n + k.count, 0);
    assert.ok(total >= 90, `counted (${total})`);
  });

  it('admin view: Chinese labels, filters, pages of 100, counters and the chain check', async () => {
    for (let i = 0; i < 120; i++) await store.audit({ actor: 'admin', action: 'oversight.export', target: `2024/${i}`, outcome: 'ok', beforeHash: null, afterHash: null, detail: `第 ${i} 次导出` });
    const admin = new TestClient(direct);
    assert.equal((await admin.login('admin', PW.admin)).status, 200);
    const first = await admin.page('/admin/audit');
    assert.equal(first.status, 200);
    assert.match(first.text, /<td title="oversight.export">导出公开文件<\/td>/);
    assert.match(first.text, /<td title="login">登录<\/td>/);
    assert.equal((first.text.match(/<tr><td>\d+<\/td>/g) ?? []).length, 100, 'one page of 100');
    const next = /href="(\/admin\/audit\?before=\d+)" rel="next"/.exec(first.text);
    assert.ok(next, 'a link to the next page');
    const second = await admin.page(next[1]!.replace(/&amp;/g, '&'));
    assert.match(second.text, /第 19 次导出/);
    const filtered = await admin.page('/admin/audit?action=user.passwd&outcome=refused');
    assert.equal((filtered.text.match(/<tr><td>\d+<\/td>/g) ?? []).length, 3);
    assert.match(filtered.text, /修改密码/);
    assert.match(first.text, /未登录访问的统计/);
    // An export is audited, with who, what and from where.
    const zip = await admin.request('/oversight/export.zip?year=2024');
    assert.equal(zip.status, 200);
    await zip.arrayBuffer();
    const exported = (await store.listAudit({ action: 'oversight.export', actor: 'admin', limit: 1 }))[0];
    assert.equal(exported?.target, '2024');
    assert.equal(exported?.clientAddress, 'local');
    const verified = await admin.page('/admin/audit?verify=1');
    assert.match(verified.text, /哈希链完好/);
    const api = (await (await admin.request('/api/audit?action=logout')).json()) as { entries: { action: string }[] };
    assert.ok(api.entries.length >= 1 && api.entries.every((e) => e.action === 'logout'), 'the API filters too, with the ids in English');
  });

  it('publishers are named by display name on public pages and in the public API, never by username', async () => {
    await store.createUser({ username: 'wang_secret_login', passwordHash: await hashPassword('wang-password-1'), role: 'unit', unitCode: '041002', displayName: '王会计' });
    const d = (await store.getVersion('041002', 2024))!;
    await store.publish({ unitCode: '041002', year: 2024, disclosure: { ...(d.disclosure as object), marker: 'v2' }, budget: d.budget, findings: [], reason: '更正', actor: 'wang_secret_login' });
    const page = await new TestClient(direct).page('/units/041002/2024');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /wang_secret_login|officer041002/);
    assert.match(page.text, /王会计/);
    const versions = await (await new TestClient(direct).request('/api/units/041002/2024/versions')).text();
    assert.doesNotMatch(versions, /wang_secret_login/);
    assert.match(versions, /"publisherName":"王会计"/);
    const one = await (await new TestClient(direct).request('/api/units/041002/2024')).text();
    assert.doesNotMatch(one, /wang_secret_login/);
  });
});
