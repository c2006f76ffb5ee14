/** The page frame: header with navigation and sign-in state, CSS, footer. */
import type { User } from '../store/store.ts';
import { ROLE_NAMES } from '../auth/access.ts';
import { html, raw, type SafeHtml } from './html.ts';

/*
 * Phones first in mind: nothing may be wider than the screen. Every wide table sits in its own
 * horizontal scroller (.scroll), badges and hashes never wrap inside, and below 720 px the
 * navigation folds behind a 菜单 toggle (a checkbox and its label: CSS only, no script; on wider
 * screens the checkbox is not rendered, so it is neither focusable nor an unlabelled control).
 */
const CSS = `
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#1d2733;background:#f5f7fa;line-height:1.6;overflow-wrap:anywhere}
a{color:#0b57a4}
header.site{background:#9e1b1b;color:#fff;padding:.6rem 1.5rem;display:flex;gap:.5rem 1.5rem;align-items:center;flex-wrap:wrap}
header.site a{color:#fff;text-decoration:none}header.site .brand{font-weight:700;font-size:1.2rem;white-space:nowrap}
header.site nav{display:flex;gap:.3rem 1rem;flex:1;flex-wrap:wrap}header.site nav a{white-space:nowrap}
header.site .who{font-size:.9rem;white-space:nowrap}
header.site form{display:inline}header.site button{background:none;border:1px solid #fff;color:#fff;border-radius:3px;cursor:pointer;padding:0 .5rem}
.nav-toggle{display:none}
.nav-toggle-label{display:none;margin-left:auto;border:1px solid #fff;border-radius:4px;padding:0 .6rem;cursor:pointer;white-space:nowrap}
.nav-toggle:focus-visible+.nav-toggle-label{outline:2px solid #fff;outline-offset:2px}
@media (max-width:720px){
 header.site{padding:.5rem 1rem}
 .nav-toggle{display:block;position:absolute;opacity:0;width:1px;height:1px;overflow:hidden}
 .nav-toggle-label{display:inline-block}
 header.site nav,header.site .who{display:none;flex-basis:100%}
 .nav-toggle:checked~nav{display:flex;flex-direction:column;gap:.2rem}
 .nav-toggle:checked~.who{display:block;white-space:normal}
 main{padding:.6rem .8rem 2rem}
 h1{font-size:1.25rem}
}
main{max-width:1280px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.6rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-left:4px solid #9e1b1b;padding-left:.5rem}
.scroll{overflow-x:auto;max-width:100%;margin:.5rem 0}
.scroll>table.grid{margin:0}
table.grid{border-collapse:collapse;background:#fff;margin:.5rem 0;font-size:.9rem}
table.grid th,table.grid td{border:1px solid #c9d1db;padding:.25rem .5rem;vertical-align:top}
/* In a scroller a table keeps readable columns (CJK text may otherwise break after every character). */
.scroll table.grid th,.scroll table.grid td{min-width:3.5em;overflow-wrap:normal}.scroll table.grid td.name{min-width:9em}
table.grid th{background:#eef2f6;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.up{color:#b3261e;font-weight:600}.down{color:#1b6e2e;font-weight:600}.new{background:#fff7d6}
.card{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:1rem;margin:.8rem 0}
.sev-error{color:#b3261e;font-weight:700}.sev-warning{color:#8a4b00;font-weight:600}.sev-info{color:#4f5d6b}
.badge{display:inline-block;padding:0 .45rem;border-radius:10px;font-size:.8rem;background:#e3e8ee;white-space:nowrap}
.badge.published{background:#d7f0dc}.badge.errors{background:#fbd9d6}.badge.draft{background:#fff0c2}.badge.late{background:#b3261e;color:#fff}.badge.ontime{background:#d7f0dc}
form.inline{display:inline}label{display:block;margin:.4rem 0 .15rem;font-weight:600}label.inline{display:inline;font-weight:400}
input[type=text],input[type=password],input[type=search],select,textarea{font:inherit;padding:.3rem .4rem;border:1px solid #aab4c0;border-radius:4px;max-width:100%}
textarea{width:100%;min-height:5rem}button,.button{font:inherit;background:#9e1b1b;color:#fff;border:0;border-radius:4px;padding:.35rem .9rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#4a5a6a}.muted{color:#55616e;font-size:.9rem}
.hash{font-family:monospace;font-size:.8rem;word-break:break-all}.hash.short{white-space:nowrap;word-break:normal}
.flash{padding:.6rem 1rem;border-radius:4px;margin:.6rem 0}.flash.error{background:#fbd9d6}.flash.ok{background:#d7f0dc}
.disclosure-body{background:#fff;padding:1rem;border:1px solid #d8dee6;max-width:100%;overflow-x:hidden}
.disclosure-body .table-wrap,.disclosure-body figure.chart .svg{max-width:100%}
.downloads a{margin-right:.8rem;white-space:nowrap}
details.verify{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
details.verify>summary{cursor:pointer;font-weight:700;font-size:1.1rem}
details.verify[open]>summary{margin-bottom:.5rem}
ul.findings{list-style:none;padding:0;margin:.5rem 0}
ul.findings li.finding{background:#fff;border:1px solid #d8dee6;border-left:4px solid #c9d1db;border-radius:4px;padding:.4rem .7rem;margin:.4rem 0}
ul.findings li.sev-error-row{border-left-color:#b3261e}ul.findings li.sev-warning-row{border-left-color:#d08a00}
.finding-head{display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:baseline;font-size:.9rem}
.finding-title{font-weight:600}.finding-where{color:#55616e}
.finding-msg{margin:.2rem 0 0}
.tag{display:inline-block;white-space:nowrap;font-size:.8rem;border:1px solid #c9d1db;border-radius:3px;padding:0 .35rem;margin:.2rem .4rem 0 0;background:#f5f7fa}
.tag.long{display:block;width:fit-content;white-space:normal;max-width:100%}
.search input[type=search]{width:16rem}
footer.site{max-width:1280px;margin:0 auto;padding:1rem 1.5rem 2rem;color:#55616e;font-size:.85rem;border-top:1px solid #d8dee6}
footer.site a{margin-right:1rem}
.guide{background:#fff;border:1px solid #d8dee6;border-radius:6px;padding:1rem 1.5rem;max-width:60rem}
.guide pre{overflow-x:auto;background:#f5f7fa;padding:.5rem}
.guide table{border-collapse:collapse}.guide th,.guide td{border:1px solid #c9d1db;padding:.2rem .5rem}
`;

