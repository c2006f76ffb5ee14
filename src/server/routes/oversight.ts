/**
 * Oversight (department / finance bureau): every unit's status and the 20-day rule, checks of all
 * units at once, and one archive with every published package.
 */
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import type { BudgetInput } from '../../core/budget.ts';
import { canEditUnit, canOversee } from '../../auth/access.ts';
import type { Unit, User } from '../../store/store.ts';
import { clientAddress, parseYear, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { generate } from '../../pipeline/generate.ts';
import { unitTemplate } from '../unit-template.ts';
import { summarize as countBySeverity } from '../../rules/index.ts';
import { html } from '../html.ts';
import { scroller } from '../views.ts';
import { exportArchive, packInPool } from '../oversight-export.ts';
import type { Finding } from '../engines.ts';

export const PUBLICATION_DAYS = 20;

export type UnitStatus = 'not-started' | 'draft' | 'has-errors' | 'published';
export const STATUS_NAMES: Record<UnitStatus, string> = { 'not-started': '未开始', draft: '草稿', 'has-errors': '有错误', published: '已公开' };

export interface UnitState {
  unit: Unit;
  status: UnitStatus;
  version?: number;
  draftVersion?: number;
  /** The approval date of this year's budget, from this year's budget only (never another year's). */
  approvalDate?: string;
  /** When this year's budget was first published (version 1); a later correction does not move it. */
  firstPublishedAt?: string;
  /** Days from approval to the first publication (or to today when not yet published). */
  days?: number;
  late: boolean;
  counts: { error: number; warning: number; info: number };
}

export function daysBetween(from: string, to: Date): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((b - a) / 86_400_000);
}

/**
 * The 20-day rule (预算法第十四条: 批复后二十日内公开) for one unit and year: the days from that
 * year's approval to that year's first publication; while unpublished, the days so far.
 */
export function publicationDays(approvalDate: string | undefined, firstPublishedAt: string | undefined, today: Date): { days?: number; late: boolean } {
  if (!approvalDate) return { late: false };
  const days = daysBetween(approvalDate, firstPublishedAt ? new Date(firstPublishedAt) : today);
  return { days, late: days > PUBLICATION_DAYS };
}

export async function unitStates(deps: Deps, user: User, year: number): Promise<UnitState[]> {
  const units = (await deps.store.listUnits()).filter((u) => canEditUnit(user, u));
  const today = deps.options.today?.() ?? new Date();
  const out: UnitState[] = [];
  for (const unit of units) {
    const [v, draft, history] = await Promise.all([deps.store.getVersion(unit.code, year), deps.store.getDraft(unit.code, year), deps.store.listVersions(unit.code, year)]);
    let status: UnitStatus = 'not-started';
    let counts = { error: 0, warning: 0, info: 0 };
    if (v) {
      status = 'published';
      counts = countBySeverity(v.findings as Finding[]);
    } else if (draft) {
      const g = generate(draft.budget, { template: unitTemplate(unit) });
      counts = countBySeverity(g.findings);
      status = g.inputErrors.length || counts.error ? 'has-errors' : 'draft';
      if (g.inputErrors.length) counts.error += g.inputErrors.length;
    }
    // This year's date only: the published budget's, else the draft's. The unit's stored date
    // belongs to whichever year it last published and is not used here.
    const approvalDate = (v?.budget as BudgetInput | null | undefined)?.approvalDate ?? (draft?.budget as BudgetInput | undefined)?.approvalDate ?? undefined;
    const firstPublishedAt = history.at(-1)?.publishedAt;
    const { days, late } = publicationDays(approvalDate, firstPublishedAt, today);
    out.push({ unit, status, version: v?.version, draftVersion: draft?.version, approvalDate, firstPublishedAt, days, late, counts });
  }
  return out;
}

async function chooseYear(deps: Deps, c: Ctx): Promise<number> {
  const q = parseYear(c.req.query('year'));
  if (q) return q;
  const years = [...(await deps.store.latestVersions()).map((v) => v.year), ...(await deps.store.listDrafts()).map((d) => d.year)];
  return years.length ? Math.max(...years) : new Date().getFullYear();
}

