/**
 * The command line for accounts and the portal's start: gongkai user add / passwd / disable (in
 * Chinese, sessions ended), no demo data or printed password without --demo, and an unreachable
 * database at start refused with a Chinese message and exit status 69 (not internal error 70).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyPassword } from '../../src/auth/password.ts';
import { Store } from '../../src/store/store.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function gongkai(args: string[], opts: { env?: Record<string, string>; stdin?: string; untilLine?: RegExp } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, GONGKAI_PASSWORD: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.stdout.on('data', (d) => {
      stdout += d;
      // A server: stop it once it has said what the test waits for.
      if (opts.untilLine?.test(stdout)) p.kill('SIGTERM');
    });
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    p.stdin.end(opts.stdin ?? '');
  });
}

describe('gongkai user and serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-cli-accounts-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('user add: password from stdin (not printed), or generated and printed once; display name', async () => {
    const boss = await gongkai(['user', 'add', '--username', 'boss', '--role', 'admin', '--password-stdin', '-d', dir], { stdin: 'boss-password-1\n' });
    assert.equal(boss.code, 0, boss.stderr);
    assert.match(boss.stdout, /^已新建财政局管理员账号 boss，显示名称“财政局管理员”\n$/);
    const wang = await gongkai(['user', 'add', '--username', 'wang', '--role', 'unit', '--unit', '041002', '--unit-name', '营口市营商环境建设中心', '--display-name', '王会计', '-d', dir]);
    assert.equal(wang.code, 0, wang.stderr);
    const generated = /密码：(\S+)（只显示这一次）/.exec(wang.stdout)?.[1];
    assert.ok(generated && generated.length === 16, wang.stdout);
    const list = await gongkai(['user', 'list', '-d', dir]);
    assert.match(list.stdout, /wang\t单位财务人员\t041002\t王会计\t正常/);
    const dup = await gongkai(['user', 'add', '--username', 'wang', '--role', 'admin', '--password', 'whatever-1', '-d', dir]);
    assert.equal(dup.code, 2);
    assert.match(dup.stderr, /账号 wang 已存在/);
    const store = await Store.open({ dataDir: dir });
    try {
      assert.equal(await verifyPassword('boss-password-1', (await store.getUserByName('boss'))!.passwordHash), true);
      assert.equal(statSync(join(dir, 'db', 'gongkai.sqlite')).mode & 0o777, 0o600, 'the database file is private');
    } finally {
      await store.close();
    }
  });

  it('user passwd: a new password, every session of the account ended; unknown accounts refused', async () => {
    let store = await Store.open({ dataDir: dir });
    const token = (await store.createSession((await store.getUserByName('wang'))!.id)).token;
    await store.close();
    const r = await gongkai(['user', 'passwd', 'wang', '-d', dir], { env: { GONGKAI_PASSWORD: 'wang-new-password' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '已重设账号 wang 的密码，原有登录已全部失效\n');
    store = await Store.open({ dataDir: dir });
    try {
      assert.equal(await store.getSession(token), undefined, 'session revoked');
      assert.equal(await verifyPassword('wang-new-password', (await store.getUserByName('wang'))!.passwordHash), true);
      assert.equal((await store.listAudit({ action: 'user.passwd', limit: 1 }))[0]?.target, 'wang');
    } finally {
      await store.close();
    }
    const none = await gongkai(['user', 'passwd', 'nobody', '--password', 'long-enough-1', '-d', dir]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /账号 nobody 不存在/);
    const weak = await gongkai(['user', 'passwd', 'wang', '--password', 'short', '-d', dir]);
    assert.equal(weak.code, 2);
    assert.match(weak.stderr, /密码至少需要 8 个字符/);
  });

  it('user disable: cannot sign in, sessions ended', async () => {
    let store = await Store.open({ dataDir: dir });
    const token = (await store.createSession((await store.getUserByName('wang'))!.id)).token;
    await store.close();
    const r = await gongkai(['user', 'disable', 'wang', '-d', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '已停用账号 wang，其登录已全部失效\n');
    store = await Store.open({ dataDir: dir });
    try {
      assert.equal(await store.getSession(token), undefined);
      assert.equal((await store.getUserByName('wang'))!.disabled, true);
    } finally {
      await store.close();
    }
    assert.match((await gongkai(['user', 'list', '-d', dir])).stdout, /wang\t.*\t已停用/);
  });

  it('audit verify: the chain of what the commands wrote is intact; a row changed around the trigger is found', async () => {
    const ok = await gongkai(['audit', 'verify', '-d', dir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^哈希链完好：\d+ 行逐行核对一致/);
    const store = await Store.open({ dataDir: dir });
    try {
      const { sql } = await import('kysely');
      await sql`DROP TRIGGER audit_log_no_update`.execute(store.db);
      await sql`UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1`.execute(store.db);
    } finally {
      await store.close();
    }
    const broken = await gongkai(['audit', 'verify', '-d', dir]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /^哈希链断裂：第 1 行内容与其哈希不符（该行被改动）/);
  });

  it('serve without --demo: no demo data, no password printed; with --demo: demo accounts', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'gk-cli-serve-'));
    try {
      const prod = await gongkai(['serve', '--port', '0', '--host', '127.0.0.1', '-d', fresh], { untilLine: /"event":"listening"/ });
      assert.match(prod.stdout, /尚无任何账号。请先新建财政局管理员账号/);
      assert.doesNotMatch(prod.stdout, /密码只显示这一次|officer041002|admin-/);
      const store = await Store.open({ dataDir: fresh });
      try {
        assert.equal((await store.listUnits()).length, 0, 'no demo units');
      } finally {
        await store.close();
      }
      const demo = await gongkai(['serve', '--demo', '--port', '0', '--host', '127.0.0.1', '-d', fresh], { untilLine: /"event":"listening"/ });
      assert.match(demo.stdout, /演示账号（密码只显示这一次）/);
      assert.match(demo.stdout, /officer041002/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('an unreachable database at start: a Chinese message and exit status 69', async () => {
    const r = await gongkai(['serve', '--port', '0', '-d', dir], { env: { DATABASE_URL: 'postgres://gongkai@127.0.0.1:1/none' } });
    assert.equal(r.code, 69, r.stderr);
    assert.match(r.stderr, /^gongkai: 无法连接数据库 postgres:\/\/gongkai@127\.0\.0\.1:1\/none：.*ECONNREFUSED.*（请检查 DATABASE_URL 和数据库服务）\n$/);
    assert.doesNotMatch(r.stderr, /内部错误|\n\s+at /);
    const u = await gongkai(['user', 'list'], { env: { DATABASE_URL: 'postgres://gongkai@127.0.0.1:1/none' } });
    assert.equal(u.code, 69);
  });
});
