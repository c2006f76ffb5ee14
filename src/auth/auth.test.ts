import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, needsRehash, verifyPassword, randomPassword } from './password.ts';
import { LoginThrottle } from './login-throttle.ts';
import { canEditUnit, canOverseeDepartment } from './access.ts';
import type { User } from '../store/store.ts';

describe('password hashes', () => {
  it('verifies the right password only; salts differ', async () => {
    const h = await hashPassword('营口2024secret');
    assert.match(h, /^scrypt\$131072\$8\$1\$/, 'OWASP cost: N=2^17, r=8, p=1');
    assert.equal(needsRehash(h), false);
    assert.equal(needsRehash('scrypt$16384$8$1$AAAA$AAAA'), true);
    assert.equal(await verifyPassword('营口2024secret', h), true);
    assert.equal(await verifyPassword('营口2024Secret', h), false);
    assert.notEqual(h, await hashPassword('营口2024secret'));
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(randomPassword().length, 16);
  });
});

describe('login throttle', () => {
  it('delays progressively per account and address; others are not slowed', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 3; i++) th.fail('owner', '6.6.6.6');
    assert.equal(th.retryAfter('owner', '6.6.6.6'), 0, 'three failures are free');
    th.fail('owner', '6.6.6.6');
    assert.equal(th.retryAfter('owner', '6.6.6.6'), 1);
    th.fail('owner', '6.6.6.6');
    assert.equal(th.retryAfter('owner', '6.6.6.6'), 2, 'each failure doubles the wait');
    for (let i = 0; i < 40; i++) th.fail('owner', '6.6.6.6');
    assert.equal(th.retryAfter('owner', '6.6.6.6'), 15 * 60, 'capped at 15 minutes');
    assert.equal(th.retryAfter('owner', '10.0.0.2'), 0, 'the owner at their own address is not slowed');
    assert.equal(th.retryAfter('someone', '6.6.6.6'), 0, 'other accounts from that address are not slowed');
    t += 15 * 60_000;
    assert.equal(th.retryAfter('owner', '6.6.6.6'), 0, 'the wait passes');
    th.fail('owner', '10.0.0.2');
    th.succeed('owner', '10.0.0.2');
    assert.equal(th.size, 1, "a success clears that address's record");
  });

  it('a spray of invented names cannot push out the record of an account being guessed at', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t, maxRecords: 1000 });
    for (let i = 0; i < 10; i++) th.fail('owner', '6.6.6.6');
    const wait = th.retryAfter('owner', '6.6.6.6');
    assert.ok(wait > 0);
    for (let i = 0; i < 50_000; i++) for (let k = 0; k < 4; k++) th.fail(`y${i}`, '6.6.6.6');
    assert.ok(th.size <= 1000, 'bounded');
    assert.equal(th.retryAfter('owner', '6.6.6.6'), wait, 'the guessed-at account keeps its delay');
  });
});

describe('access', () => {
  const u = (role: User['role'], unitCode: string | null): User => ({ id: 'x', username: 'x', passwordHash: '', role, unitCode, displayName: 'x', disabled: false });
  const yingkou = { code: '041002', departmentCode: '041' };
  const other = { code: '052001', departmentCode: '052' };
  it('unit officers edit only their unit, departments their units, admins all', () => {
    assert.equal(canEditUnit(undefined, yingkou), false);
    assert.equal(canEditUnit(u('unit', '041002'), yingkou), true);
    assert.equal(canEditUnit(u('unit', '041003'), yingkou), false);
    assert.equal(canEditUnit(u('department', '041'), yingkou), true);
    assert.equal(canEditUnit(u('department', '041'), other), false);
    assert.equal(canEditUnit(u('admin', null), other), true);
    assert.equal(canOverseeDepartment(u('department', '041'), '052'), false);
    assert.equal(canOverseeDepartment(u('unit', '041'), '041'), false);
  });
});

describe('password hashing under a burst', () => {
  it('derives at most two at once (128 MiB each), the rest wait their turn', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`burst-${i}-password`)));
    clearInterval(timer);
    assert.equal(new Set(hashes).size, 6);
    assert.ok(peak - before < 400 * 1024 * 1024, `peak grew by ${Math.round((peak - before) / 1048576)} MiB`);
  });
});
