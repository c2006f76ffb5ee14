/**
 * Publishing a draft: regenerate from the stored draft (never from what the browser shows),
 * refuse when the draft changed since the officer looked at it, when errors remain, or when
 * warnings were not acknowledged; a correction needs a reason. Then one store transaction.
 */
import type { BudgetInput } from '../core/budget.ts';
import type { PublishedVersion, Store, Unit, User } from '../store/store.ts';
import { contentHash } from '../store/canonical-json.ts';
import { generate } from '../pipeline/generate.ts';
import { unitTemplate } from './unit-template.ts';

/** What the officer sent: the draft version they looked at, the warnings acknowledged, a correction's reason. */
export interface PublishRequest {
  baseVersion: number;
  acknowledgeWarnings: boolean;
  reason: string;
  clientAddress?: string;
}

export type PublishResult = { ok: true; version: PublishedVersion } | { ok: false; status: 400 | 404 | 409 | 422; message: string };

/**
 * Publishes, or says why not (each refusal is recorded in the audit log). Idempotent: when the
 * draft's disclosure is already the latest published version (a retried request, a second click),
 * that version is returned with `repeated` set and nothing new is published.
 */
export async function publishDraft(store: Store, user: User, unit: Unit, year: number, req: PublishRequest): Promise<PublishResult> {
  const r = await tryPublish(store, user, unit, year, req);
  if (!r.ok)
    await store.audit({
      actor: user.username,
      action: 'publish',
      target: `${unit.code}/${year}`,
      outcome: 'refused',
      beforeHash: null,
      afterHash: null,
      detail: r.message,
      clientAddress: req.clientAddress ?? null,
    });
  return r;
}

async function tryPublish(store: Store, user: User, unit: Unit, year: number, req: PublishRequest): Promise<PublishResult> {
  const draft = await store.getDraft(unit.code, year);
  if (!draft) return { ok: false, status: 404, message: `${unit.name} ${year} 年没有草稿，请先上传预算数据` };
  if (draft.version !== req.baseVersion)
    return {
      ok: false,
      status: 409,
      message: `草稿已被 ${draft.updatedBy} 于 ${draft.updatedAt.replace('T', ' ').slice(0, 19)} 修改（当前第 ${draft.version} 版，您看到的是第 ${req.baseVersion} 版），请查看最新内容后再发布`,
    };
  const g = generate(draft.budget, { template: unitTemplate(unit) });
  if (!g.disclosure || !g.budget) return { ok: false, status: 422, message: `预算数据有误，无法生成公开文件：${g.inputErrors.map((e) => `${e.path}：${e.message}`).join('；')}` };
  const errors = g.findings.filter((f) => f.severity === 'error');
  if (errors.length) return { ok: false, status: 422, message: `检查发现 ${errors.length} 个错误，须先改正才能发布` };
  const warnings = g.findings.filter((f) => f.severity === 'warning');
  if (warnings.length && !req.acknowledgeWarnings) return { ok: false, status: 422, message: `检查发现 ${warnings.length} 个警告，请确认已阅读后勾选“已知悉警告”再发布` };
  const latest = await store.getVersion(unit.code, year);
  if (latest && latest.contentHash === contentHash(g.disclosure)) return { ok: true, version: { ...latest, repeated: true } };
  const previous = await store.listVersions(unit.code, year);
  const reason = req.reason.trim().slice(0, 2000);
  if (previous.length && !reason) return { ok: false, status: 400, message: `已公开第 ${previous[0]!.version} 版；发布更正版本必须填写更正原因` };
  const approval = (draft.budget as BudgetInput).approvalDate;
  if (approval && approval !== unit.approvalDate) await store.upsertUnit({ ...unit, approvalDate: approval });
  const version = await store.publish({
    unitCode: unit.code,
    year,
    disclosure: g.disclosure,
    budget: draft.budget,
    findings: g.findings,
    reason: reason || '首次公开',
    actor: user.username,
    clientAddress: req.clientAddress ?? null,
  });
  return { ok: true, version };
}
