import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, randomPassword } from './password.ts';
import { LoginThrottle } from './login-throttle.ts';
import { canEditUnit, canOverseeDepartment } from './access.ts';
import type { User } from '../store/store.ts';

describe('password hashes', () => {
  it('verifies the right password only; salts differ', async () => {
    const h = await hashPassword('营口2024secret');
    assert.match(h, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('营口2024secret', h), true);
    assert.equal(await verifyPassword('营口2024Secret', h), false);
    assert.notEqual(h, await hashPassword('营口2024secret'));
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(randomPassword().length, 16);
  });
});

describe('login throttle', () => {
  it('locks a username after 5 failures in the window and unlocks after it', () => {
    let t = 0;
    const th = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 4; i++) th.fail('a', '1.1.1.1');
    assert.equal(th.retryAfter('a', '2.2.2.2'), 0);
    th.fail('a', '1.1.1.1');
    assert.ok(th.retryAfter('a', '2.2.2.2') > 0, 'locked by username from any address');
    assert.ok(th.retryAfter('b', '1.1.1.1') > 0, 'locked by address for any username');
    t += 15 * 60_000 + 1;
    assert.equal(th.retryAfter('a', '1.1.1.1'), 0);
  });
});

describe('access', () => {
  const u = (role: User['role'], unitCode: string | null): User => ({ id: 'x', username: 'x', passwordHash: '', role, unitCode });
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
