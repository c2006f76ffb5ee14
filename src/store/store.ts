/**
 * The portal store: units, users, sessions, drafts (optimistic locking), published versions
 * (immutable, content-hashed, written in a transaction) and the audit log. One code path for
 * SQLite and PostgreSQL through Kysely.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { contentHash } from './canonical-json.ts';
import type { Database, Role, UnitScope } from './schema.ts';
import { openDatabase, type DialectName, type OpenOptions } from './open-database.ts';

export interface Unit {
  code: string;
  name: string;
  regionCode: string;
  kind: string;
  scope: UnitScope;
  departmentCode: string | null;
  approvalDate: string | null;
  /** Template id the bureau chose for the unit; null or absent: chosen by region (upsertUnit leaves it as it is). */
  template?: string | null;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  unitCode: string | null;
  passwordHash: string;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export interface Draft {
  unitCode: string;
  year: number;
  budget: unknown;
  edits: Record<string, string>;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export interface PublishedVersion {
  id: string;
  unitCode: string;
  year: number;
  version: number;
  disclosure: unknown;
  budget: unknown | null;
  findings: unknown[];
  contentHash: string;
  reason: string;
  publishedBy: string;
  publishedAt: string;
}

export type PublishedSummary = Omit<PublishedVersion, 'disclosure' | 'budget' | 'findings'>;

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: 'ok' | 'refused';
  beforeHash: string | null;
  afterHash: string | null;
  detail: string;
}

export type SaveDraftResult = { ok: true; draft: Draft } | { ok: false; conflict: Draft | null };

const now = () => new Date().toISOString();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Db = Kysely<Database> | Transaction<Database>;