export function page(opts: { title: string; user?: User; csrf: string; body: SafeHtml; head?: SafeHtml }): string {
  const u = opts.user;
  return `<!doctype html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${opts.title} · 预算公开平台</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${raw(CSS)}</style>${opts.head ?? ''}</head><body>
<header class="site"><a class="brand" href="/">预算公开平台</a>
<input type="checkbox" id="nav-toggle" class="nav-toggle"><label for="nav-toggle" class="nav-toggle-label">菜单</label>
<nav aria-label="主导航"><a href="/">单位列表</a><a href="/compare">对比</a><a href="/check">文档检查</a>${u ? html`<a href="/prepare">编制与发布</a>` : ''}${u && u.role !== 'unit' ? html`<a href="/oversight">监督</a>` : ''}${u?.role === 'admin' ? html`<a href="/admin/audit">审计日志</a>` : ''}<a href="/guide">使用指南</a></nav>
<span class="who">${
    u
      ? html`<a href="/account" title="我的账号：修改密码">${u.username}</a>（${ROLE_NAMES[u.role]}${u.unitCode ? ` ${u.unitCode}` : ''}） <form method="post" action="/logout"><input type="hidden" name="_csrf" value="${opts.csrf}"><button>退出</button></form>`
      : html`<a href="/login">登录</a>`
  }</span></header>
<main>${opts.body}</main>
<footer class="site"><a href="/guide">使用指南</a><a href="/check">检查已公开的文件</a><span>预算公开平台 · 依据《中华人民共和国预算法》第十四条公开</span></footer></body></html>`}`;
}

/** The site icon: a red seal with 公 (served at /favicon.svg and /favicon.ico). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect x="2" y="2" width="60" height="60" rx="12" fill="#9e1b1b"/><text x="32" y="45" font-size="38" text-anchor="middle" fill="#fff" font-family="Noto Sans CJK SC,Microsoft YaHei,sans-serif">公</text></svg>`;
