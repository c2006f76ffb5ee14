/**
 * Who may do what. Public: read. Unit officer: write its own unit. Department: its units (and its
 * own department disclosure). Bureau admin: everything, plus the audit log and accounts.
 */
import type { Unit, User } from '../store/store.ts';

export const ROLE_NAMES: Record<User['role'], string> = { unit: '单位财务人员', department: '主管部门', admin: '财政局管理员' };

export function canEditUnit(user: User | undefined, unit: Pick<Unit, 'code' | 'departmentCode'>): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'department') return unit.code === user.unitCode || unit.departmentCode === user.unitCode;
  return unit.code === user.unitCode;
}

/** Oversight of a department's units (status, batch checks, export). */
export function canOverseeDepartment(user: User | undefined, departmentCode: string): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'department' && user.unitCode === departmentCode);
}

export function canOversee(user: User | undefined): boolean {
  return user?.role === 'admin' || user?.role === 'department';
}

export function isAdmin(user: User | undefined): boolean {
  return user?.role === 'admin';
}
