/**
 * First start: an empty database gets the Yingkou 2024 unit (its department, the unit, and the
 * disclosure generated from fixtures/yingkou-2024/budget.json published as version 1), one
 * demonstration unit that has not started, and demo accounts whose passwords are returned once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BudgetInput } from '../core/budget.ts';
import { hashPassword, randomPassword } from '../auth/password.ts';
import { ROLE_NAMES, type Role } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { generate } from '../pipeline/generate.ts';
import { regionTemplate } from './unit-template.ts';

export const YINGKOU_BUDGET = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/yingkou-2024/budget.json');
export const YINGKOU_DEPARTMENT = { code: '041', name: '营口市营商环境建设局', regionCode: '210800' };
export const DEMO_UNIT = { code: '041099', name: '演示单位（示例，尚未编制）' };

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  unitCode: string | null;
}

export interface BootstrapResult {
  seeded: boolean;
  accounts: DemoAccount[];
}

/**
 * Seeds the Yingkou disclosure when nothing is published yet, and the demo accounts when there are
 * no accounts yet (an account made first with `gongkai user add` does not prevent the data seed).
 */
export async function bootstrap(store: Store, opts: { passwords?: Partial<Record<string, string>> } = {}): Promise<BootstrapResult> {
  const needData = (await store.latestVersions()).length === 0;
  const needAccounts = (await store.listUsers()).length === 0;
  if (needData) await seedYingkou(store);
  const accounts: DemoAccount[] = [];
  if (!needAccounts) return { seeded: needData, accounts };
  const add = async (username: string, role: Role, unitCode: string | null) => {
    const password = opts.passwords?.[username] ?? randomPassword();
    await store.createUser({ username, passwordHash: await hashPassword(password), role, unitCode });
    await store.audit({
      actor: 'system',
      action: 'user.create',
      target: username,
      outcome: 'ok',
      beforeHash: null,
      afterHash: null,
      detail: `演示账号：${ROLE_NAMES[role]}${unitCode ? ` ${unitCode}` : ''}`,
    });
    accounts.push({ username, password, role, unitCode });
  };
  await add('admin', 'admin', null);
  if (await store.getUnit(YINGKOU_DEPARTMENT.code)) await add('dept041', 'department', YINGKOU_DEPARTMENT.code);
  if (await store.getUnit('041002')) await add('officer041002', 'unit', '041002');
  if (await store.getUnit(DEMO_UNIT.code)) await add('officer041099', 'unit', DEMO_UNIT.code);
  return { seeded: needData || accounts.length > 0, accounts };
}

async function seedYingkou(store: Store): Promise<void> {
  const budget = JSON.parse(readFileSync(YINGKOU_BUDGET, 'utf8')) as BudgetInput;
  const g = generate(budget, { template: regionTemplate(budget.unit.regionCode) });
  if (!g.disclosure) throw new Error(`${YINGKOU_BUDGET}: cannot generate the disclosure: ${g.inputErrors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  await store.upsertUnit({ ...YINGKOU_DEPARTMENT, kind: '行政', scope: 'department', departmentCode: null, approvalDate: null });
  await store.upsertUnit({
    code: budget.unit.code,
    name: budget.unit.name,
    regionCode: budget.unit.regionCode,
    kind: budget.unit.kind,
    scope: 'unit',
    departmentCode: YINGKOU_DEPARTMENT.code,
    approvalDate: budget.approvalDate ?? null,
  });
  await store.upsertUnit({ ...DEMO_UNIT, regionCode: '210800', kind: '事业', scope: 'unit', departmentCode: YINGKOU_DEPARTMENT.code, approvalDate: null });
  await store.publish({
    unitCode: budget.unit.code,
    year: budget.year,
    disclosure: g.disclosure,
    budget,
    findings: g.findings,
    reason: '首次公开',
    actor: 'system',
    // A realistic history: published nine days after its approval, not at the server's first start
    // (which would make the demo unit late by years under the 20-day rule).
    publishedAt: seedPublishedAt(budget.approvalDate, budget.year),
  });
}

/** Nine days after approval, 10:00 Beijing time; without a date, 10 February of the budget year. */
export function seedPublishedAt(approvalDate: string | undefined, year: number): string {
  const start = approvalDate ? Date.parse(`${approvalDate}T10:00:00+08:00`) : Date.parse(`${year}-02-01T10:00:00+08:00`);
  return new Date(start + 9 * 86_400_000).toISOString();
}

export function accountsText(accounts: DemoAccount[]): string {
  const roles: Record<Role, string> = { admin: '财政局管理员', department: '主管部门', unit: '单位财务' };
  if (accounts.length === 0) return '首次启动：已载入营口市营商环境建设中心 2024 年单位预算（第 1 版）。\n';
  return [
    '首次启动：已载入营口市营商环境建设中心 2024 年单位预算（第 1 版），并创建演示账号（密码只显示这一次）：',
    ...accounts.map((a) => `  ${a.username.padEnd(15)} ${a.password}  ${roles[a.role]}${a.unitCode ? ` ${a.unitCode}` : ''}`),
    '',
  ].join('\n');
}

export const FIXTURE_DIR = join(dirname(YINGKOU_BUDGET));
