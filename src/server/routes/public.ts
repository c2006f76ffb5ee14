/**
 * Public pages (no sign-in): the unit list, a unit's disclosure with findings, history and
 * downloads, comparisons, the department roll-up, and the check page (nothing stored).
 */
import type { Hono } from 'hono';
import type { BudgetInput } from '../../core/budget.ts';
import type { Disclosure } from '../../core/disclosure.ts';
import { departmentBudget, isOwnOrgan, TO_FILL, type DepartmentProfile } from '../../generate/department-budget.ts';
import type { PublishedSummary, Unit } from '../../store/store.ts';
import { badRequest, csrfField, parseYear, render, renderBuilt, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { changedTexts, compareDisclosures } from '../compare.ts';
import { EngineUnavailable, renderHtml, type Finding } from '../engines.ts';
import type { JobPool } from '../job-pool.ts';
import { runJob, type CheckedDocument } from '../jobs.ts';
import { generate } from '../../pipeline/generate.ts';
import { layoutLabel, unitTemplate } from '../unit-template.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import { FAVICON_SVG } from '../layout.ts';
import { guideHtml } from '../guide.ts';
import { packageZip } from '../package-archive.ts';
import { NO_STAMP, unitListStamp, unitPageStamp, versionFileStamp } from '../page-stamps.ts';
import { servePublic } from '../public-cache.ts';
import type { Built } from '../response-cache.ts';
import { regionName } from '../regions.ts';
import { parseJsonUpload, takeUpload, uploadForm, type Upload } from '../upload.ts';
import { comparisonView, disclosureView, findingsView, scroller, textChangesView } from '../views.ts';
import { checkRollup, summarize as countBySeverity } from '../../rules/index.ts';

function download(body: Uint8Array | string, type: string, filename: string, hash: string): Built {
  return {
    body,
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'x-content-hash': hash,
    },
  };
}

/** Unit list entries are also refreshed this often (a unit renamed by another process publishes nothing). */
const LIST_REFRESH_MS = 10_000;

const fileBase = (u: Unit | undefined, code: string, year: number, version: number) => `${year}年${u?.name ?? code}预算公开-v${version}`;

