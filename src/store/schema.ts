/**
 * Table types of the portal database. Timestamps are ISO-8601 text and JSON documents are text,
 * so the same queries run unchanged on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export type Role = 'unit' | 'department' | 'admin';
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
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  drafts: DraftsTable;
  published_versions: PublishedVersionsTable;
  audit_log: AuditLogTable;
}
