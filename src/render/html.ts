/**
 * One self-contained HTML page per Disclosure: semantic tables, profile, narrative, glossary,
 * contents with anchors, print CSS and server-rendered SVG charts. No JavaScript.
 * Every piece of disclosure text goes through `esc`; the page carries `gongkai:*` meta tags so
 * our reader can restore fields that are not printed (unit code, template, kind).
 */
import type { Disclosure, NarrativeSection } from '../core/disclosure.ts';
import { buildTableModels, type ModelCell, type ModelRow, type TableModel } from './table-model.ts';
import { chartSeries, describeChart } from './chart-data.ts';
import { renderChartSvg } from './charts-svg.ts';
import { documentTitle, partHeading, tocAnchor } from './document-parts.ts';
import { escapeHtml } from '../util/escape-html.ts';

export interface HtmlFinding {
  severity: string;
  message: string;
  rule?: string;
  id?: string;
}

export interface RenderHtmlOptions {
  findings?: HtmlFinding[];
  /** Render charts (default true). */
  charts?: boolean;
}

export const esc = escapeHtml;

/** Text with line breaks kept as <br>. */
function escLines(s: string): string {
  return esc(s).replace(/\r?\n/g, '<br>');
}

const CSS = `
:root{--ink:#1f2328;--line:#8c959f;--head:#eef1f4;--sub:#f6f8fa;--accent:#9e1b14}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);line-height:1.6;background:#fff}
header.doc,main,nav.toc{max-width:1100px;margin:0 auto;padding:0 16px}
header.doc{padding-top:24px;border-bottom:3px solid var(--accent)}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.3rem;border-left:5px solid var(--accent);padding-left:.5em;margin-top:2em}
h3{font-size:1.1rem;margin-top:1.4em}
.unit-line{margin:.2em 0 1em;color:#57606a}
nav.toc ol{list-style:none;padding-left:0}nav.toc a{color:var(--accent)}
.text p{margin:.3em 0;white-space:pre-wrap}
.table-wrap{overflow-x:auto;margin:0 0 1.5em;border:1px solid #d0d7de}
.table-wrap:focus{outline:2px solid var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:700;font-size:1.05rem;padding:.4em 0;caption-side:top}
caption .no{color:var(--accent);margin-right:.5em}
th,td{border:1px solid var(--line);padding:.25em .5em;vertical-align:top;white-space:pre-wrap}
thead th{background:var(--head);text-align:center;vertical-align:middle}
thead td.meta{border:none;background:#fff;font-weight:400;padding:.2em 0}
.meta .unit-label{float:right}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.subtotal{background:var(--sub);font-weight:600}
tr.total{background:var(--head);font-weight:700}
tbody th{text-align:left;font-weight:inherit;min-width:4.5em}
tr.grid-head th{background:var(--head);text-align:center}
p.note{font-size:.85rem;color:#57606a}
section.tbl{margin-top:1.5em}
figure.chart{margin:1em 0;max-width:100%}
figure.chart .svg{overflow-x:auto}
figure.chart svg{max-width:100%;min-width:480px;height:auto}
figcaption{font-size:.85rem;color:#57606a}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(500px,100%),1fr));gap:12px}
dl.glossary dt{font-weight:700;margin-top:.8em}dl.glossary dd{margin:0 0 0 1.5em}
.findings li.error{color:#9e1b14}.findings li.warning{color:#7d4e00}
footer{max-width:1100px;margin:3em auto 1em;padding:0 16px;color:#57606a;font-size:.8rem}
@media (max-width:640px){body{font-size:15px}h1{font-size:1.25rem}table{font-size:.8rem}th,td{padding:.2em .3em}}
@media print{
 @page{size:A4 landscape;margin:12mm}
 body{font-size:10pt}
 nav.toc,footer,.findings{break-after:page}
 .table-wrap{overflow:visible;border:none}
 thead{display:table-header-group}
 tr,figure.chart{break-inside:avoid}
 section.tbl{break-before:page}
 h2,h3,caption{break-after:avoid}
 a{color:inherit;text-decoration:none}
}
`;

