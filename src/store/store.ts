/**
 * The portal store: units, users, sessions, drafts (optimistic locking), published versions
 * (immutable, content-hashed, written in a transaction) and the audit log. One code path for
 * SQLite and PostgreSQL through Kysely.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { contentHash } from './canonical-json.ts';
import { auditRowHash, ChainVerifier, type ChainCheck } from './audit-chain.ts';
import { ROLE_NAMES, type Database, type Role, type UnitScope } from './schema.ts';
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
  /** What others see of this account (public pages, the audit view): never the username. */
  displayName: string;
  disabled: boolean;
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
  /** Set when a publish found the same content already published as the latest version. */
  repeated?: true;
  /** The publisher as the public may see them (set by getVersion): never the username. */
  publisherName?: string;
}

export type PublishedSummary = Omit<PublishedVersion, 'disclosure' | 'budget' | 'findings'> & {
  /** The publisher as the public may see them: display name, else the role — never the username. */
  publisherName: string;
};

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
  clientAddress: string | null;
}

/** What callers record; the store adds the sequence number, the time and the chain hashes. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'clientAddress'> & { clientAddress?: string | null };

export interface AuditFilter {
  outcome?: 'ok' | 'refused';
  action?: string;
  actor?: string;
  /** ISO date or time: entries at or after it. */
  from?: string;
  /** ISO date or time: entries before it (a bare date includes that whole day). */
  to?: string;
  /** Paging: entries with a smaller seq than this (the last seq of the previous page). */
  beforeSeq?: number;
  limit?: number;
}

export interface AuditCounter {
  day: string;
  action: string;
  outcome: string;
  count: number;
}

export type SaveDraftResult = { ok: true; draft: Draft } | { ok: false; conflict: Draft | null };

const now = () => new Date().toISOString();
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A published version's summary (no documents) with its publisher, as lists show it. */
const SUMMARY_COLUMNS = [
  'published_versions.id',
  'published_versions.unit_code',
  'year',
  'version',
  'content_hash',
  'reason',
  'published_by',
  'published_at',
  'users.display_name',
  'users.role',
  'users.unit_code as user_unit',
] as const;

