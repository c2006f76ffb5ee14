/** The JSON API (documented in openapi.ts, served at /api/openapi.json). */
import type { Hono } from 'hono';
import type { BudgetInput } from '../../core/budget.ts';
import { validateBudget } from '../../core/budget-validate.ts';
import { canEditUnit, canOversee, isAdmin } from '../../auth/access.ts';
import type { Unit } from '../../store/store.ts';
import { badRequest, clientAddress, parseYear, refuse, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { auditFilter } from './audit.ts';
import { generate } from '../../pipeline/generate.ts';
import { unitTemplate } from '../unit-template.ts';
import { openApiDocument } from '../openapi.ts';
import { publishDraft } from '../publishing.ts';
import { takeUpload, uploadForm } from '../upload.ts';
import { signIn, signOut } from './account.ts';
import { documentOf } from './public.ts';
import { unitStates } from './oversight.ts';

async function jsonBody(c: Ctx): Promise<Record<string, unknown> | Response> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) return badRequest(c, 415, '请求内容类型必须是 application/json');
  try {
    const v = await c.req.json();
    if (!v || typeof v !== 'object' || Array.isArray(v)) return badRequest(c, 400, '请求体必须是 JSON 对象');
    return v as Record<string, unknown>;
  } catch (e) {
    return badRequest(c, 400, `请求体不是有效的 JSON：${(e as Error).message}`);
  }
}

async function writable(c: Ctx, deps: Deps, action: string): Promise<{ unit: Unit; year: number } | Response> {
  const code = c.req.param('code') ?? '';
  const year = parseYear(c.req.param('year'));
  if (!year) return badRequest(c, 400, '年度必须是四位数字');
  const user = c.get('user');
  if (!user) return refuse(c, deps, action, `${code}/${year}`, '请先登录');
  const unit = await deps.store.getUnit(code);
  if (!unit) return c.json({ error: `单位 ${code} 不存在` }, 404);
  if (!canEditUnit(user, unit)) return refuse(c, deps, action, `${code}/${year}`, `账号 ${user.username} 无权修改单位 ${unit.code}`);
  return { unit, year };
}

