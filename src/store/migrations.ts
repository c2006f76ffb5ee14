/**
 * Schema migrations, in code so they ship with the server and run on start for both dialects.
 * Each migration is append-only; never edit one that has shipped.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { auditRowHash, type ChainedFields } from './audit-chain.ts';

type Dialect = 'sqlite' | 'postgres';

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('units')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('region_code', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('department_code', 'text')
          .addColumn('approval_date', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('units_department').on('units').column('department_code').execute();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('unit_code', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('drafts')
          .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('budget_json', 'text', (c) => c.notNull())
          .addColumn('edits_json', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('drafts_pk', ['unit_code', 'year'])
          .execute();
        await db.schema
          .createTable('published_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('disclosure_json', 'text', (c) => c.notNull())
          .addColumn('budget_json', 'text')
          .addColumn('findings_json', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('published_by', 'text', (c) => c.notNull())
          .addColumn('published_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('published_versions_unit_year_version', ['unit_code', 'year', 'version'])
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', dialect === 'postgres' ? 'serial' : 'integer', (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('before_hash', 'text')
          .addColumn('after_hash', 'text')
          .addColumn('detail', 'text', (c) => c.notNull())
          .execute();
        // Published versions are immutable: the database itself refuses updates and deletes.
        if (dialect === 'sqlite') {
          for (const op of ['UPDATE', 'DELETE'])
            await sql.raw(`CREATE TRIGGER published_versions_no_${op.toLowerCase()} BEFORE ${op} ON published_versions BEGIN SELECT RAISE(ABORT, 'published versions are immutable'); END`).execute(db);
        } else {
          await sql.raw(`CREATE FUNCTION published_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'published versions are immutable'; END $$`).execute(db);
          await sql.raw(`CREATE TRIGGER published_versions_no_change BEFORE UPDATE OR DELETE ON published_versions FOR EACH ROW EXECUTE FUNCTION published_versions_immutable()`).execute(db);
        }
      },
    },
    // Accounts (display names, disabling, password changes) and an audit log that is append-only
    // (the database refuses UPDATE and DELETE) and hash-chained (audit-chain.ts), with the client's
    // address; anonymous traffic is counted per day instead of written row by row. Additive: the
    // rows already there are chained in seq order before the triggers go on.
    '003_accounts_audit_chain': {
      async up(db: Kysely<any>) {
        for (const column of ['display_name', 'disabled_at', 'password_changed_at']) await db.schema.alterTable('users').addColumn(column, 'text').execute();
        for (const column of ['client_address', 'prev_hash', 'row_hash']) await db.schema.alterTable('audit_log').addColumn(column, 'text').execute();
        await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'seq']).execute();
        await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'seq']).execute();
        await db.schema
          .createTable('audit_counters')
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('count', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('audit_counters_pk', ['day', 'action', 'outcome'])
          .execute();
        let prev = '';
        let after = -1;
        for (;;) {
          const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
          if (rows.length === 0) break;
          for (const r of rows) {
            const row_hash = auditRowHash(prev, { ...(r as ChainedFields), client_address: null });
            await db.updateTable('audit_log').set({ prev_hash: prev, row_hash }).where('seq', '=', r.seq).execute();
            prev = row_hash;
            after = Number(r.seq);
          }
        }
        if (dialect === 'sqlite') {
          for (const op of ['UPDATE', 'DELETE'])
            await sql.raw(`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END`).execute(db);
        } else {
          await sql.raw(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$`).execute(db);
          await sql.raw(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`).execute(db);
          await sql.raw(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`).execute(db);
        }
      },
    },
    // The layout a unit's disclosure is generated in, chosen by its finance bureau; null: by region.
    '004_unit_template': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('units').addColumn('template', 'text').execute();
      },
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) };
}
