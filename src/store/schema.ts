/**
 * Table types of the portal database. Timestamps are ISO-8601 text and JSON documents are text,
 * so the same queries run unchanged on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export type Role = 'unit' | 'department' | 'admin';

/** The roles as people read them (also the public stand-in for an account without a display name). */
export const ROLE_NAMES: Record<Role, string> = { unit: '单位财务人员', department: '主管部门', admin: '财政局管理员' };
export type UnitScope = 'unit' | 'department';

export interface UnitsTable {
  code: string;
  name: string;
  region_code: string;
  kind: string;
  /** 'department' rows are supervising departments (主管部门); their units point at them. */
  scope: UnitScope;
  department_code: string | null;
  approval_date: string | null;
  created_at: string;
  /** Template id set by the bureau (migration 004); null: the template of the unit's region. */
  template: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  /** Unit officer: their unit; department: the department's code; admin: null. */
  unit_code: string | null;
  created_at: string;
  /** Shown on public pages instead of the username (migration 002; null on older accounts). */
  display_name: string | null;
  /** Set when the account is disabled: it can no longer sign in and its sessions are gone. */
  disabled_at: string | null;
  password_changed_at: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie token: a leaked table does not yield usable cookies. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface DraftsTable {
  unit_code: string;
  year: number;
  budget_json: string;
  /** Free-text edits made in the browser, applied over the budget before generation. */
  edits_json: string;
  /** Optimistic-locking counter: a save names the version it started from. */
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface PublishedVersionsTable {
  id: string;
  unit_code: string;
  year: number;
  version: number;
  disclosure_json: string;
  budget_json: string | null;
  findings_json: string;
  content_hash: string;
  reason: string;
  published_by: string;
  published_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'ok' | 'refused';
  before_hash: string | null;
  after_hash: string | null;
  detail: string;
  /** The client's address as the portal saw it (behind a trusted proxy: the proxy's entry). */
  client_address: string | null;
  /** The previous row's row_hash ('' for the first row): the rows form a hash chain. */
  prev_hash: string | null;
  /** sha256 over prev_hash and this row's fields (audit-chain.ts). */
  row_hash: string | null;
}

/** Anonymous traffic counted per day, action and outcome instead of one audit row per request. */
export interface AuditCountersTable {
  day: string;
  action: string;
  outcome: string;
  count: number;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  drafts: DraftsTable;
  published_versions: PublishedVersionsTable;
  audit_log: AuditLogTable;
  audit_counters: AuditCountersTable;
}