export class Store {
  /** Committed writes through this store of what public pages show (units, published versions). */
  private shownWrites = 0;
  private marked = { writes: -1, others: -1, text: '' };
  /** Anonymous traffic counted in memory (day|action|outcome → n) until the next flush. */
  private pendingCounts = new Map<string, number>();
  private readonly flushTimer: NodeJS.Timeout;

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    readonly location: string,
    private readonly closeFn: () => Promise<void>,
    private readonly othersCommits: (() => number) | undefined,
  ) {
    this.flushTimer = setInterval(() => void this.flushCounts().catch(() => {}), 60_000);
    this.flushTimer.unref();
  }

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

  /** Whether the database answers (the portal's /health): one trivial query, whatever the data's size. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close() {
    clearInterval(this.flushTimer);
    await this.flushCounts().catch(() => {});
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
  async createUser(u: { username: string; passwordHash: string; role: Role; unitCode: string | null; displayName?: string }): Promise<User> {
    const id = randomUUID();
    const displayName = u.displayName?.trim() || null;
    await this.db
      .insertInto('users')
      .values({
        id,
        username: u.username,
        password_hash: u.passwordHash,
        role: u.role,
        unit_code: u.unitCode,
        created_at: now(),
        display_name: displayName,
        disabled_at: null,
        password_changed_at: null,
      })
      .execute();
    return { id, username: u.username, passwordHash: u.passwordHash, role: u.role, unitCode: u.unitCode, displayName: displayName ?? defaultDisplayName(u.role, u.unitCode), disabled: false };
  }

  /**
   * Sets a new password and ends every session of the account (a stolen cookie dies with the old
   * password). `keepSession` (a cookie token) survives: the user who changed it stays signed in.
   * Returns false when there is no such account.
   */
  async setPassword(username: string, passwordHash: string, opts: { keepSession?: string } = {}): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!user) return false;
      await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now() }).where('id', '=', user.id).execute();
      let q = trx.deleteFrom('sessions').where('user_id', '=', user.id);
      if (opts.keepSession) q = q.where('id', '!=', sha256(opts.keepSession));
      await q.execute();
      return true;
    });
  }

  /** Replaces a hash by one of the same password at today's cost (sessions are kept). */
  async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }

  /** Disables an account and ends its sessions; false when there is no such account. */
  async disableUser(username: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      if (!user) return false;
      await trx.updateTable('users').set({ disabled_at: now() }).where('id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      return true;
    });
  }

  /** Ends every session of an account (all its signed-in browsers). Returns how many ended. */
  async revokeSessions(userId: string): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
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
      .select(['sessions.csrf_token', 'sessions.expires_at', 'users.id', 'users.username', 'users.role', 'users.unit_code', 'users.password_hash', 'users.display_name', 'users.disabled_at'])
      .where('sessions.id', '=', sha256(token))
      .executeTakeFirst();
    if (!r || r.disabled_at !== null) return undefined;
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

  private saveDraftIn(
    d: { unitCode: string; year: number; budget: unknown; edits: Record<string, string>; baseVersion: number; actor: string },
    budgetJson: string,
    editsJson: string,
    t: string,
  ): Promise<SaveDraftResult> {
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('drafts').selectAll().where('unit_code', '=', d.unitCode).where('year', '=', d.year).executeTakeFirst();
      if ((current?.version ?? 0) !== d.baseVersion) return { ok: false as const, conflict: current ? toDraft(current) : null };
      if (!current) {
        await trx.insertInto('drafts').values({ unit_code: d.unitCode, year: d.year, budget_json: budgetJson, edits_json: editsJson, version: 1, updated_by: d.actor, updated_at: t }).execute();
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
        detail: `第 ${d.baseVersion + 1} 稿`,
      });
      const draft: Draft = { unitCode: d.unitCode, year: d.year, budget: d.budget, edits: d.edits, version: d.baseVersion + 1, updatedBy: d.actor, updatedAt: t };
      return { ok: true as const, draft };
    });
  }

  // ── published versions ───────────────────────────────────────────────────────────────────
  /**
   * Publishes the next version of a unit's year in one transaction (version row + audit entry).
   * A version is never updated afterwards; a correction is a new version with its reason.
   *
   * Idempotent: when the latest version of the year already has this content (a retried request,
   * a second click, two officers publishing the same draft), no version is added and that version
   * is returned marked `repeated`. Serialised per unit and year: on PostgreSQL an advisory lock
   * held to the end of the transaction, on SQLite the one connection's transactions; a clash left
   * over (another process on the same SQLite file) is retried.
   */
  async publish(p: {
    unitCode: string;
    year: number;
    disclosure: unknown;
    budget: unknown | null;
    findings: unknown[];
    reason: string;
    actor: string;
    clientAddress?: string | null /** Seeded history only (demo data); default now. */;
    publishedAt?: string;
  }): Promise<PublishedVersion> {
    const hash = contentHash(p.disclosure);
    for (let attempt = 0; ; attempt++) {
      try {
        const published = await this.db.transaction().execute(async (trx) => {
          if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(current_schema() || ':publish:' || ${`${p.unitCode}/${p.year}`}))`.execute(trx);
          const last = await trx
            .selectFrom('published_versions')
            .select(['version', 'content_hash'])
            .where('unit_code', '=', p.unitCode)
            .where('year', '=', p.year)
            .orderBy('version', 'desc')
            .limit(1)
            .executeTakeFirst();
          if (last && last.content_hash === hash) {
            const same = await trx
              .selectFrom('published_versions')
              .selectAll()
              .where('unit_code', '=', p.unitCode)
              .where('year', '=', p.year)
              .where('version', '=', last.version)
              .executeTakeFirstOrThrow();
            return { ...toVersion(same), repeated: true as const };
          }
          const v: PublishedVersion = {
            id: randomUUID(),
            unitCode: p.unitCode,
            year: p.year,
            version: (last?.version ?? 0) + 1,
            disclosure: p.disclosure,
            budget: p.budget,
            findings: p.findings,
            contentHash: hash,
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
            clientAddress: p.clientAddress ?? null,
          });
          return v;
        });
        if (!published.repeated) this.shownWrites++;
        return published;
      } catch (e) {
        // Only possible without the lock (another process on the same SQLite file): retry.
        if ((isUniqueViolation(e) || isBusy(e)) && attempt < 5) {
          await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
          continue;
        }
        throw e;
      }
    }
  }

  async listVersions(unitCode: string, year?: number): Promise<PublishedSummary[]> {
    let q = this.db
      .selectFrom('published_versions')
      .leftJoin('users', 'users.username', 'published_versions.published_by')
      .select(SUMMARY_COLUMNS)
      .where('published_versions.unit_code', '=', unitCode);
    if (year !== undefined) q = q.where('year', '=', year);
    const rows = await q.orderBy('year', 'desc').orderBy('version', 'desc').execute();
    return rows.map(publishedSummary);
  }

  /** A version, or the latest of the year when `version` is omitted. */
  async getVersion(unitCode: string, year: number, version?: number): Promise<PublishedVersion | undefined> {
    let q = this.db
      .selectFrom('published_versions')
      .leftJoin('users', 'users.username', 'published_versions.published_by')
      .selectAll('published_versions')
      .select(['users.display_name', 'users.role', 'users.unit_code as user_unit'])
      .where('published_versions.unit_code', '=', unitCode)
      .where('year', '=', year);
    if (version !== undefined) q = q.where('version', '=', version);
    const r = await q.orderBy('version', 'desc').limit(1).executeTakeFirst();
    return r && { ...toVersion(r), publisherName: publisherName(r) };
  }

  /** Latest version of every unit and year (summaries), for lists and oversight. */
  async latestVersions(): Promise<PublishedSummary[]> {
    const all = await this.db
      .selectFrom('published_versions')
      .leftJoin('users', 'users.username', 'published_versions.published_by')
      .select(SUMMARY_COLUMNS)
      .orderBy('published_versions.unit_code')
      .orderBy('year')
      .orderBy('version')
      .execute();
    const latest = new Map<string, PublishedSummary>();
    for (const r of all) latest.set(`${r.unit_code}/${r.year}`, publishedSummary(r));
    return [...latest.values()];
  }

  // ── audit ────────────────────────────────────────────────────────────────────────────────
  /**
   * Appends one entry (in a transaction of its own: the chain needs the previous row's hash). On
   * SQLite another process (the command line beside the portal) may append between this read and
   * write; SQLite then refuses the write (the chain cannot fork) and it is tried again.
   */
  async audit(e: AuditInput): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction().execute((trx) => this.auditIn(trx, e));
      } catch (err) {
        if (!isBusy(err) || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
      }
    }
  }

  /**
   * Appends an entry to the hash chain. The previous row is read under a lock that orders
   * appenders (PostgreSQL: a table lock that still lets readers through, held to commit; SQLite:
   * the connection's transactions are serial), so the chain never forks.
   */
  private async auditIn(trx: Transaction<Database>, e: AuditInput): Promise<void> {
    if (this.dialect === 'postgres') await sql`LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const last = await trx.selectFrom('audit_log').select('row_hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row = {
      at: now(),
      actor: e.actor,
      action: e.action,
      target: e.target,
      outcome: e.outcome,
      before_hash: e.beforeHash,
      after_hash: e.afterHash,
      detail: e.detail,
      client_address: e.clientAddress ?? null,
    };
    const prev = last?.row_hash ?? '';
    await trx
      .insertInto('audit_log')
      .values({ ...row, prev_hash: prev, row_hash: auditRowHash(prev, row) })
      .execute();
  }

  /**
   * Counts one anonymous request (a refusal, a failed sign-in) instead of writing a row for it: an
   * anonymous visitor must not be able to grow the audit log. Flushed to audit_counters every
   * minute and on close.
   */
  countAnonymous(action: string, outcome: 'ok' | 'refused'): void {
    const key = `${now().slice(0, 10)}|${action.slice(0, 100)}|${outcome}`;
    this.pendingCounts.set(key, (this.pendingCounts.get(key) ?? 0) + 1);
    // Bounded: actions come from the portal's own names, but a path-like action could vary.
    if (this.pendingCounts.size > 10_000) void this.flushCounts().catch(() => {});
  }

  async flushCounts(): Promise<void> {
    if (this.pendingCounts.size === 0) return;
    const pending = this.pendingCounts;
    this.pendingCounts = new Map();
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const [key, n] of pending) {
          const [day, action, outcome] = key.split('|') as [string, string, string];
          await trx
            .insertInto('audit_counters')
            .values({ day, action, outcome, count: n })
            .onConflict((oc) => oc.columns(['day', 'action', 'outcome']).doUpdateSet({ count: sql`audit_counters.count + ${n}` }))
            .execute();
        }
      });
    } catch (e) {
      // Kept for the next flush (the database may be down for a moment).
      for (const [k, n] of pending) this.pendingCounts.set(k, (this.pendingCounts.get(k) ?? 0) + n);
      throw e;
    }
  }

  /** Counters of anonymous traffic, newest day first, including what is not yet flushed. */
  async listAuditCounters(opts: { days?: number } = {}): Promise<AuditCounter[]> {
    const since = new Date(Date.now() - (opts.days ?? 30) * 86_400_000).toISOString().slice(0, 10);
    const rows = await this.db.selectFrom('audit_counters').selectAll().where('day', '>=', since).execute();
    const all = new Map(rows.map((r) => [`${r.day}|${r.action}|${r.outcome}`, Number(r.count)]));
    for (const [k, n] of this.pendingCounts) all.set(k, (all.get(k) ?? 0) + n);
    return [...all]
      .map(([k, count]) => {
        const [day, action, outcome] = k.split('|') as [string, string, string];
        return { day, action, outcome, count };
      })
      .filter((c) => c.day >= since)
      .sort((a, b) => b.day.localeCompare(a.day) || b.count - a.count);
  }

  /** Entries newest first, filtered, one page at a time (pass the last seq seen as `beforeSeq`). */
  async listAudit(opts: AuditFilter = {}): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (opts.outcome) q = q.where('outcome', '=', opts.outcome);
    if (opts.action) q = q.where('action', '=', opts.action);
    if (opts.actor) q = q.where('actor', '=', opts.actor);
    if (opts.from) q = q.where('at', '>=', opts.from);
    if (opts.to) q = q.where('at', '<', /^\d{4}-\d{2}-\d{2}$/.test(opts.to) ? `${opts.to}T99` : opts.to);
    if (opts.beforeSeq !== undefined) q = q.where('seq', '<', opts.beforeSeq);
    const rows = await q
      .orderBy('seq', 'desc')
      .limit(opts.limit ?? 200)
      .execute();
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
      clientAddress: r.client_address,
    }));
  }

  /** The actions that occur in the log (for the admin view's filter). */
  async auditActions(): Promise<string[]> {
    return (await this.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()).map((r) => r.action);
  }

  /**
   * Recomputes the audit log's hash chain from the first row: a row changed, removed or slipped
   * in behind the portal (with the append-only triggers dropped) breaks it at that row.
   */
  async verifyAuditChain(): Promise<ChainCheck> {
    const verifier = new ChainVerifier();
    let after = -1;
    for (;;) {
      const rows = await this.db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
      if (rows.length === 0) break;
      for (const r of rows) if (!verifier.next({ ...r, seq: Number(r.seq) })) return verifier.result();
      after = Number(rows[rows.length - 1]!.seq);
    }
    return verifier.result();
  }
}

