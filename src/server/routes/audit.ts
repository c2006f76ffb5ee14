/**
 * The audit log for the bureau's admins: filters (outcome, action, account, dates), pages of 100
 * newest first, the anonymous traffic counters, and a check of the hash chain on request.
 * Action ids stay English in the database and the API; the page shows their Chinese labels.
 */
import type { Hono } from 'hono';
import { isAdmin } from '../../auth/access.ts';
import type { AuditFilter } from '../../store/store.ts';
import { auditActionLabel, auditActorLabel } from '../audit-labels.ts';
import { clientAddress, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { html } from '../html.ts';

const PAGE = 100;

/** The filter a query string asks for; anything malformed is ignored rather than refused. */
export function auditFilter(q: (k: string) => string | undefined): AuditFilter {
  const f: AuditFilter = {};
  const outcome = q('outcome');
  if (outcome === 'ok' || outcome === 'refused') f.outcome = outcome;
  const action = q('action')?.trim();
  if (action && action.length <= 100) f.action = action;
  const actor = q('actor')?.trim();
  if (actor && actor.length <= 100) f.actor = actor;
  for (const k of ['from', 'to'] as const) {
    const v = q(k);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) f[k] = v;
  }
  const before = q('before');
  if (before && /^\d{1,15}$/.test(before)) f.beforeSeq = Number(before);
  return f;
}

function query(f: AuditFilter, extra: Record<string, string | number> = {}): string {
  const p = new URLSearchParams();
  for (const k of ['outcome', 'action', 'actor', 'from', 'to'] as const) if (f[k]) p.set(k, String(f[k]));
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function registerAudit(app: Hono<AppEnv>, deps: Deps) {
  const { store } = deps;

  app.get('/admin/audit', async (c: Ctx) => {
    if (!isAdmin(c.get('user'))) return refuse(c, deps, 'audit.read', 'audit_log', '只有财政局管理员可以查看审计日志');
    const f = auditFilter((k) => c.req.query(k));
    const [entries, actions, counters] = await Promise.all([store.listAudit({ ...f, limit: PAGE + 1 }), store.auditActions(), store.listAuditCounters({ days: 30 })]);
    const more = entries.length > PAGE;
    const shown = entries.slice(0, PAGE);
    const chain = c.req.query('verify') === '1' ? await store.verifyAuditChain() : undefined;
    if (chain)
      await store.audit({
        actor: c.get('user')!.username,
        action: 'audit.verify',
        target: 'audit_log',
        outcome: chain.ok ? 'ok' : 'refused',
        beforeHash: null,
        afterHash: null,
        detail: chain.ok ? `${chain.rows} 行` : `第 ${chain.broken!.seq} 行：${chain.broken!.reason}`,
        clientAddress: clientAddress(c, deps.options),
      });
    const filtered = Boolean(f.outcome || f.action || f.actor || f.from || f.to);
    return render(
      c,
      '审计日志',
      html`<h1>审计日志</h1>
${chain ? html`<p class="flash ${chain.ok ? 'ok' : 'error'}" role="status">${chain.ok ? `哈希链完好：${chain.rows} 行逐行核对一致。` : `哈希链断裂：第 ${chain.broken!.seq} 行${chain.broken!.reason}。该行或其前后的记录在平台之外被改动过。`}</p>` : ''}
<form method="get" action="/admin/audit" class="card search">
<label class="inline" for="f-outcome">结果</label> <select id="f-outcome" name="outcome"><option value="">全部</option><option value="ok" ${f.outcome === 'ok' ? 'selected' : ''}>成功</option><option value="refused" ${f.outcome === 'refused' ? 'selected' : ''}>拒绝</option></select>
<label class="inline" for="f-action">操作</label> <select id="f-action" name="action"><option value="">全部</option>${actions.map((a) => html`<option value="${a}" ${a === f.action ? 'selected' : ''}>${auditActionLabel(a)}</option>`)}</select>
<label class="inline" for="f-actor">操作人</label> <input type="text" id="f-actor" name="actor" value="${f.actor ?? ''}" size="12">
<label class="inline" for="f-from">从</label> <input type="date" id="f-from" name="from" value="${f.from ?? ''}">
<label class="inline" for="f-to">到</label> <input type="date" id="f-to" name="to" value="${f.to ?? ''}">
<button type="submit">筛选</button> ${filtered ? html`<a href="/admin/audit">清除筛选</a>` : ''}</form>
<p class="muted">每页 ${PAGE} 条，最新的在前。记录只能追加：数据库拒绝修改和删除，且逐行以哈希相连。<a href="/admin/audit${query(f, { verify: 1 })}">校验哈希链</a></p>
<div class="scroll"><table class="grid audit"><thead><tr><th>#</th><th>时间（UTC）</th><th>操作人</th><th>操作</th><th>对象</th><th>结果</th><th>客户端地址</th><th>之前哈希</th><th>之后哈希</th><th>说明</th></tr></thead><tbody>
${shown.map(
  (e) =>
    html`<tr><td>${e.seq}</td><td class="num">${e.at.replace('T', ' ').slice(0, 19)}</td><td>${auditActorLabel(e.actor)}</td><td title="${e.action}">${auditActionLabel(e.action)}</td><td>${e.target}</td><td class="${e.outcome === 'refused' ? 'sev-error' : ''}">${e.outcome === 'ok' ? '成功' : '拒绝'}</td><td>${e.clientAddress ?? ''}</td><td class="hash">${e.beforeHash?.slice(7, 19) ?? ''}</td><td class="hash">${e.afterHash?.slice(7, 19) ?? ''}</td><td>${e.detail}</td></tr>`,
)}</tbody></table></div>
${shown.length === 0 ? html`<p>没有符合条件的记录。</p>` : ''}
<p>${f.beforeSeq !== undefined ? html`<a href="/admin/audit${query(f)}">回到最新</a> ` : ''}${more ? html`<a href="/admin/audit${query(f, { before: shown[shown.length - 1]!.seq })}" rel="next">下一页（更早）</a>` : ''}</p>
<h2>未登录访问的统计（近 30 天）</h2>
<p class="muted">未登录访客的被拒请求和失败登录只按天计数，不逐条记入日志，以免任何人都能让日志无限增长。</p>
${
  counters.length === 0
    ? html`<p>没有记录。</p>`
    : html`<div class="scroll"><table class="grid counters"><thead><tr><th>日期（UTC）</th><th>操作</th><th>结果</th><th>次数</th></tr></thead><tbody>
${counters.map((k) => html`<tr><td>${k.day}</td><td title="${k.action}">${auditActionLabel(k.action)}</td><td>${k.outcome === 'ok' ? '成功' : '拒绝'}</td><td class="num">${k.count}</td></tr>`)}</tbody></table></div>`
}`,
    );
  });
}
