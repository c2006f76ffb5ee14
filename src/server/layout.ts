/** The page frame: header with navigation and sign-in state, CSS, footer. */
import type { User } from '../store/store.ts';
import { ROLE_NAMES } from '../auth/access.ts';
import { html, raw, type SafeHtml } from './html.ts';

const CSS = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f5f7fa;line-height:1.6}
header.site{background:#9e1b1b;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
header.site a{color:#fff;text-decoration:none}header.site .brand{font-weight:700;font-size:1.2rem}
header.site nav{display:flex;gap:1rem;flex:1}header.site .who{font-size:.9rem}
header.site form{display:inline}header.site button{background:none;border:1px solid #fff;color:#fff;border-radius:3px;cursor:pointer}
main{max-width:1280px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.6rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-left:4px solid #9e1b1b;padding-left:.5rem}
table.grid{border-collapse:collapse;background:#fff;margin:.5rem 0;font-size:.9rem}
table.grid th,table.grid td{border:1px solid #c9d1db;padding:.25rem .5rem;vertical-align:top}
table.grid th{background:#eef2f6;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.up{color:#b3261e;font-weight:600}.down{color:#1b6e2e;font-weight:600}.new{background:#fff7d6}
.card{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:1rem;margin:.8rem 0}
.sev-error{color:#b3261e;font-weight:700}.sev-warning{color:#a15c00;font-weight:600}.sev-info{color:#51606f}
.badge{display:inline-block;padding:0 .45rem;border-radius:10px;font-size:.8rem;background:#e3e8ee}
.badge.published{background:#d7f0dc}.badge.errors{background:#fbd9d6}.badge.draft{background:#fff0c2}.badge.late{background:#b3261e;color:#fff}
form.inline{display:inline}label{display:block;margin:.4rem 0 .15rem;font-weight:600}
input[type=text],input[type=password],input[type=search],select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #aab4c0;border-radius:4px}
textarea{width:100%;min-height:5rem}button,.button{font:inherit;background:#9e1b1b;color:#fff;border:0;border-radius:4px;padding:.35rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#4a5a6a}.muted{color:#5f6b78;font-size:.9rem}.hash{font-family:monospace;font-size:.8rem;word-break:break-all}
.flash{padding:.6rem 1rem;border-radius:4px;margin:.6rem 0}.flash.error{background:#fbd9d6}.flash.ok{background:#d7f0dc}
.disclosure-body{background:#fff;padding:1rem;border:1px solid #d8dee6;overflow-x:auto}
.downloads a{margin-right:.8rem}
`;

export function page(opts: { title: string; user?: User; csrf: string; body: SafeHtml; head?: SafeHtml }): string {
  const u = opts.user;
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · 预算公开平台</title><style>${raw(CSS)}</style>${opts.head ?? ''}</head><body>
<header class="site"><a class="brand" href="/">预算公开平台</a>
<nav><a href="/">单位列表</a><a href="/compare">对比</a><a href="/check">文档检查</a>${u ? html`<a href="/prepare">编制与发布</a>` : ''}${u && u.role !== 'unit' ? html`<a href="/oversight">监督</a>` : ''}${u?.role === 'admin' ? html`<a href="/admin/audit">审计日志</a>` : ''}</nav>
<span class="who">${
    u
      ? html`${u.username}（${ROLE_NAMES[u.role]}${u.unitCode ? ` ${u.unitCode}` : ''}） <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button>退出</button></form>`
      : html`<a href="/login">登录</a>`
  }</span></header>
<main>${opts.body}</main></body></html>`}`;
}
