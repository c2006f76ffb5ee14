/** View fragments shared by the pages: findings, an embedded disclosure, comparisons. */
import type { Disclosure } from '../core/disclosure.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { renderHtml, type Finding } from './engines.ts';
import { cents, type ComparedRow, type TextChange } from './compare.ts';
import { SEVERITY_NAMES, ruleMeta, summarize as countBySeverity } from '../rules/index.ts';

/** Rule id → its Chinese title, for readers (the API keeps the ids). */
let titles: Map<string, string> | undefined;
export function ruleTitle(id: string): string {
  titles ??= new Map(ruleMeta().map((m) => [m.id, m.title]));
  return titles.get(id) ?? '其他检查';
}

/**
 * Findings as a list: one block per finding whose explanation gets the whole width; the rule's
 * Chinese title and the place on one line above it, expected and found as short tags below.
 * The rule id stays in a data attribute (and in the API), not in the text.
 */
export function findingsView(findings: Finding[], opts: { limit?: number } = {}): SafeHtml {
  const c = countBySeverity(findings);
  if (findings.length === 0) return html`<p class="flash ok">未发现问题。</p>`;
  const shown = findings.slice(0, opts.limit ?? 500);
  return html`<p class="findings-summary">共 <b>${findings.length}</b> 项：<span class="sev-error">错误 ${c.error}</span>，<span class="sev-warning">警告 ${c.warning}</span>，<span class="sev-info">提示 ${c.info}</span></p>
<ul class="findings">
${shown.map((f) => {
  const where = locationText(f);
  return html`<li class="finding sev-${f.severity}-row" data-rule="${f.rule}"><div class="finding-head"><span class="badge sev-${f.severity}">${SEVERITY_NAMES[f.severity]}</span><span class="finding-title">${ruleTitle(f.rule)}</span>${where ? html`<span class="finding-where">${where}</span>` : ''}</div>
<p class="finding-msg">${f.message}</p>${f.expected || f.found ? html`<div>${valueTag('expected', '应为', f.expected)}${valueTag('found', '实为', f.found)}</div>` : ''}</li>`;
})}</ul>${findings.length > shown.length ? html`<p class="muted">另有 ${findings.length - shown.length} 项未显示。</p>` : ''}`;
}

/** Expected / found: a short tag for a figure, a wrapping line for a quoted text. */
function valueTag(kind: 'expected' | 'found', name: string, value: string | undefined): SafeHtml | '' {
  if (!value) return '';
  return html`<span class="tag ${kind}${value.length > 24 ? ' long' : ''}">${name} ${value}</span>`;
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
  return html`<div class="disclosure-body">${raw(scoped)}${raw(embedded(body))}</div>`;
}

/**
 * A standalone document's body made a part of our page: the page has one <main> and one <h1>
 * (the document's own title block is dropped: the page's heading says it), and its footer is a
 * plain block.
 */
export function embedded(body: string): string {
  return (
    body
      // The page's own heading names the document already.
      .replace(/<header class="doc">[\s\S]*?<\/header>/, '')
      .replace(/<main>/g, '<div class="doc-main">')
      // Each table's scroller is already a region named by its caption; the section around it, named
      // by the same caption, would be a second landmark of the same name.
      .replace(/<section class="tbl" id="([^"]+)" aria-labelledby="[^"]+">/g, '<section class="tbl" id="$1">')
      // A chart keeps a legible width and scrolls sideways on a phone: keyboard users must reach it.
      .replace(/<div class="svg" role="img"(?! tabindex)/g, '<div class="svg" role="img" tabindex="0"')
      .replace(/<\/main>/g, '</div>')
      .replace(/<h1>([\s\S]*?)<\/h1>/g, '<h2 class="doc-title">$1</h2>')
      .replace(/<footer>([\s\S]*?)<\/footer>/g, '<p class="doc-footer muted">$1</p>')
  );
}

/** Amount rows side by side, one scrolling table per disclosure table. */
export function comparisonView(rows: ComparedRow[], labels: { a: string; b: string }, opts: { onlyChanged?: boolean } = {}): SafeHtml {
  const shown = opts.onlyChanged ? rows.filter((r) => r.diff !== 0) : rows;
  const byTable = new Map<number, ComparedRow[]>();
  for (const r of shown) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r]);
  if (shown.length === 0) return html`<p class="flash ok amounts-same">各表金额一致。</p>`;
  return html`${[...byTable].map(
    ([no, list]) => html`<h3>表${no} ${list[0]!.tableTitle}</h3>
<div class="scroll" role="region" aria-label="表${no} 对比" tabindex="0"><table class="grid compare" data-table="${no}"><thead><tr><th>编码</th><th>项目</th><th>栏目</th><th>${labels.a}</th><th>${labels.b}</th><th>增减</th><th>增减率</th></tr></thead><tbody>
${list.map(
  (r) =>
    html`<tr data-key="${r.rowKey}" data-column="${r.column}" class="${r.a === null || r.b === null ? 'new' : ''}"><td>${/^\d{3,7}$/.test(r.rowKey) ? r.rowKey : ''}</td><td class="name">${r.rowLabel}</td><td>${r.column}</td><td class="num">${cents(r.a)}</td><td class="num">${cents(r.b)}</td><td class="num ${r.diff > 0 ? 'up' : r.diff < 0 ? 'down' : ''}">${r.diff === 0 ? '' : (r.diff > 0 ? '+' : '') + cents(r.diff)}</td><td class="num ${r.diff > 0 ? 'up' : r.diff < 0 ? 'down' : ''}">${r.pct}</td></tr>`,
)}</tbody></table></div>`,
  )}`;
}

/** Sentences added and removed, per section. */
export function textChangesView(texts: TextChange[]): SafeHtml {
  if (texts.length === 0) return html`<p class="muted text-same">文字无变化。</p>`;
  return html`<ul class="text-changes">${texts.map((t) => html`<li><b>${t.where}</b>${t.added.map((x) => html`<br><ins>＋ ${x}</ins>`)}${t.removed.map((x) => html`<br><del class="muted">－ ${x}</del>`)}</li>`)}</ul>`;
}

/** Any wide table of our own, in its own horizontal scroller. */
export function scroller(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}