export function registerApi(app: Hono<AppEnv>, deps: Deps) {
  const { store } = deps;

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  app.get('/api/units', async (c) => {
    const [units, latest] = await Promise.all([store.listUnits(), store.latestVersions()]);
    return c.json({
      units: units.map((u) => ({
        ...u,
        published: latest.filter((v) => v.unitCode === u.code).map((v) => ({ year: v.year, version: v.version, contentHash: v.contentHash, publishedAt: v.publishedAt })),
      })),
    });
  });

  app.get('/api/units/:code/:year/versions', async (c) => {
    const year = parseYear(c.req.param('year'));
    if (!year) return badRequest(c, 400, '年度必须是四位数字');
    // Public: the publisher's display name, never their username.
    return c.json({ versions: (await store.listVersions(c.req.param('code'), year)).map(({ publishedBy: _by, ...v }) => v) });
  });

  app.get('/api/units/:code/:year', async (c) => {
    const year = parseYear(c.req.param('year'));
    if (!year) return badRequest(c, 400, '年度必须是四位数字');
    const vq = c.req.query('version');
    const v = await store.getVersion(c.req.param('code'), year, vq && /^\d+$/.test(vq) ? Number(vq) : undefined);
    if (!v) return c.json({ error: '未找到已公开的版本' }, 404);
    const { publishedBy: _by, ...pub } = v;
    return c.json(pub);
  });

  app.post('/api/session', async (c) => {
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const r = await signIn(c, deps, String(body.username ?? '').slice(0, 100), String(body.password ?? '').slice(0, 1000));
    if (!r.ok) {
      if (r.retryAfter) c.header('Retry-After', String(r.retryAfter));
      return c.json({ error: r.message }, r.status);
    }
    const u = c.get('user')!;
    return c.json({ username: u.username, role: u.role, unitCode: u.unitCode, csrfToken: r.csrfToken });
  });

  app.delete('/api/session', async (c) => {
    await signOut(c, deps);
    return c.json({ ok: true });
  });

  app.get('/api/drafts/:code/:year', async (c) => {
    const w = await writable(c, deps, 'draft.read');
    if (w instanceof Response) return w;
    const d = await store.getDraft(w.unit.code, w.year);
    if (!d) return c.json({ error: '没有草稿' }, 404);
    const g = generate(d.budget, { template: unitTemplate(w.unit) });
    return c.json({ draft: d, disclosure: g.disclosure ?? null, findings: g.findings, inputErrors: g.inputErrors, inputWarnings: g.inputWarnings });
  });

  app.put('/api/drafts/:code/:year', async (c) => {
    const w = await writable(c, deps, 'draft.update');
    if (w instanceof Response) return w;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const budget = body.budget as BudgetInput | undefined;
    const baseVersion = body.baseVersion;
    if (!budget || typeof budget !== 'object' || typeof baseVersion !== 'number' || !Number.isInteger(baseVersion))
      return badRequest(c, 400, '请求体需要 budget（预算数据对象）和 baseVersion（整数，新建草稿为 0）');
    if (budget.unit?.code !== w.unit.code) return refuse(c, deps, 'draft.update', `${w.unit.code}/${w.year}`, `预算数据中的单位编码与 ${w.unit.code} 不符`);
    if (budget.year !== w.year) return badRequest(c, 400, `预算数据中的年度与 ${w.year} 不符`);
    // The input gate: an invalid budget is refused before anything is stored (the draft stays).
    const v = validateBudget(budget);
    if (v.errors.length) return c.json({ error: `预算数据有 ${v.errors.length} 处错误，草稿没有改动`, inputErrors: v.errors }, 422);
    const r = await store.saveDraft({ unitCode: w.unit.code, year: w.year, budget, edits: {}, baseVersion, actor: c.get('user')!.username });
    if (!r.ok) return c.json({ error: '草稿已被他人修改，未保存', yours: { baseVersion, budget }, current: r.conflict }, 409);
    const g = generate(budget, { template: unitTemplate(w.unit) });
    return c.json({ version: r.draft.version, findings: g.findings, inputErrors: g.inputErrors });
  });

  app.post('/api/drafts/:code/:year/publish', async (c) => {
    const w = await writable(c, deps, 'publish');
    if (w instanceof Response) return w;
    const body = await jsonBody(c);
    if (body instanceof Response) return body;
    const r = await publishDraft(store, c.get('user')!, w.unit, w.year, {
      baseVersion: typeof body.baseVersion === 'number' ? body.baseVersion : -1,
      acknowledgeWarnings: body.acknowledgeWarnings === true,
      reason: typeof body.reason === 'string' ? body.reason : '',
      clientAddress: clientAddress(c, deps.options),
    });
    if (!r.ok) return c.json({ error: r.message }, r.status);
    const { disclosure: _d, budget: _b, ...summary } = r.version;
    // A retried publish gets the version it already made: 200 instead of 201 Created.
    return c.json(summary, r.version.repeated ? 200 : 201);
  });

  app.post('/api/check', async (c) => {
    const body = await uploadForm(c, deps.options.maxUploadBytes);
    const up = await takeUpload(body.file, ['txt', 'xlsx', 'pdf', 'html', 'json'], deps.options.maxUploadBytes);
    const r = await documentOf(up, deps.pool);
    if (!r.disclosure) return c.json({ error: `无法从“${up.name}”读出公开文件`, problems: r.problems }, 400);
    return c.json({ unit: r.disclosure.unit, year: r.disclosure.year, tables: r.disclosure.tables.length, findings: r.findings, problems: r.problems });
  });

  app.get('/api/oversight', async (c) => {
    const user = c.get('user');
    if (!canOversee(user)) return refuse(c, deps, 'oversight.read', 'oversight', '只有主管部门和财政局账号可以查看');
    const year = parseYear(c.req.query('year')) ?? new Date().getFullYear();
    const states = await unitStates(deps, user!, year);
    return c.json({
      year,
      units: states.map((s) => ({
        code: s.unit.code,
        name: s.unit.name,
        status: s.status,
        version: s.version ?? null,
        approvalDate: s.approvalDate ?? null,
        firstPublishedAt: s.firstPublishedAt ?? null,
        days: s.days ?? null,
        late: s.late,
        counts: s.counts,
      })),
    });
  });

  app.get('/api/audit', async (c) => {
    if (!isAdmin(c.get('user'))) return refuse(c, deps, 'audit.read', 'audit_log', '只有财政局管理员可以查看审计日志');
    return c.json({ entries: await store.listAudit({ ...auditFilter((k) => c.req.query(k)), limit: Math.min(1000, Number(c.req.query('limit')) || 200) }) });
  });
}
