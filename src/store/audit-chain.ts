/**
 * The audit log's hash chain: each row stores the previous row's hash and a hash over that and its
 * own fields, so a row changed, inserted or removed behind the portal's back (the database's
 * append-only triggers dropped, the file edited) no longer matches when the chain is recomputed.
 */
import { createHash } from 'node:crypto';

export interface ChainedFields {
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  before_hash: string | null;
  after_hash: string | null;
  detail: string;
  client_address: string | null;
}

/** The hash of a row given its predecessor's hash ('' for the first row). */
export function auditRowHash(prevHash: string, r: ChainedFields): string {
  // A JSON array: fields cannot run into each other, and null stays distinct from ''.
  const fields = [prevHash, r.at, r.actor, r.action, r.target, r.outcome, r.before_hash, r.after_hash, r.detail, r.client_address];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface ChainCheck {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The first row that does not match, and why (Chinese, for the admin page and the CLI). */
  broken?: { seq: number; reason: string };
}

/** Walks rows in seq order (streamed in pages by the caller) and reports the first break. */
export class ChainVerifier {
  private prev = '';
  private count = 0;
  private broken: ChainCheck['broken'];

  /** Feeds the next row; returns false once the chain is broken (no need to read further). */
  next(r: ChainedFields & { seq: number; prev_hash: string | null; row_hash: string | null }): boolean {
    if (this.broken) return false;
    this.count++;
    if (r.row_hash === null || r.prev_hash === null) this.broken = { seq: r.seq, reason: '该行没有链哈希（在链建立之后写入却未经平台）' };
    else if (r.prev_hash !== this.prev) this.broken = { seq: r.seq, reason: '与前一行不衔接（前面的行被删除、插入或改动）' };
    else if (auditRowHash(r.prev_hash, r) !== r.row_hash) this.broken = { seq: r.seq, reason: '内容与其哈希不符（该行被改动）' };
    else this.prev = r.row_hash;
    return !this.broken;
  }

  result(): ChainCheck {
    return { ok: !this.broken, rows: this.count, ...(this.broken ? { broken: this.broken } : {}) };
  }
}
