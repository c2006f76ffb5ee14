/**
 * A unit's layout setting: the finance bureau (department or admin account) chooses the template
 * its disclosures are generated in; "按地区" goes back to the province's template. Recorded in the
 * audit log. The choice applies to generation from then on; published versions keep their layout.
 */
import type { Hono } from 'hono';
import { canEditUnit, canOversee } from '../../auth/access.ts';
import { clientAddress, csrfField, refuse, render, type AppEnv, type Ctx, type Deps } from '../context.ts';
import { html } from '../html.ts';
import { generationTemplates, regionTemplate, unitTemplate } from '../unit-template.ts';

/** The value of the "by region" choice in the form. */
const BY_REGION = '';

export function registerUnitTemplate(app: Hono<AppEnv>, deps: Deps) {
  const { store } = deps;

  /** The unit when the signed-in account may set its layout, else the refusal. */
  const settable = async (c: Ctx, action: string) => {
    const user = c.get('user');
    const code = c.req.param('code') ?? '';
    const unit = await store.getUnit(code);
    if (!unit) return render(c, '未找到', html`<h1>单位 ${code} 不存在</h1>`, 404);
    if (!canOversee(user) || !canEditUnit(user, unit)) return refuse(c, deps, action, code, '只有主管部门和财政局账号可以设置单位的公开版式');
    return unit;
  };

  app.get('/oversight/units/:code/template', async (c) => {
    const unit = await settable(c, 'unit.template.read');
    if (unit instanceof Response) return unit;
    const byRegion = regionTemplate(unit.regionCode);
    const current = unitTemplate(unit);
    const templates = generationTemplates();
    const nameOf = (id: string) => templates.find((t) => t.id === id)?.name ?? id;
    return render(
      c,
      `${unit.name} 公开版式`,
      html`<h1>${unit.name}：公开版式</h1>
${c.req.query('saved') ? html`<p class="flash ok">已保存。</p>` : ''}
<p>生成公开文件时使用的版式（表的数量、表名、表头、情况说明和名词解释）。现用：<strong class="current-template">${nameOf(current)}</strong>${unit.template ? '（由财政部门指定）' : '（按地区）'}。</p>
<form method="post" action="/oversight/units/${unit.code}/template" class="card">${csrfField(c)}
<fieldset><legend>选择版式</legend>
<label><input type="radio" name="template" value="${BY_REGION}"${unit.template ? '' : ' checked'}> 按地区：${nameOf(byRegion)}</label><br>
${templates.map((t) => html`<label><input type="radio" name="template" value="${t.id}"${unit.template === t.id ? ' checked' : ''}> ${t.name}（${t.region}）</label><br>`)}
</fieldset>
<p class="muted">更改只影响此后生成和发布的版本；已公开的版本保持原版式。</p>
<button type="submit">保存</button></form>
<p><a href="/oversight">返回监督页面</a></p>`,
    );
  });

  app.post('/oversight/units/:code/template', async (c) => {
    const unit = await settable(c, 'unit.template');
    if (unit instanceof Response) return unit;
    const body = await c.req.parseBody();
    const chosen = typeof body.template === 'string' ? body.template.trim() : BY_REGION;
    if (chosen !== BY_REGION && !generationTemplates().some((t) => t.id === chosen))
      return render(c, '无法保存', html`<h1>无法保存</h1><p class="flash error">没有名为“${chosen}”的可用于生成的版式。</p><p><a href="/oversight/units/${unit.code}/template">返回</a></p>`, 400);
    const before = unit.template ?? null;
    const after = chosen === BY_REGION ? null : chosen;
    await store.setUnitTemplate(unit.code, after);
    await store.audit({
      actor: c.get('user')!.username,
      action: 'unit.template',
      target: unit.code,
      outcome: 'ok',
      beforeHash: null,
      afterHash: null,
      detail: `公开版式：${before ?? '按地区'} → ${after ?? `按地区（${regionTemplate(unit.regionCode)}）`}`,
      clientAddress: clientAddress(c, deps.options),
    });
    return c.redirect(`/oversight/units/${unit.code}/template?saved=1`, 303);
  });
}