export class Store {
  /** Committed writes through this store of what public pages show (units, published versions). */
  private shownWrites = 0;
  private marked = { writes: -1, others: -1, text: '' };

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    readonly location: string,
    private readonly closeFn: () => Promise<void>,
    private readonly othersCommits: (() => number) | undefined,
  ) {}

  static async open(opts: OpenOptions = {}): Promise<Store> {
    const o = await openDatabase(opts);
    return new Store(o.db, o.dialect, o.location, o.close, o.othersCommits);
  }

  /**
   * Whether `changeMark` also moves when other processes write: true on SQLite (the file's commit
   * counter), false on PostgreSQL, where only a query would tell.
   */
  get marksOtherWriters(): boolean {
    return this.othersCommits !== undefined;
  }

  /**
   * Changes whenever what public pages show may have changed: after a unit or a published version
   * is written through this store (moved once the write has committed) and, on SQLite, after any
   * other connection to the file commits. Cheap enough to read on every request.
   */
  changeMark(): string {
    const others = this.othersCommits?.() ?? 0;
    // Asked on every page view: the same string while nothing changed.
    if (others !== this.marked.others || this.shownWrites !== this.marked.writes) this.marked = { writes: this.shownWrites, others, text: `${this.shownWrites}.${others}` };
    return this.marked.text;
  }

  close() {
    return this.closeFn();
  }

  // ── units ────────────────────────────────────────────────────────────────────────────────
  async upsertUnit(u: Unit): Promise<void> {
    const row = {
      code: u.code,
      name: u.name,
      region_code: u.regionCode,
      kind: u.kind,
      scope: u.scope,
      department_code: u.departmentCode,
      approval_date: u.approvalDate,
    };
    await this.db
      .insertInto('units')
      .values({ ...row, created_at: now() })
      .onConflict((oc) => oc.column('code').doUpdateSet(row))
      .execute();
    this.shownWrites++;
  }

  /** The bureau's choice of template for a unit (null: back to the region's); false when there is no such unit. */
  async setUnitTemplate(code: string, template: string | null): Promise<boolean> {
    const r = await this.db.updateTable('units').set({ template }).where('code', '=', code).executeTakeFirst();
    this.shownWrites++;
    return Number(r.numUpdatedRows) > 0;
  }

  async getUnit(code: string): Promise<Unit | undefined> {
    const r = await this.db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toUnit(r);
  }

  async listUnits(filter: { departmentCode?: string; regionCode?: string; scope?: UnitScope } = {}): Promise<Unit[]> {
    let q = this.db.selectFrom('units').selectAll();
    if (filter.departmentCode) q = q.where('department_code', '=', filter.departmentCode);
    if (filter.regionCode) q = q.where('region_code', '=', filter.regionCode);
    if (filter.scope) q = q.where('scope', '=', filter.scope);
    return (await q.orderBy('code').execute()).map(toUnit);
  }

  // ── users and sessions ───────────────────────────────────────────────────────────────────
  async createUser(u: { username: string; passwordHash: string; role: Role; unitCode: string | null }): Promise<User> {
    const id = randomUUID();
    await this.db
      .insertInto('users')
      .values({ id, username: u.username, password_hash: u.passwordHash, role: u.role, unit_code: u.unitCode, created_at: now() })
      .execute();
    return { id, ...u };
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    const r = await this.db.updateTable('users').set({ password_hash: passwordHash }).where('username', '=', username).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async getUserByName(username: string): Promise<User | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r && toUser(r);
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
  }

  /** Creates a session; returns the cookie token (only its hash is stored) and its CSRF token. */
  async createSession(userId: string, ttlMs = 8 * 3600_000): Promise<{ token: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const t = Date.now();
    await this.db
      .insertInto('sessions')
      .values({ id: sha256(token), user_id: userId, csrf_token: csrfToken, created_at: new Date(t).toISOString(), expires_at: new Date(t + ttlMs).toISOString() })
      .execute();
    return { token, csrfToken };
  }

  async getSession(token: string): Promise<Session | undefined> {
    const r = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.csrf_token', 'sessions.expires_at', 'users.id', 'users.username', 'users.role', 'users.unit_code', 'users.password_hash'])
      .where('sessions.id', '=', sha256(token))
      .executeTakeFirst();
    if (!r) return undefined;
    if (r.expires_at <= now()) {
      await this.deleteSession(token);
      return undefined;
    }
    return { user: toUser(r), csrfToken: r.csrf_token, expiresAt: r.expires_at };
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
  }

  // ── drafts ───────────────────────────────────────────────────────────────────────────────
  async getDraft(unitCode: string, year: number): Promise<Draft | undefined> {
    const r = await this.db.selectFrom('drafts').selectAll().where('unit_code', '=', unitCode).where('year', '=', year).executeTakeFirst();
    return r && toDraft(r);
  }

  async listDrafts(): Promise<Omit<Draft, 'budget' | 'edits'>[]> {
    const rows = await this.db.selectFrom('drafts').select(['unit_code', 'year', 'version', 'updated_by', 'updated_at']).execute();
    return rows.map((r) => ({ unitCode: r.unit_code, year: r.year, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at }));
  }

  /**
   * Saves a draft if nobody saved since `baseVersion` (0 = creating it). On a conflict nothing is
   * written and the current draft is returned so the caller can show both versions.
   */
  async saveDraft(d: { unitCode: string; year: number; budget: unknown; edits: Record<string, string>; baseVersion: number; actor: string }): Promise<SaveDraftResult> {
    const budgetJson = JSON.stringify(d.budget);
    const editsJson = JSON.stringify(d.edits);
    const t = now();
    const lost = async (): Promise<SaveDraftResult> => ({ ok: false, conflict: (await this.getDraft(d.unitCode, d.year)) ?? null });
    try {
      return await this.saveDraftIn(d, budgetJson, editsJson, t);
    } catch (e) {
      if (e instanceof LostRace || isUniqueViolation(e)) return lost();
      throw e;
    }
  }

  private saveDraftIn(d: { unitCode: string; year: number; budget: unknown; edits: Record<string, string>; baseVersion: number; actor: string }, budgetJson: string, editsJson: string, t: string): Promise<SaveDraftResult> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('drafts').selectAll().where('unit_code', '=', d.unitCode).where('year', '=', d.year).executeTakeFirst();
      if ((current?.version ?? 0) !== d.baseVersion) return { ok: false as const, conflict: current ? toDraft(current) : null };
      if (!current) {
        await trx
          .insertInto('drafts')
          .values({ unit_code: d.unitCode, year: d.year, budget_json: budgetJson, edits_json: editsJson, version: 1, updated_by: d.actor, updated_at: t })
          .execute();
      } else {
        const r = await trx
          .updateTable('drafts')
          .set({ budget_json: budgetJson, edits_json: editsJson, version: d.baseVersion + 1, updated_by: d.actor, updated_at: t })
          .where('unit_code', '=', d.unitCode)
          .where('year', '=', d.year)
          .where('version', '=', d.baseVersion)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw new LostRace();
      }
      await this.auditIn(trx, {
        actor: d.actor,
        action: current ? 'draft.update' : 'draft.create',
        target: `${d.unitCode}/${d.year}`,
        outcome: 'ok',
        beforeHash: current ? contentHash({ budget: JSON.parse(current.budget_json), edits: JSON.parse(current.edits_json) }) : null,
        afterHash: contentHash({ budget: d.budget, edits: d.edits }),
        detail: `version ${d.baseVersion + 1}`,
      });
      const draft: Draft = { unitCode: d.unitCode, year: d.year, budget: d.budget, edits: d.edits, version: d.baseVersion + 1, updatedBy: d.actor, updatedAt: t };
      return { ok: true as const, draft };
    });
  }

  // ── published versions ───────────────────────────────────────────────────────────────────
  /**
   * Publishes the next version of a unit's year in one transaction (version row + audit entry).
   * A version is never updated afterwards; a correction is a new version with its reason.
   */
  async publish(p: { unitCode: string; year: number; disclosure: unknown; budget: unknown | null; findings: unknown[]; reason: string; actor: string; /** Seeded history only (demo data); default now. */ publishedAt?: string }): Promise<PublishedVersion> {
    for (let attempt = 0; ; attempt++) {
      try {
        const published = await this.db.transaction().execute(async (trx) => {
          const last = await trx
            .selectFrom('published_versions')
            .select(['version', 'content_hash'])
            .where('unit_code', '=', p.unitCode)
            .where('year', '=', p.year)
            .orderBy('version', 'desc')
            .limit(1)
            .executeTakeFirst();
          const v: PublishedVersion = {
            id: randomUUID(),
            unitCode: p.unitCode,
            year: p.year,
            version: (last?.version ?? 0) + 1,
            disclosure: p.disclosure,
            budget: p.budget,
            findings: p.findings,
            contentHash: contentHash(p.disclosure),
            reason: p.reason,
            publishedBy: p.actor,
            publishedAt: p.publishedAt ?? now(),
          };
          await trx
            .insertInto('published_versions')
            .values({
              id: v.id,
              unit_code: v.unitCode,
              year: v.year,
              version: v.version,
              disclosure_json: JSON.stringify(p.disclosure),
              budget_json: p.budget === null ? null : JSON.stringify(p.budget),
              findings_json: JSON.stringify(p.findings),
              content_hash: v.contentHash,
              reason: v.reason,
              published_by: v.publishedBy,
              published_at: v.publishedAt,
            })
            .execute();
          await this.auditIn(trx, {
            actor: p.actor,
            action: 'publish',
            target: `${p.unitCode}/${p.year}/v${v.version}`,
            outcome: 'ok',
            beforeHash: last?.content_hash ?? null,
            afterHash: v.contentHash,
            detail: p.reason,
          });
          return v;
        });
        this.shownWrites++;
        return published;
      } catch (e) {
        // Two publishers raced for the same version number: the loser retries with the next one.
        if (isUniqueViolation(e) && attempt < 5) continue;
        throw e;
      }
    }
  }

  async listVersions(unitCode: string, year?: number): Promise<PublishedSummary[]> {
    let q = this.db
      .selectFrom('published_versions')
      .select(['id', 'unit_code', 'year', 'version', 'content_hash', 'reason', 'published_by', 'published_at'])
      .where('unit_code', '=', unitCode);
    if (year !== undefined) q = q.where('year', '=', year);
    const rows = await q.orderBy('year', 'desc').orderBy('version', 'desc').execute();
    return rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      year: r.year,
      version: r.version,
      contentHash: r.content_hash,
      reason: r.reason,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
    }));
  }

  /** A version, or the latest of the year when `version` is omitted. */
  async getVersion(unitCode: string, year: number, version?: number): Promise<PublishedVersion | undefined> {
    let q = this.db.selectFrom('published_versions').selectAll().where('unit_code', '=', unitCode).where('year', '=', year);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r && toVersion(r);
  }

  /** Latest version of every unit and year (summaries), for lists and oversight. */
  async latestVersions(): Promise<PublishedSummary[]> {
    const all = await this.db
      .selectFrom('published_versions')
      .select(['id', 'unit_code', 'year', 'version', 'content_hash', 'reason', 'published_by', 'published_at'])
      .orderBy('unit_code')
      .orderBy('year')
      .orderBy('version')
      .execute();
    const latest = new Map<string, PublishedSummary>();
    for (const r of all)
      latest.set(`${r.unit_code}/${r.year}`, {
        id: r.id,
        unitCode: r.unit_code,
        year: r.year,
        version: r.version,
        contentHash: r.content_hash,
        reason: r.reason,
        publishedBy: r.published_by,
        publishedAt: r.published_at,
      });
    return [...latest.values()];
  }

  // ── audit ────────────────────────────────────────────────────────────────────────────────
  async audit(e: Omit<AuditEntry, 'seq' | 'at'>): Promise<void> {
    await this.auditIn(this.db, e);
  }

  private async auditIn(db: Db, e: Omit<AuditEntry, 'seq' | 'at'>): Promise<void> {
    await db
      .insertInto('audit_log')
      .values({ at: now(), actor: e.actor, action: e.action, target: e.target, outcome: e.outcome, before_hash: e.beforeHash, after_hash: e.afterHash, detail: e.detail })
      .execute();
  }

  async listAudit(opts: { limit?: number; outcome?: 'ok' | 'refused' } = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (opts.outcome) q = q.where('outcome', '=', opts.outcome);
    const rows = await q.orderBy('seq', 'desc').limit(opts.limit ?? 200).execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      outcome: r.outcome,
      beforeHash: r.before_hash,
      afterHash: r.after_hash,
      detail: r.detail,
    }));
  }
}

class LostRace extends Error {}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

function toUnit(r: Database['units']): Unit {
  return { code: r.code, name: r.name, regionCode: r.region_code, kind: r.kind, scope: r.scope, departmentCode: r.department_code, approvalDate: r.approval_date, template: r.template ?? null };
}

function toUser(r: { id: string; username: string; role: Role; unit_code: string | null; password_hash: string }): User {
  return { id: r.id, username: r.username, role: r.role, unitCode: r.unit_code, passwordHash: r.password_hash };
}

function toDraft(r: Database['drafts']): Draft {
  return { unitCode: r.unit_code, year: r.year, budget: JSON.parse(r.budget_json), edits: JSON.parse(r.edits_json), version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at };
}

function toVersion(r: Database['published_versions']): PublishedVersion {
  return {
    id: r.id,
    unitCode: r.unit_code,
    year: r.year,
    version: r.version,
    disclosure: JSON.parse(r.disclosure_json),
    budget: r.budget_json === null ? null : JSON.parse(r.budget_json),
    findings: JSON.parse(r.findings_json),
    contentHash: r.content_hash,
    reason: r.reason,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
  };
}