export function registerOversight(app: Hono<AppEnv>, deps: Deps) {
  app.get('/oversight', async (c) => {
    const user = c.get('user');
    if (!canOversee(user)) return refuse(c, deps, 'oversight.read', 'oversight', '只有主管部门和财政局账号可以查看监督页面');
    const year = await chooseYear(deps, c);
    const states = await unitStates(deps, user!, year);
    const count = (s: UnitStatus) => states.filter((x) => x.status === s).length;
    return render(
      c,
      '监督',
      html`<h1>${year} 年预算公开进度</h1>
<form method="get" action="/oversight" class="card">年度 <input type="text" name="year" value="${year}" size="5" aria-label="年度"> <button class="secondary">切换</button>
 · <a href="/oversight/check?year=${year}">检查全部单位</a> · <a href="/oversight/export.zip?year=${year}">导出全部公开文件（zip）</a></form>
<p>共 ${states.length} 个单位：已公开 ${count('published')}，草稿 ${count('draft')}，有错误 ${count('has-errors')}，未开始 ${count('not-started')}；超过 ${PUBLICATION_DAYS} 天未公开或公开晚于 ${PUBLICATION_DAYS} 天 ${states.filter((s) => s.late).length}；未填写 ${year} 年批复日期 ${states.filter((s) => !s.approvalDate).length}。</p>
<p class="muted">批复后天数：从 ${year} 年预算批复日期到该年预算第一次公开（第 1 版）的天数，更正版本不改变它；尚未公开的单位计到今天。预算法第十四条要求批复后 ${PUBLICATION_DAYS} 日内公开。</p>
${scroller(
  `${year} 年各单位公开进度`,
  html`<table class="grid oversight"><thead><tr><th>单位</th><th>状态</th><th>批复日期</th><th>首次公开</th><th>批复后天数</th><th>错误</th><th>警告</th><th>操作</th></tr></thead><tbody>
${states.map(
  (s) => html`<tr data-unit="${s.unit.code}" data-status="${s.status}" data-days="${s.days ?? ''}" data-late="${s.late ? '1' : '0'}"><td class="name">${s.unit.code} ${s.unit.name}</td>
<td><span class="badge ${s.status === 'published' ? 'published' : s.status === 'has-errors' ? 'errors' : s.status === 'draft' ? 'draft' : ''}">${STATUS_NAMES[s.status]}</span>${s.version ? ` v${s.version}` : ''}${s.draftVersion && s.status === 'published' ? html` <span class="muted">（另有草稿）</span>` : ''}</td>
<td class="approval">${s.approvalDate ?? html`<span class="muted no-approval">未填写 ${year} 年批复日期</span>`}</td><td class="num">${s.firstPublishedAt?.slice(0, 10) ?? '—'}</td>
<td class="num days">${s.days ?? '—'} ${s.late ? html`<span class="badge late">超过 ${PUBLICATION_DAYS} 天</span>` : s.days !== undefined && s.firstPublishedAt ? html`<span class="badge ontime">按时</span>` : ''}</td>
<td class="num">${s.counts.error}</td><td class="num">${s.counts.warning}</td>
<td>${s.version ? html`<a href="/units/${s.unit.code}/${year}">查看</a> ` : ''}<a href="/prepare/${s.unit.code}/${year}">草稿</a> <a href="/oversight/units/${s.unit.code}/template">版式</a></td></tr>`,
)}</tbody></table>`,
)}`,
    );
  });

  app.get('/oversight/check', async (c) => {
    const user = c.get('user');
    if (!canOversee(user)) return refuse(c, deps, 'oversight.check', 'oversight', '只有主管部门和财政局账号可以批量检查');
    const year = await chooseYear(deps, c);
    const started = performance.now();
    const states = await unitStates(deps, user!, year);
    const checked = states.filter((s) => s.status !== 'not-started');
    const ms = Math.round(performance.now() - started);
    deps.log({ level: 'info', event: 'batch-check', reqId: c.get('reqId'), user: user!.username, year, units: checked.length, ms });
    return render(
      c,
      '批量检查',
      html`<h1>${year} 年全部单位检查结果</h1><p>检查了 ${checked.length} 个单位（用时 ${ms} 毫秒）；错误合计 ${checked.reduce((a, s) => a + s.counts.error, 0)}，警告合计 ${checked.reduce((a, s) => a + s.counts.warning, 0)}。</p>
${scroller(
  '检查结果',
  html`<table class="grid batch"><thead><tr><th>单位</th><th>检查对象</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>
${checked.map(
  (s) =>
    html`<tr data-unit="${s.unit.code}"><td class="name"><a href="${s.status === 'published' ? `/units/${s.unit.code}/${year}#verify` : `/prepare/${s.unit.code}/${year}`}">${s.unit.code} ${s.unit.name}</a></td><td>${s.status === 'published' ? `已公开 v${s.version}` : `草稿第 ${s.draftVersion} 稿`}</td><td class="num ${s.counts.error ? 'sev-error' : ''}">${s.counts.error}</td><td class="num">${s.counts.warning}</td><td class="num">${s.counts.info}</td></tr>`,
)}</tbody></table>`,
)}<p><a href="/oversight?year=${year}">返回</a></p>`,
    );
  });

  app.get('/oversight/export.zip', async (c) => {
    const user = c.get('user');
    if (!canOversee(user)) return refuse(c, deps, 'oversight.export', 'oversight', '只有主管部门和财政局账号可以导出');
    const year = await chooseYear(deps, c);
    const units = (await deps.store.listUnits()).filter((u) => canEditUnit(user, u));
    await deps.store.audit({
      actor: user!.username,
      action: 'oversight.export',
      target: String(year),
      outcome: 'ok',
      beforeHash: null,
      afterHash: null,
      detail: `导出 ${units.length} 个单位的公开文件`,
      clientAddress: clientAddress(c, deps.options),
    });
    // Streamed unit by unit (src/server/oversight-export.ts): flat memory, the portal keeps answering.
    const { stream, done } = exportArchive({ units, getVersion: (code, y) => deps.store.getVersion(code, y), pack: packInPool(deps.pool) }, year);
    void done.then(
      (s) => deps.log({ level: 'info', event: 'export', reqId: c.get('reqId'), user: user!.username, year, ...s }),
      (e: unknown) => deps.log({ level: 'error', event: 'export', reqId: c.get('reqId'), year, message: (e as Error).message }),
    );
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', `attachment; filename="gongkai-${year}.zip"`);
    return c.body(Readable.toWeb(stream) as ReadableStream);
  });
}