class LostRace extends Error {}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01';
}

/** A published version's row (with its publisher's account columns) as the summary pages and the API list. */
function publishedSummary(
  r: PublisherColumns & { id: string; unit_code: string; year: number; version: number; content_hash: string; reason: string; published_by: string; published_at: string },
): PublishedSummary {
  return {
    id: r.id,
    unitCode: r.unit_code,
    year: r.year,
    version: r.version,
    contentHash: r.content_hash,
    reason: r.reason,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    publisherName: publisherName(r),
  };
}

type PublisherColumns = { display_name: string | null; role: Role | null; user_unit: string | null };

function publisherName(r: PublisherColumns): string {
  return r.display_name?.trim() || (r.role ? defaultDisplayName(r.role, r.user_unit) : '系统');
}

/** What an account shows when it has no display name of its own: its role (and unit). */
export function defaultDisplayName(role: Role, unitCode: string | null): string {
  return `${ROLE_NAMES[role]}${unitCode ? `（${unitCode}）` : ''}`;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

function toUnit(r: Database['units']): Unit {
  return { code: r.code, name: r.name, regionCode: r.region_code, kind: r.kind, scope: r.scope, departmentCode: r.department_code, approvalDate: r.approval_date, template: r.template ?? null };
}

function toUser(r: { id: string; username: string; role: Role; unit_code: string | null; password_hash: string; display_name: string | null; disabled_at: string | null }): User {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    unitCode: r.unit_code,
    passwordHash: r.password_hash,
    displayName: r.display_name?.trim() || defaultDisplayName(r.role, r.unit_code),
    disabled: r.disabled_at !== null,
  };
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
