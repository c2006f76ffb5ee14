/** View fragments shared by the pages: findings, an embedded disclosure, comparisons. */
import type { Disclosure } from '../core/disclosure.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { renderHtml, type Finding } from './engines.ts';
import { cents, type ComparedRow } from './compare.ts';
import { SEVERITY_NAMES, summarize as countBySeverity } from '../rules/index.ts';

export function findingsView(findings: Finding[], opts: { limit?: number } = {}): SafeHtml {
  const c = countBySeverity(findings);
  if (findings.length === 0) return html`<p class="flash ok">未发现问题。</p>`;
  const shown = findings.slice(0, opts.limit ?? 500);
  return html`<p class="findings-summary">共 <b>${findings.length}</b> 项：<span class="sev-error">错误 ${c.error}</span>，<span class="sev-warning">警告 ${c.warning}</span>，<span class="sev-info">提示 ${c.info}</span></p>
<table class="grid findings"><thead><tr><th>级别</th><th>规则</th><th>位置</th><th>说明</th><th>应为</th><th>实为</th></tr></thead><tbody>
${shown.map(
  (f) => html`<tr class="finding sev-${f.severity}-row"><td class="sev-${f.severity}">${SEVERITY_NAMES[f.severity]}</td><td><code>${f.rule}</code></td><td>${locationText(f)}</td><td>${f.message}</td><td class="num">${f.expected ?? ''}</td><td class="num">${f.found ?? ''}</td></tr>`,
)}</tbody></table>${findings.length > shown.length ? html`<p class="muted">另有 ${findings.length - shown.length} 项未显示。</p>` : ''}`;
}

function locationText(f: Finding): string {
  const l = f.location;
  return [l.table ? `表${l.table}` : '', l.row ?? '', l.column ?? '', l.section ?? ''].filter(Boolean).join(' ');
}

/** The disclosure as the HTML renderer prints it (its styles and body), inside our page. */
/**
 * Rendered views of published versions, by content hash. A version's content never changes, and
 * rendering it (mostly the ECharts SVG charts) took ~65 ms of a ~150 ms page; bounded, oldest out.
 */
const viewCache = new Map<string, SafeHtml>();
const VIEW_CACHE_SIZE = 256;

export async function disclosureView(d: Disclosure, findings?: Finding[], cacheKey?: string): Promise<SafeHtml> {
  if (cacheKey !== undefined) {
    const hit = viewCache.get(cacheKey);
    if (hit) return hit;
    const view = await disclosureView(d, findings);
    if (viewCache.size >= VIEW_CACHE_SIZE) viewCache.delete(viewCache.keys().next().value!);
    viewCache.set(cacheKey, view);
    return view;
  }
  // The page lists its findings itself, so the renderer is not asked to print them again.
  void findings;
  const doc = await renderHtml(d);
  const styles = [...doc.matchAll(/<style[^>]*>[\s\S]*?<\/style>/gi)].map((m) => m[0]).join('\n');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(doc)?.[1] ?? doc;
  // Scope the renderer's page-level rules to the embedded block so they do not restyle our frame.
  const scoped = styles.replace(/(^|[{}])\s*(html|body)\s*\{/g, '$1 .disclosure-body {');
  return html`<div class="disclosure-body">${raw(scoped)}${raw(body)}</div>`;
}

export function comparisonView(rows: ComparedRow[], labels: { a: string; b: string }, opts: { onlyChanged?: boolean } = {}): SafeHtml {
  const shown = opts.onlyChanged ? rows.filter((r) => r.diff !== 0) : rows;
  const byTable = new Map<number, ComparedRow[]>();
  for (const r of shown) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  if (shown.length === 0) return html`<p class="flash ok">两份文件的金额完全一致。</p>`;
  return html`${[...byTable].map(
    ([no, list]) => html`<h3>表${no} ${list[0]!.tableTitle}</h3>
<table class="grid compare" data-table="${no}"><thead><tr><th>编码/项目</th><th>名称</th><th>栏目</th><th>${labels.a}</th><th>${labels.b}</th><th>增减</th><th>增减率</th></tr></thead><tbody>
${list.map(
  (r) => html`<tr data-key="${r.rowKey}" data-column="${r.column}" class="${r.a === null || r.b === null ? 'new' : ''}"><td>${r.rowKey}</td><td>${r.rowLabel}</td><td>${r.column}</td><td class="num">${cents(r.a)}</td><td class="num">${cents(r.b)}</td><td class="num ${r.diff > 0 ? 'up' : r.diff < 0 ? 'down' : ''}">${r.diff === 0 ? '' : (r.diff > 0 ? '+' : '') + cents(r.diff)}</td><td class="num ${r.diff > 0 ? 'up' : r.diff < 0 ? 'down' : ''}">${r.pct}</td></tr>`,
)}</tbody></table>`,
  )}`;
}
