/**
 * Preparation (signed-in officers): upload budget JSON or the input workbook into a draft, see the
 * generated package and its findings, edit free texts, publish. Every write checks the unit.
 */
import type { Hono } from 'hono';
import type { BudgetInput } from '../../core/budget.ts';
import { canEditUnit } from '../../auth/access.ts';
import { formatCellError, readInputWorkbook } from '../../input/read-input-workbook.ts';
import { checkXlsxArchive } from '../../read/guards.ts';
import { writeInputWorkbook } from '../../input/write-input-workbook.ts';
import { contentHash } from '../../store/canonical-json.ts';
import type { Draft, Unit } from '../../store/store.ts';
import { badRequest, clientAddress, csrfField, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { applyTexts, textFields } from '../draft-texts.ts';
import { generate } from '../../pipeline/generate.ts';
import { unitTemplate } from '../unit-template.ts';
import { html } from '../html.ts';
import { publishDraft } from '../publishing.ts';
import { parseJsonUpload, takeUpload } from '../upload.ts';
import { validateBudgetJson } from '../../pipeline/budget-json.ts';
import type { Issue } from '../../core/budget-validate.ts';
import { disclosureView, findingsView } from '../views.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(c: Ctx, buf: Buffer, name: string) {
  c.header('Content-Type', XLSX_TYPE);
  c.header('Content-Disposition', `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
  return c.body(new Uint8Array(buf));
}

/** Loads the unit and checks the signed-in user may write it; otherwise a logged 401/403. */
async function editable(c: Ctx, deps: Deps, action: string): Promise<{ unit: Unit; year: number } | Response> {
  const code = c.req.param('code') ?? '';
  const year = Number(c.req.param('year'));
  const user = c.get('user');
  const unit = await deps.store.getUnit(code);
  if (!user) return refuse(c, deps, action, `${code}/${year}`, '请先登录');
  if (!unit) return render(c, '未找到', html`<h1>单位 ${code} 不存在</h1>`, 404);
  if (!canEditUnit(user, unit)) return refuse(c, deps, action, `${code}/${year}`, `账号 ${user.username} 无权修改单位 ${unit.code}（${unit.name}）`);
  return { unit, year };
}

const formVersion = (body: Record<string, unknown>) => (typeof body.baseVersion === 'string' && /^\d+$/.test(body.baseVersion) ? Number(body.baseVersion) : -1);

function conflictPage(c: Ctx, unit: Unit, year: number, mine: BudgetInput, current: Draft | null, what: string): Response {
  const theirs = current ? textFields(current.budget as BudgetInput) : [];
  const ours = textFields(mine);
  return render(
    c,
    '保存冲突',
    html`<h1>保存冲突：草稿已被他人修改</h1>
<p class="flash error">您开始编辑后，${current ? `${current.updatedBy} 于 ${current.updatedAt.replace('T', ' ').slice(0, 19)} 保存了第 ${current.version} 版` : '草稿已变化'}。您的${what}没有保存，以免覆盖对方的修改。</p>
<table class="grid conflict"><thead><tr><th>字段</th><th>您提交的内容</th><th>当前已保存的内容（第 ${current?.version ?? '—'} 版）</th></tr></thead><tbody>
${ours.map((f) => {
  const t = theirs.find((x) => x.name === f.name);
  return f.value === (t?.value ?? '') ? '' : html`<tr><td>${f.label}</td><td>${f.value}</td><td>${t?.value ?? ''}</td></tr>`;
})}
<tr><td>数据哈希</td><td class="hash">${contentHash(mine)}</td><td class="hash">${current ? contentHash(current.budget) : ''}</td></tr></tbody></table>
<p><a class="button" href="/prepare/${unit.code}/${year}">查看最新草稿并重新编辑</a></p>`,
    409,
  );
}

/** An input problem as listed on the draft page: the message names its field; a template problem ("(模板)") is labelled. */
const issueText = (i: Issue) => (i.path.startsWith('(') ? `${i.path}：${i.message}` : i.message);

/** An uploaded budget JSON that fails validation: every problem with its line and field; the draft is unchanged. */
function budgetErrorsPage(c: Ctx, unit: Unit, year: number, file: string, errors: Issue[]): Response {
  return render(
    c,
    '预算数据有误',
    html`<h1>“${file}”有 ${errors.length} 处错误</h1><p class="flash error">草稿没有改动。请改正以下问题后重新上传。</p>
<table class="grid cell-errors"><thead><tr><th>位置</th><th>字段</th><th>问题</th></tr></thead><tbody>
${errors.map((e) => html`<tr><td>${e.line ? `第 ${e.line} 行第 ${e.column} 列` : ''}</td><td><code>${e.path}</code></td><td>${e.message}</td></tr>`)}</tbody></table>
<p><a href="/prepare/${unit.code}/${year}">返回草稿</a></p>`,
    400,
  );
}

export function registerPrepare(app: Hono<AppEnv>, deps: Deps) {
  const { store } = deps;

  app.get('/prepare/template.xlsx', async (c) => {
    const year = Number(c.req.query('year')) || new Date().getFullYear();
    return attachment(c, await writeInputWorkbook(undefined, { year: Math.min(2100, Math.max(2000, year)) }), `预算录入模板-${year}.xlsx`);
  });

  app.get('/prepare', async (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/login?next=/prepare', 303);
    const units = (await store.listUnits()).filter((u) => canEditUnit(user, u));
    const drafts = await store.listDrafts();
    const latest = await store.latestVersions();
    const year = new Date().getFullYear();
    return render(
      c,
      '编制与发布',
      html`<h1>编制与发布</h1><p><a class="button secondary" href="/prepare/template.xlsx?year=${year}">下载 Excel 录入模板</a></p>
<table class="grid"><thead><tr><th>单位</th><th>草稿</th><th>已公开</th><th>新建或打开</th></tr></thead><tbody>
${units.map(
  (u) => html`<tr><td>${u.code} ${u.name}</td>
<td>${drafts.filter((d) => d.unitCode === u.code).map((d) => html`<a href="/prepare/${u.code}/${d.year}">${d.year}年（第 ${d.version} 稿）</a> `)}</td>
<td>${latest.filter((v) => v.unitCode === u.code).map((v) => html`<a href="/units/${u.code}/${v.year}">${v.year}年 v${v.version}</a> `)}</td>
<td><form method="get" action="/prepare/open" class="inline"><input type="hidden" name="code" value="${u.code}"><input type="text" name="year" value="${year}" size="5" aria-label="年度"> <button class="secondary">打开</button></form></td></tr>`,
)}</tbody></table>`,
    );
  });

  app.get('/prepare/open', (c) => {
    const code = c.req.query('code') ?? '';
    const year = c.req.query('year') ?? '';
    if (!/^[\w-]{1,40}$/.test(code) || !/^\d{4}$/.test(year)) return badRequest(c, 400, '请填写四位年度');
    return c.redirect(`/prepare/${code}/${year}`, 303);
  });

  app.get('/prepare/:code/:year{[0-9]{4}}', async (c) => {
    const e = await editable(c, deps, 'draft.read');
    if (e instanceof Response) return e;
    const { unit, year } = e;
    const draft = await store.getDraft(unit.code, year);
    const published = await store.listVersions(unit.code, year);
    const base = `/prepare/${unit.code}/${year}`;
    const upload = html`<form method="post" action="${base}/upload" enctype="multipart/form-data" class="card upload">${csrfField(c)}
<input type="hidden" name="baseVersion" value="${draft?.version ?? 0}">
<label for="budget-file">上传预算数据（Excel 录入工作簿 .xlsx 或预算 JSON）</label><input type="file" id="budget-file" name="file" accept=".xlsx,.json" required> <button type="submit">上传</button>
<p class="muted"><a href="/prepare/template.xlsx?year=${year}">下载空白录入模板</a>${draft ? html` · <a href="${base}/workbook.xlsx">下载当前草稿的录入工作簿</a>` : ''}</p></form>`;
    if (!draft) {
      const last = published.length ? await store.getVersion(unit.code, year) : undefined;
      return render(
        c,
        `${unit.name} ${year} 草稿`,
        html`<h1>${year}年 ${unit.name}：编制</h1><p>尚无草稿。</p>${upload}
${last?.budget ? html`<form method="post" action="${base}/from-published" class="card">${csrfField(c)}<p>已公开第 ${last.version} 版。需要更正时，可以从它创建草稿。</p><button class="secondary">从已公开版本创建草稿</button></form>` : ''}`,
      );
    }
    const g = generate(draft.budget, { template: unitTemplate(unit) });
    const errors = g.findings.filter((f) => f.severity === 'error');
    const warnings = g.findings.filter((f) => f.severity === 'warning');
    const fields = textFields(draft.budget as BudgetInput);
    const flash = c.req.query('saved') ? html`<p class="flash ok">已保存（第 ${draft.version} 稿）。</p>` : '';
    return render(
      c,
      `${unit.name} ${year} 草稿`,
      html`<h1>${year}年 ${unit.name}：草稿第 ${draft.version} 稿</h1>
<p class="muted">最后由 ${draft.updatedBy} 于 ${draft.updatedAt.replace('T', ' ').slice(0, 19)} 保存。${published.length ? html` 已公开 ${published.length} 个版本，最新 <a href="/units/${unit.code}/${year}">v${published[0]!.version}</a>。` : ''}</p>
${flash}${upload}
<h2>检查结果</h2>
${g.inputErrors.length ? html`<div class="flash error"><b>预算数据有误，无法生成：</b><ul>${g.inputErrors.map((i) => html`<li>${issueText(i)}</li>`)}</ul></div>` : findingsView(g.findings)}
<h2>发布</h2>
<form method="post" action="${base}/publish" class="card publish">${csrfField(c)}<input type="hidden" name="baseVersion" value="${draft.version}">
${errors.length ? html`<p class="flash error">有 ${errors.length} 个错误，改正前不能发布。</p>` : ''}
${warnings.length ? html`<label style="font-weight:400"><input type="checkbox" name="ack" value="1"> 已知悉上述 ${warnings.length} 个警告，确认发布</label>` : ''}
<label for="reason">${published.length ? '更正原因（必填）' : '说明（可选）'}</label><input type="text" id="reason" name="reason" size="60" ${published.length ? 'required' : ''}>
<p><button type="submit" ${errors.length || g.inputErrors.length ? 'disabled' : ''}>发布${published.length ? '更正版本' : ''}</button></p></form>
<h2>编辑文字</h2>
<form method="post" action="${base}/texts" class="card texts">${csrfField(c)}<input type="hidden" name="baseVersion" value="${draft.version}">
${fields.map((f) => html`<label for="${f.name}">${f.label}</label><textarea id="${f.name}" name="t:${f.name}" rows="${f.list ? 6 : 3}">${f.value}</textarea>`)}
<p><button type="submit">保存文字</button></p></form>
${g.inputWarnings.length ? html`<details><summary>数据提示（${g.inputWarnings.length}）</summary><ul>${g.inputWarnings.map((i) => html`<li>${issueText(i)}</li>`)}</ul></details>` : ''}
${g.disclosure ? html`<h2>生成的公开文件（预览）</h2>${await disclosureView(g.disclosure, g.findings)}` : ''}`,
    );
  });

  app.get('/prepare/:code/:year{[0-9]{4}}/workbook.xlsx', async (c) => {
    const e = await editable(c, deps, 'draft.read');
    if (e instanceof Response) return e;
    const draft = await store.getDraft(e.unit.code, e.year);
    if (!draft) return render(c, '未找到', html`<h1>没有草稿</h1>`, 404);
    return attachment(c, await writeInputWorkbook(draft.budget as BudgetInput), `${e.year}年${e.unit.name}预算录入.xlsx`);
  });

  app.post('/prepare/:code/:year{[0-9]{4}}/upload', async (c) => {
    const e = await editable(c, deps, 'draft.upload');
    if (e instanceof Response) return e;
    const { unit, year } = e;
    const body = await c.req.parseBody();
    const up = await takeUpload(body.file, ['xlsx', 'json'], deps.options.maxUploadBytes);
    let budget: BudgetInput;
    if (up.kind === 'xlsx') {
      await checkXlsxArchive(up.bytes, `“${up.name}”`);
      const r = readInputWorkbook(up.bytes);
      // Not a workbook at all (a Word file renamed .xlsx): one message, not a table of cells.
      if (r.errors && r.notWorkbook) return badRequest(c, 400, `“${up.name}”：${r.errors[0]!.message}`);
      if (r.errors)
        return render(
          c,
          '工作簿有误',
          html`<h1>录入工作簿有 ${r.errors.length} 处错误</h1><p>草稿没有改动。请改正以下单元格后重新上传。</p>
<table class="grid cell-errors"><thead><tr><th>工作表</th><th>行</th><th>列</th><th>问题</th></tr></thead><tbody>
${r.errors.map((x) => html`<tr><td>${x.sheet}</td><td>${x.row || ''}</td><td>${x.column}</td><td>${x.message}</td></tr>`)}</tbody></table>
<p><a href="/prepare/${unit.code}/${year}">返回草稿</a></p>`,
          400,
        );
      budget = r.budget;
    } else {
      budget = parseJsonUpload(up) as BudgetInput;
      // The input gate: an invalid budget is refused before anything is stored (the draft stays).
      const v = validateBudgetJson(budget);
      if (v.errors.length) return budgetErrorsPage(c, unit, year, up.name, v.errors);
    }
    const b = budget as Partial<BudgetInput> | null;
    if (!b || typeof b !== 'object' || !b.unit || typeof b.unit !== 'object') return badRequest(c, 400, `“${up.name}”不是预算数据：缺少单位信息（unit）`);
    if (b.unit.code !== unit.code) return refuse(c, deps, 'draft.upload', `${unit.code}/${year}`, `文件中的单位编码“${String(b.unit.code)}”与当前单位 ${unit.code} 不符`);
    if (b.year !== year) return badRequest(c, 400, `文件中的预算年度“${String(b.year)}”与当前年度 ${year} 不符`);
    const saved = await store.saveDraft({ unitCode: unit.code, year, budget, edits: {}, baseVersion: formVersion(body), actor: c.get('user')!.username });
    if (!saved.ok) return conflictPage(c, unit, year, budget, saved.conflict, '上传');
    return c.redirect(`/prepare/${unit.code}/${year}?saved=1`, 303);
  });

  app.post('/prepare/:code/:year{[0-9]{4}}/from-published', async (c) => {
    const e = await editable(c, deps, 'draft.create');
    if (e instanceof Response) return e;
    const last = await store.getVersion(e.unit.code, e.year);
    if (!last?.budget) return badRequest(c, 400, '没有可用的已公开版本');
    const saved = await store.saveDraft({ unitCode: e.unit.code, year: e.year, budget: last.budget, edits: {}, baseVersion: 0, actor: c.get('user')!.username });
    if (!saved.ok) return conflictPage(c, e.unit, e.year, last.budget as BudgetInput, saved.conflict, '草稿');
    return c.redirect(`/prepare/${e.unit.code}/${e.year}?saved=1`, 303);
  });

  app.post('/prepare/:code/:year{[0-9]{4}}/texts', async (c) => {
    const e = await editable(c, deps, 'draft.update');
    if (e instanceof Response) return e;
    const { unit, year } = e;
    const body = await c.req.parseBody();
    const base = formVersion(body);
    const draft = await store.getDraft(unit.code, year);
    if (!draft) return badRequest(c, 400, '没有草稿可以编辑');
    // Apply the edits to the version the officer saw only if it is still current; else show both.
    const { budget, changed } = applyTexts(draft.budget as BudgetInput, body);
    if (draft.version !== base) return conflictPage(c, unit, year, budget, draft, '文字修改');
    if (Object.keys(changed).length === 0) return c.redirect(`/prepare/${unit.code}/${year}`, 303);
    const saved = await store.saveDraft({ unitCode: unit.code, year, budget, edits: changed, baseVersion: base, actor: c.get('user')!.username });
    if (!saved.ok) return conflictPage(c, unit, year, budget, saved.conflict, '文字修改');
    return c.redirect(`/prepare/${unit.code}/${year}?saved=1`, 303);
  });

  app.post('/prepare/:code/:year{[0-9]{4}}/publish', async (c) => {
    const e = await editable(c, deps, 'publish');
    if (e instanceof Response) return e;
    const body = await c.req.parseBody();
    const r = await publishDraft(store, c.get('user')!, e.unit, e.year, {
      baseVersion: formVersion(body),
      acknowledgeWarnings: body.ack === '1',
      reason: typeof body.reason === 'string' ? body.reason : '',
      clientAddress: clientAddress(c, deps.options),
    });
    if (!r.ok) return render(c, '未能发布', html`<h1>未能发布</h1><p class="flash error">${r.message}</p><p><a href="/prepare/${e.unit.code}/${e.year}">返回草稿</a></p>`, r.status);
    return c.redirect(`/units/${e.unit.code}/${e.year}?v=${r.version.version}`, 303);
  });
}