export function registerPublic(app: Hono<AppEnv>, deps: Deps) {
  const { store } = deps;

  app.get('/', async (c) => {
    const q = (c.req.query('q') ?? '').trim();
    const region = c.req.query('region') ?? '';
    const dept = c.req.query('department') ?? '';
    const year = parseYear(c.req.query('year'));
    const key = `list:${JSON.stringify([q, region, dept, year ?? null])}`;
    return servePublic(c, deps, {
      key,
      stamp: key.length > 200 ? NO_STAMP : unitListStamp(store, LIST_REFRESH_MS),
      build: () => unitList(c, q, region, dept, year),
      cacheControl: 'public, no-cache',
    });
  });

  const unitList = async (c: Ctx, q: string, region: string, dept: string, year: number | undefined): Promise<Built> => {
    const [units, latest] = await Promise.all([store.listUnits(), store.latestVersions()]);
    const depts = units.filter((u) => u.scope === 'department');
    const byUnit = new Map<string, PublishedSummary[]>();
    for (const v of latest) byUnit.set(v.unitCode, [...(byUnit.get(v.unitCode) ?? []), v]);
    const years = [...new Set(latest.map((v) => v.year))].sort((a, b) => b - a);
    const regions = [...new Set(units.map((u) => u.regionCode))].sort();
    const shown = units.filter(
      (u) =>
        (!q || u.name.includes(q) || u.code.includes(q)) &&
        (!region || u.regionCode === region) &&
        (!dept || u.departmentCode === dept || u.code === dept) &&
        (!year || (byUnit.get(u.code) ?? []).some((v) => v.year === year)),
    );
    const groups = new Map<string, Unit[]>();
    for (const u of shown) {
      const key = `${u.regionCode}|${u.scope === 'department' ? u.code : (u.departmentCode ?? '')}`;
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    const deptName = (code: string) => depts.find((d) => d.code === code)?.name ?? (code || '未归属部门');
    return renderBuilt(
      c,
      '单位列表',
      html`<h1>部门和单位预算公开</h1>
<form method="get" action="/" class="card search"><input type="search" name="q" value="${q}" placeholder="单位名称或编码" aria-label="搜索">
<select name="region" aria-label="地区"><option value="">全部地区</option>${regions.map((r) => html`<option value="${r}" ${r === region ? 'selected' : ''}>${regionName(r)}</option>`)}</select>
<select name="department" aria-label="主管部门"><option value="">全部部门</option>${depts.map((d) => html`<option value="${d.code}" ${d.code === dept ? 'selected' : ''}>${d.name}</option>`)}</select>
<select name="year" aria-label="年度"><option value="">全部年度</option>${years.map((y) => html`<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`)}</select>
<button type="submit">查询</button></form>
${shown.length === 0 ? html`<p>没有符合条件的单位。</p>` : ''}
${[...groups].map(([key, list]) => {
  const [r, d] = key.split('|') as [string, string];
  return html`<h2>${regionName(r)} · ${d ? html`<a href="/departments/${d}">${deptName(d)}</a>` : '未归属部门'}</h2>
${scroller(
  `${regionName(r)}的单位`,
  html`<table class="grid units"><thead><tr><th>编码</th><th>名称</th><th>类型</th><th>已公开年度</th></tr></thead><tbody>
${list.map(
  (u) => html`<tr><td>${u.code}</td><td class="name"><a href="/units/${u.code}">${u.name}</a>${u.scope === 'department' ? html` <span class="badge">部门</span>` : ''}</td><td>${u.kind}</td>
<td>${(byUnit.get(u.code) ?? []).sort((a, b) => b.year - a.year).map((v) => html`<a href="/units/${u.code}/${v.year}">${v.year}年</a>（v${v.version}） `)}${(byUnit.get(u.code) ?? []).length ? '' : html`<span class="muted">尚未公开</span>`}</td></tr>`,
)}</tbody></table>`,
)}`;
})}`,
    );
  };

  // The site icon; /favicon.ico is what browsers ask for without a <link>.
  const icon = (c: Ctx) => c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
  app.get('/favicon.svg', icon);
  app.get('/favicon.ico', icon);

  app.get('/guide', (c) => render(c, '使用指南', html`<article class="guide">${raw(guideHtml())}</article>`));

  app.get('/units/:code', async (c) => {
    const code = c.req.param('code');
    const unit = await store.getUnit(code);
    const versions = await store.listVersions(code);
    if (!unit) return render(c, '未找到', html`<h1>单位 ${code} 不存在</h1>`, 404);
    if (versions.length === 0) return render(c, unit.name, html`<h1>${unit.name}</h1><p>该单位尚未公开预算。</p>`);
    return c.redirect(`/units/${code}/${versions[0]!.year}`, 302);
  });

  app.get('/units/:code/:year{[0-9]{4}}', async (c) => {
    const code = c.req.param('code');
    const year = Number(c.req.param('year'));
    const vq = c.req.query('v');
    const version = vq && /^\d{1,9}$/.test(vq) ? Number(vq) : undefined;
    return servePublic(c, deps, {
      key: `unit:${code}:${year}:${version ?? 'latest'}`,
      stamp: unitPageStamp(store, code),
      build: () => unitPage(c, code, year, version),
      cacheControl: 'public, no-cache',
    });
  });

  const unitPage = async (c: Ctx, code: string, year: number, version: number | undefined): Promise<Built | Response> => {
    const [unit, v, history] = await Promise.all([store.getUnit(code), store.getVersion(code, year, version), store.listVersions(code)]);
    if (!unit || !v) return render(c, '未找到', html`<h1>未找到 ${code} ${year} 年${version ? ` 第 ${version} 版` : ''}的公开文件</h1>`, 404);
    const d = v.disclosure as Disclosure;
    const findings = v.findings as Finding[];
    const thisYear = history.filter((h) => h.year === year);
    const prev = v.version > 1 ? await store.getVersion(code, year, v.version - 1) : undefined;
    const base = `/units/${code}/${year}/v/${v.version}`;
    const otherYears = [...new Set(history.map((h) => h.year))].filter((y) => y !== year);
    const dept = unit.departmentCode ? await store.getUnit(unit.departmentCode) : undefined;
    const counts = countBySeverity(findings);
    return renderBuilt(
      c,
      `${year}年${unit.name}`,
      html`<h1>${year}年 ${unit.name} ${unit.scope === 'department' ? '部门' : '单位'}预算公开</h1>
<p class="muted">${regionName(unit.regionCode)}${dept ? html` · 主管部门 <a href="/departments/${dept.code}">${dept.name}</a>` : ''} · ${unit.scope === 'department' ? '部门' : '单位'}编码 ${unit.code} · 第 ${v.version} 版，发布于 ${v.publishedAt.slice(0, 10)} · <span class="layout">${layoutLabel(d.template)}</span></p>
${v.version < (thisYear[0]?.version ?? 0) ? html`<p class="flash error">这不是最新版本。<a href="/units/${code}/${year}">查看最新版</a></p>` : ''}
<p class="downloads">下载：<a href="${base}/disclosure.html">网页（HTML）</a><a href="${base}/disclosure.xlsx">Excel</a><a href="${base}/disclosure.pdf">PDF</a><a href="${base}/package.zip">数据包（zip）</a><a href="${base}/disclosure.json">JSON</a>
${otherYears.length ? html` · 对比：${otherYears.map((y) => html`<a href="/compare?a=${code}:${y}&b=${code}:${year}">${y} 年 → ${year} 年</a> `)}` : ''}</p>
<p class="muted">核验信息（内容哈希、版本历史、检查结果）见<a href="#verify">本页末尾</a>。</p>
${await disclosureView(d, findings, v.contentHash)}
<details class="verify" id="verify"><summary>核验信息 <span class="muted">（内容哈希 · ${thisYear.length} 个版本 · 检查发现错误 ${counts.error}、警告 ${counts.warning}、提示 ${counts.info}）</span></summary>
<h2>内容哈希</h2><p>sha256，规范化 JSON：<span class="hash content-hash">${v.contentHash}</span></p>
<p class="muted">下载的文件可以用 <code>gongkai verify</code> 重新计算哈希，确认未被篡改。</p>
<h2>版本历史</h2>
${scroller(
  '版本历史',
  html`<table class="grid history"><thead><tr><th>版本</th><th>发布时间</th><th>发布人</th><th>原因</th><th>内容哈希</th><th>操作</th></tr></thead><tbody>
${thisYear.map(
  (
    h,
  ) => html`<tr class="version-row"><td>v${h.version}</td><td class="num">${h.publishedAt.replace('T', ' ').slice(0, 16)}</td><td>${h.publishedBy === 'system' ? publisherName(h.publishedBy, unit) : h.publisherName}</td><td>${publicReason(h.reason)}</td><td><span class="hash short">${h.contentHash.slice(7, 19)}…</span></td>
<td><a href="/units/${code}/${year}?v=${h.version}">查看</a>${h.version > 1 ? html` · <a href="/compare?a=${code}:${year}:${h.version - 1}&b=${code}:${year}:${h.version}">与上一版比较</a>` : ''}</td></tr>`,
)}</tbody></table>`,
)}
${prev ? html`<h3>第 ${v.version} 版相对第 ${prev.version} 版的变化</h3>${versionChanges(prev.disclosure as Disclosure, d)}` : ''}
<h2>检查结果</h2>${findingsView(findings)}</details>`,
    );
  };

  app.get('/units/:code/:year{[0-9]{4}}/v/:version{[0-9]+}/:file', async (c) => {
    const code = c.req.param('code');
    const year = Number(c.req.param('year'));
    const version = Number(c.req.param('version'));
    const file = c.req.param('file');
    // Downloads of a published version never change: clients may keep them for a day.
    return servePublic(c, deps, {
      key: `file:${code}:${year}:${version}:${file}`,
      stamp: versionFileStamp(store, code, year, version),
      build: () => versionFile(c, code, year, version, file),
      cacheControl: 'public, max-age=86400',
    });
  });

  const versionFile = async (c: Ctx, code: string, year: number, version: number, file: string): Promise<Built | Response> => {
    const v = await store.getVersion(code, year, version);
    if (!v) return render(c, '未找到', html`<h1>未找到该版本</h1>`, 404);
    const unit = await store.getUnit(code);
    const d = v.disclosure as Disclosure;
    const name = fileBase(unit, code, year, version);
    try {
      switch (file) {
        case 'disclosure.html':
          return download(await renderHtml(d, v.findings as Finding[]), 'text/html; charset=utf-8', `${name}.html`, v.contentHash);
        case 'disclosure.xlsx':
          return download(
            await runJob<Uint8Array>(deps.pool, { kind: 'render', format: 'xlsx', disclosure: d }),
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            `${name}.xlsx`,
            v.contentHash,
          );
        case 'disclosure.pdf':
          return download(await runJob<Uint8Array>(deps.pool, { kind: 'render', format: 'pdf', disclosure: d }), 'application/pdf', `${name}.pdf`, v.contentHash);
        case 'disclosure.json':
          return download(JSON.stringify(d, null, 2), 'application/json; charset=utf-8', `${name}.json`, v.contentHash);
        case 'package.zip':
          return download(await packageZip(v), 'application/zip', `${name}.zip`, v.contentHash);
      }
    } catch (e) {
      if (e instanceof EngineUnavailable) return render(c, '暂不可用', html`<h1>暂不可用</h1><p>${e.message}</p>`, 503);
      throw e;
    }
    return render(c, '未找到', html`<h1>没有这种下载格式</h1>`, 404);
  };

  app.get('/compare', async (c) => {
    const units = await store.listUnits();
    const names = new Map(units.map((u) => [u.code, u.name]));
    // Every published version of every unit and year, newest first within a unit.
    const all = (await Promise.all(units.map((u) => store.listVersions(u.code)))).flat();
    const latest = new Set((await store.latestVersions()).map((v) => `${v.unitCode}:${v.year}:${v.version}`));
    const options = all.map((v) => ({
      value: `${v.unitCode}:${v.year}:${v.version}`,
      label: `${names.get(v.unitCode) ?? v.unitCode} ${v.year}年 第${v.version}版${latest.has(`${v.unitCode}:${v.year}:${v.version}`) ? '（最新）' : ''}`,
    }));
    const a = c.req.query('a') ?? '';
    const b = c.req.query('b') ?? '';
    // "Only changed rows" is on unless the form was sent with it unticked (the hidden 0 alone).
    const changedParams = c.req.queries('changed') ?? [];
    const onlyChanged = changedParams.length === 0 || changedParams.includes('1');
    const [va, vb] = await Promise.all([a, b].map((ref) => loadRef(ref)));
    const chosen = (ref: string, v: { v: { unitCode: string; year: number; version: number } } | undefined) => (v ? `${v.v.unitCode}:${v.v.year}:${v.v.version}` : ref);
    const select = (name: 'a' | 'b', cur: string) =>
      html`<label class="inline" for="cmp-${name}">${name === 'a' ? '基准' : '对比'}</label> <select id="cmp-${name}" name="${name}">${options.map((o) => html`<option value="${o.value}" ${cur === o.value ? 'selected' : ''}>${o.label}</option>`)}</select>`;
    const form = html`<h1>对比</h1><form method="get" action="/compare" class="card compare-form">${select('a', chosen(a, va))} ${select('b', chosen(b, vb))}
<input type="hidden" name="changed" value="0"><label class="inline"><input type="checkbox" name="changed" value="1" ${onlyChanged ? 'checked' : ''}> 只显示有变化的行</label> <button>对比</button></form>`;
    if (!a || !b) return render(c, '对比', html`${form}<p class="muted">选择两个单位、同一单位的两个年度或同一年度的两个版本：金额按科目编码（收入按来源）逐行对比，文字按句对比。</p>`);
    if (!va || !vb) return render(c, '对比', html`${form}<p class="flash error">找不到要对比的公开文件（${!va ? a : b}）。</p>`, 404);
    const da = va.v.disclosure as Disclosure;
    const db = vb.v.disclosure as Disclosure;
    const rows = compareDisclosures(da, db);
    const changed = rows.filter((r) => r.diff !== 0).length;
    const texts = changedTexts(da, db);
    return render(
      c,
      '对比',
      html`${form}<h2>${va.label} → ${vb.label}</h2>
<p class="compare-summary">金额：${changed ? html`<b>${changed}</b> 处不同` : '各表一致'}；文字：${texts.length ? html`<b>${texts.length}</b> 处有改动` : '无改动'}。</p>
<p class="muted">单位：万元。增减 = 对比 − 基准；增减率相对基准。红色为增加，绿色为减少，黄色底为只在一方出现的科目。</p>
<h2>金额</h2>${comparisonView(rows, { a: va.label, b: vb.label }, { onlyChanged })}
<h2>文字</h2>${texts.length > 20 ? html`<details class="text-diff"><summary>${texts.length} 处文字改动（展开查看）</summary>${textChangesView(texts)}</details>` : textChangesView(texts)}`,
    );
  });

  /** "code:year" (latest version) or "code:year:version" → that published version. */
  const loadRef = async (ref: string) => {
    const [code, y, ver] = ref.split(':');
    const year = parseYear(y);
    if (!code || !year) return undefined;
    const v = await store.getVersion(code, year, ver && /^\d{1,9}$/.test(ver) ? Number(ver) : undefined);
    const unit = v && (await store.getUnit(code));
    return v && { v, label: `${unit?.name ?? code} ${year}年 第${v.version}版` };
  };

  const rollup = async (deptCode: string, year: number) => {
    const dept = await store.getUnit(deptCode);
    if (!dept) return undefined;
    // The department's own organ (本级) is one of its units, listed first.
    const all = (await store.listUnits({ departmentCode: deptCode })).filter((u) => u.scope === 'unit');
    const units = [...all.filter((u) => isOwnOrgan(deptCode, u)), ...all.filter((u) => !isOwnOrgan(deptCode, u))];
    const versions = (await Promise.all(units.map((u) => store.getVersion(u.code, year)))).filter((v) => v !== undefined);
    const budgets = versions.filter((v) => v.budget !== null);
    const published = await store.getVersion(deptCode, year);
    const profile = { code: dept.code, name: dept.name, regionCode: dept.regionCode, ...departmentTexts(published?.budget as BudgetInput | null | undefined) };
    const gen = budgets.length
      ? generate(
          departmentBudget(
            profile,
            budgets.map((v) => v.budget as BudgetInput),
          ),
          { template: unitTemplate(dept) },
        )
      : undefined;
    return { dept, units, versions, gen, published, missing: units.filter((u) => !versions.some((v) => v.unitCode === u.code)) };
  };

  const departmentPage = async (c: Ctx, deptCode: string, year: number, uploaded?: { name: string; disclosure: Disclosure }) => {
    const r = await rollup(deptCode, year);
    if (!r) return render(c, '未找到', html`<h1>部门 ${deptCode} 不存在</h1>`, 404);
    const totals = (d: Disclosure) => {
      const t3 = d.tables.find((t) => t.no === 3);
      const row = t3?.rows.find((x) => /合计|总计/.test(x.join(''))) ?? t3?.rows[0];
      return row?.filter((x) => /^-?[\d,]+\.\d{2}$/.test(x)) ?? [];
    };
    const against = uploaded ?? (r.published ? { name: `已公开的部门预算 v${r.published.version}`, disclosure: r.published.disclosure as Disclosure } : undefined);
    // 部门 = 本级 + Σ 所属单位, by the rule catalogue's roll-up rules (rounding noise is 提示).
    const rollupFindings = against
      ? checkRollup(
          against.disclosure,
          r.versions.map((v) => v.disclosure as Disclosure),
        )
      : [];
    const problems = rollupFindings.filter((f) => f.severity !== 'info');
    const sumRow = r.gen?.disclosure ? totals(r.gen.disclosure) : [];
    const ownOrgan = r.units.find((u) => isOwnOrgan(deptCode, u));
    return render(
      c,
      `${year}年${r.dept.name}部门预算汇总`,
      html`<h1>${year}年 ${r.dept.name} 部门预算汇总</h1>
<p class="muted">部门名称：${r.dept.name} · 部门编码 ${r.dept.code} · ${regionName(r.dept.regionCode)}。部门预算 = 本级 + 所属各单位预算。单位：万元。</p>
${ownOrgan ? '' : html`<p class="flash error no-own-organ">尚未登记部门本级（${r.dept.name}本级，编码一般为 ${deptCode}001）：部门预算由本级和所属单位组成，缺少本级的汇总不完整。</p>`}
${scroller(
  '所属单位汇总',
  html`<table class="grid rollup"><thead><tr><th>单位编码</th><th>单位</th><th>版本</th><th>合计</th><th>基本支出</th><th>人员经费</th><th>公用经费</th><th>项目支出</th></tr></thead><tbody>
${r.versions.map((v) => {
  const u = r.units.find((x) => x.code === v.unitCode)!;
  const t = totals(v.disclosure as Disclosure);
  return html`<tr data-unit="${u.code}"><td>${u.code}</td><td class="name"><a href="/units/${u.code}/${year}">${u.name}</a>${isOwnOrgan(deptCode, u) ? html` <span class="badge">本级</span>` : ''}</td><td>v${v.version}</td>${t.map((x) => html`<td class="num">${x}</td>`)}</tr>`;
})}
<tr class="sum-row"><th colspan="3" scope="row">部门合计（本级 + 所属单位）</th>${sumRow.map((x) => html`<th class="num">${x}</th>`)}</tr></tbody></table>`,
)}
${r.missing.length ? html`<p class="flash error">尚未公开 ${year} 年预算的单位：${r.missing.map((u) => `${u.code} ${u.name}`).join('、')}</p>` : ''}
<h2>核对部门预算与本级及所属单位之和</h2>
${
  against
    ? html`<p>核对对象：${against.name}</p>${
        problems.length === 0
          ? html`<p class="flash ok rollup-result">部门预算与本级及所属单位之和一致${rollupFindings.length ? `（${rollupFindings.length} 处差额在尾差范围内）` : ''}。</p>`
          : html`<p class="flash error rollup-result">发现 ${problems.length} 处不一致：</p>`
      }${problems.length ? findingsView(rollupFindings) : ''}`
    : html`<p class="muted">该部门尚未公开 ${year} 年部门预算。可以上传一份部门预算文件进行核对。</p>`
}
<form method="post" action="/departments/${deptCode}/check?year=${year}" enctype="multipart/form-data" class="card">${csrfField(c)}
<label for="dept-file">上传部门预算公开文件（.txt / .xlsx / .pdf / .html / .json）与本级及所属单位之和核对（不保存）</label><input type="file" id="dept-file" name="file" required> <button>核对</button></form>
${r.gen?.disclosure ? html`<h2>汇总生成的部门预算</h2><p class="muted">部门概况、绩效目标和增减原因由主管部门在部门层面填写；未填写的部分标为“待填写”，不取用所属单位的文字。</p>${await disclosureView(r.gen.disclosure)}` : ''}`,
    );
  };

  app.get('/departments/:code', async (c) => {
    const code = c.req.param('code');
    const year = parseYear(c.req.query('year')) ?? (await latestYear(deps, code));
    return departmentPage(c, code, year);
  });

  app.post('/departments/:code/check', async (c) => {
    const code = c.req.param('code');
    const year = parseYear(c.req.query('year')) ?? (await latestYear(deps, code));
    const body = await uploadForm(c, deps.options.maxUploadBytes);
    const up = await takeUpload(body.file, ['txt', 'xlsx', 'pdf', 'html', 'json'], deps.options.maxUploadBytes);
    const r = await documentOf(up, deps.pool);
    if (!r.disclosure) return badRequest(c, 400, `无法从“${up.name}”读出公开文件：${r.problems.join('；') || '格式无法识别'}`);
    return departmentPage(c, code, year, { name: `上传的文件“${up.name}”`, disclosure: r.disclosure });
  });

  const checkForm = (c: Ctx) => html`<h1>文档检查</h1><p>上传已公开的预算文件（.txt / .xlsx / .pdf / .html），或预算数据 / 公开文件 JSON，查看其中的问题。文件不会被保存。</p>
<form method="post" action="/check" enctype="multipart/form-data" class="card">${csrfField(c)}<label for="check-file">文件</label><input type="file" id="check-file" name="file" required accept=".txt,.xlsx,.pdf,.html,.htm,.json"> <button type="submit">检查</button></form>`;

  app.get('/check', (c) => render(c, '文档检查', checkForm(c)));

  app.post('/check', async (c) => {
    const body = await uploadForm(c, deps.options.maxUploadBytes);
    const up = await takeUpload(body.file, ['txt', 'xlsx', 'pdf', 'html', 'json'], deps.options.maxUploadBytes);
    const r = await documentOf(up, deps.pool);
    if (!r.disclosure) return badRequest(c, 400, `无法从“${up.name}”读出公开文件：${r.problems.join('；') || '格式无法识别'}`);
    return render(
      c,
      '检查结果',
      html`${checkForm(c)}<h2>“${up.name}”的检查结果</h2>
<p class="muted">${r.disclosure.year}年 ${r.disclosure.unit.name} · 读出 ${r.disclosure.tables.length} 张表、${r.disclosure.narrative.length} 段说明、${r.disclosure.glossary.length} 条名词解释</p>
${r.problems.length ? html`<details><summary>读取时的问题（${r.problems.length}）</summary><ul>${r.problems.slice(0, 200).map((p) => html`<li>${p}</li>`)}</ul></details>` : ''}
${findingsView(r.findings)}`,
    );
  });
}

async function latestYear(deps: Deps, deptCode: string): Promise<number> {
  const units = await deps.store.listUnits({ departmentCode: deptCode });
  const latest = (await deps.store.latestVersions()).filter((v) => v.unitCode === deptCode || units.some((u) => u.code === v.unitCode));
  return latest.reduce((y, v) => Math.max(y, v.year), 0) || new Date().getFullYear();
}

/**
 * Any uploaded document → Disclosure + findings, through the one check path
 * (pipeline/load-for-check.ts), in the portal's worker pool when it has one (jobs.ts). The
 * upload's bytes are moved to the worker: `up.bytes` is not to be used afterwards.
 */
export async function documentOf(up: Upload, pool?: JobPool): Promise<CheckedDocument> {
  if (up.kind === 'json') parseJsonUpload(up); // nesting depth and syntax refused with the upload's own name
  return runJob<CheckedDocument>(pool, { kind: 'check', name: up.name, type: up.kind, bytes: up.bytes });
}

function versionChanges(a: Disclosure, b: Disclosure): SafeHtml {
  const amounts = compareDisclosures(a, b).filter((r) => r.diff !== 0);
  const texts = changedTexts(a, b);
  if (!amounts.length && !texts.length) return html`<p class="muted">金额和文字均无变化。</p>`;
  return html`<div class="version-diff">${texts.length ? textChangesView(texts) : html`<p class="muted">文字无变化。</p>`}
${amounts.length ? comparisonView(amounts, { a: '上一版', b: '本版' }) : html`<p class="muted">金额无变化。</p>`}</div>`;
}

/** Who published, for readers: accounts by name; the platform's own first load said so. */
export function publisherName(by: string, unit: Unit): string {
  return by === 'system' ? `平台初始数据（${unit.name}）` : by;
}

/** A publication reason without the paths of the files it was made from (those are the operator's, not the reader's). */
export function publicReason(reason: string): string {
  return reason.replace(/[（(]\s*由\s*[^（）()]*?[\\/][^（）()]*?生成\s*[)）]/g, '').trim() || '首次公开';
}

/** The department's own texts from its own published budget (never a unit's); placeholders are not texts. */
export function departmentTexts(b: BudgetInput | null | undefined): Partial<DepartmentProfile> {
  if (!b || b.scope !== 'department') return {};
  const filled = (t: string | undefined) => (t && !t.includes(TO_FILL('').slice(0, 4)) ? t : undefined);
  const reasons = Object.fromEntries(Object.entries(b.reasons ?? {}).filter(([, v]) => filled(v)));
  return {
    ...(b.unit.duties?.length ? { duties: b.unit.duties } : {}),
    ...(filled(b.unit.dutiesIntro) ? { dutiesIntro: b.unit.dutiesIntro } : {}),
    ...(filled(b.overallGoal?.goals) ? { goals: b.overallGoal!.goals } : {}),
    reasons,
  };
}