function cellHtml(cell: ModelCell, c: number, row: ModelRow, m: TableModel, rowHeadCol: number): string {
  const span = `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
  const body = escLines(cell.text);
  if (row.style === 'header') {
    const scope = m.grid ? (c === 0 ? 'row' : 'col') : cell.colSpan > 1 ? 'colgroup' : 'col';
    return `<th scope="${scope}"${span}>${body}</th>`;
  }
  if (cell.kind === 'number') return `<td class="num"${span}>${body}</td>`;
  if (c === rowHeadCol && cell.text !== '') return `<th scope="row"${span}>${body}</th>`;
  return `<td${span}>${body}</td>`;
}

/** Column that names a body row: 科目名称 / 项目 / the grid's label column. */
function rowHeaderColumn(m: TableModel): number {
  if (m.grid) return 0;
  const last = m.header[m.header.length - 1];
  const texts = m.header.map((r) => r.cells.map((c) => c?.text ?? ''));
  for (let c = 0; c < m.columns; c++) if (texts.some((r) => /科目名称|项\s*目|项目名称|采购项目/.test(r[c] ?? ''))) return c;
  return last ? -1 : -1;
}

function tableHtml(m: TableModel): string {
  const rowHead = rowHeaderColumn(m);
  const rowsHtml = (rows: ModelRow[]) =>
    rows
      .map((row) => {
        const cls = row.style === 'body' ? '' : ` class="${row.style === 'header' && m.grid ? 'grid-head' : row.style}"`;
        return `<tr${cls}>${row.cells.map((cell, c) => (cell ? cellHtml(cell, c, row, m, rowHead) : '')).join('')}</tr>`;
      })
      .join('\n');
  const caption =
    `<caption><span class="no">表${esc(m.label)}</span><span class="title">${esc(m.title)}</span>` +
    (m.project !== undefined ? `<span class="project" data-project="${esc(m.project)}">（${esc(m.project)}）</span>` : '') +
    `</caption>`;
  const meta = `<tr class="meta-row"><td class="meta" colspan="${Math.max(1, m.columns)}"><span class="unit-name">单位名称：${esc(m.unitName)}</span><span class="unit-label">${esc(m.unitLabel)}</span></td></tr>`;
  const head = `<thead>${meta}\n${rowsHtml(m.header)}</thead>`;
  const body = m.body.length ? `<tbody>\n${rowsHtml(m.body)}\n</tbody>` : '';
  const note = m.note !== undefined ? `<p class="note">${escLines(m.note)}</p>` : '';
  return `<section class="tbl" id="${esc(m.id)}" aria-labelledby="${esc(m.id)}-cap"><div class="table-wrap" role="region" aria-labelledby="${esc(m.id)}-cap" tabindex="0"><table data-no="${m.no}" data-columns="${m.columns}">${caption.replace('<caption>', `<caption id="${esc(m.id)}-cap">`)}${head}${body}</table></div>${note}</section>`;
}

function sectionsHtml(list: NarrativeSection[], idPrefix: string): string {
  return list
    .map(
      (s, i) =>
        `<section class="sec" id="${idPrefix}-${i + 1}"><h3>${esc(s.heading)}</h3><div class="text">${s.text
          .split('\n')
          .map((l) => `<p>${esc(l)}</p>`)
          .join('')}</div></section>`,
    )
    .join('\n');
}

function chartsHtml(d: Disclosure): string {
  const series = chartSeries(d);
  if (!series.length) return '';
  const figs = series.map((s) => {
    const alt = describeChart(s);
    return `<figure class="chart" id="${s.id}"><div class="svg" role="img" aria-label="${esc(alt)}">${renderChartSvg(s)}</div><figcaption>${esc(alt)}</figcaption></figure>`;
  });
  return `<section class="charts-block" aria-label="图表"><h3>图表</h3><div class="charts">${figs.join('\n')}</div></section>`;
}

function findingsHtml(f: HtmlFinding[] | undefined): string {
  if (!f) return '';
  const items = f.map((x) => `<li class="${esc(x.severity)}">${esc(`[${x.severity}] ${x.rule ?? x.id ?? ''} ${x.message}`.replace(/\s+/g, ' '))}</li>`);
  return `<section class="findings" aria-labelledby="findings-h"><h2 id="findings-h">检查结果（${f.length} 条）</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>未发现问题。</p>'}</section>`;
}

export function renderHtml(d: Disclosure, opts: RenderHtmlOptions = {}): string {
  const models = buildTableModels(d);
  const labelOf = new Map<number, string>();
  for (const m of models) if (!labelOf.has(m.no)) labelOf.set(m.no, m.label);
  const title = documentTitle(d);
  const toc = d.toc
    .map((e) => {
      const a = tocAnchor(d, e, labelOf);
      return `<li>${a ? `<a href="#${esc(a)}">${esc(e)}</a>` : esc(e)}</li>`;
    })
    .join('');
  const meta = [
    ['generator', 'gongkai'],
    ['gongkai:unit-code', d.unit.code],
    ['gongkai:unit-name', d.unit.name],
    ['gongkai:year', String(d.year)],
    ['gongkai:template', d.template],
    ...(d.kind ? [['gongkai:kind', d.kind]] : []),
    ...(d.scope ? [['gongkai:scope', d.scope]] : []),
    ...(d.amountUnit ? [['gongkai:amount-unit', d.amountUnit]] : []),
  ]
    .map(([n, c]) => `<meta name="${esc(n!)}" content="${esc(c!)}">`)
    .join('\n');
  const profile = d.profile?.length ? `<section id="profile"><h2>${esc(partHeading(d, 'profile'))}</h2>${sectionsHtml(d.profile, 'profile')}</section>` : '';
  const tables = `<section id="tables"><h2>${esc(partHeading(d, 'tables'))}</h2>${opts.charts === false ? '' : chartsHtml(d)}${models.map(tableHtml).join('\n')}</section>`;
  const narrative = `<section id="narrative"><h2>${esc(partHeading(d, 'narrative'))}</h2>${sectionsHtml(d.narrative, 'narrative')}</section>`;
  const glossary = `<section id="glossary"><h2>${esc(partHeading(d, 'glossary'))}</h2><dl class="glossary">${d.glossary
    .map(
      (g) =>
        `<div><dt>${esc(g.term)}</dt><dd>${g.text
          .split('\n')
          .map((l) => `<p>${esc(l)}</p>`)
          .join('')}</dd></div>`,
    )
    .join('')}</dl></section>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
${meta}
<style>${CSS}</style>
</head>
<body>
<header class="doc"><h1>${esc(title)}</h1><p class="unit-line">${d.scope === 'department' ? '部门名称' : '单位名称'}：<span class="unit-name">${esc(d.unit.name)}</span></p></header>
<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">目 录</h2><ol class="toc-list">${toc}</ol></nav>
<main>
${findingsHtml(opts.findings)}
${profile}
${tables}
${narrative}
${glossary}
</main>
<footer>本页由 Gongkai 根据预算数据生成；金额单位除注明外为万元。</footer>
</body>
</html>
`;
}
