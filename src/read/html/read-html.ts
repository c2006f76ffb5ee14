/**
 * .html → Disclosure: our own pages (gongkai meta tags, exact whitespace) and typical portal pages
 * (tables with caption / th, 单位 rows, headings and paragraphs). Nothing in the page is executed:
 * scripts, styles and SVG are skipped by the tree builder.
 */
import { NotADisclosureError, readTextDisclosure } from '../text/read-text.ts';
import { pageText } from './page-text.ts';
import { documentFacts } from '../document-facts.ts';
import type { Disclosure, DisclosureTable, GlossaryEntry, NarrativeSection } from '../../core/disclosure.ts';
import { DEFAULT_TEMPLATE, loadTemplate, type Template } from '../../core/template.ts';
import { decodeText } from '../decode.ts';
import { UnreadableInputError } from '../errors.ts';
import { checkFileSize } from '../guards.ts';
import type { ReadOutcome, ReadProblem } from '../index.ts';
import { findAll, hasClass, parseHtml, textOf, walk, type El } from './dom.ts';
import { isGoalTable, NOTE, projectOf, TABLE_MARK, templateTableFor, UNIT_LABEL, UNIT_NAME, guessHeaderRows } from '../xlsx/printed-table.ts';

/** Rows of a table element with rowspan/colspan expanded (text in the first cell, "" elsewhere). */
export function tableGrid(rows: El[], raw: boolean): string[][] {
  const grid: string[][] = [];
  const taken: boolean[][] = [];
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const cell of tr.children) {
      if (typeof cell === 'string' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
      while (taken[r]![c]) c++;
      const rs = Math.max(1, Math.min(500, Number(cell.attrs.rowspan) || 1));
      const cs = Math.max(1, Math.min(200, Number(cell.attrs.colspan) || 1));
      for (let i = 0; i < rs && r + i < rows.length; i++)
        for (let k = 0; k < cs; k++) {
          grid[r + i] ??= [];
          taken[r + i] ??= [];
          grid[r + i]![c + k] = i === 0 && k === 0 ? textOf(cell, raw) : '';
          taken[r + i]![c + k] = true;
        }
      c += cs;
    }
  });
  const width = grid.reduce((w, r) => Math.max(w, r.length), 0);
  return grid.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
}

function rowsOf(el: El | undefined): El[] {
  return el ? el.children.filter((c): c is El => typeof c !== 'string' && c.tag === 'tr') : [];
}

function metaTags(root: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of findAll(root, (e) => e.tag === 'meta' && !!e.attrs.name)) out[e.attrs.name!] = e.attrs.content ?? '';
  return out;
}

function paragraphs(el: El, raw: boolean): string {
  const ps = findAll(el, (e) => e.tag === 'p');
  return ps.length ? ps.map((p) => textOf(p, raw)).join('\n') : textOf(el, raw);
}

function sections(part: El | undefined, kind: 'profile' | 'narrative', raw: boolean, file: string): NarrativeSection[] {
  if (!part) return [];
  return findAll(part, (e) => e.tag === 'section' && hasClass(e, 'sec')).map((s) => {
    const h = findAll(s, (e) => e.tag === 'h3')[0];
    const body = findAll(s, (e) => e.tag === 'div' && hasClass(e, 'text'))[0];
    return { heading: h ? textOf(h, raw) : '', text: body ? paragraphs(body, raw) : '', part: kind, source: { file } };
  });
}

function byId(root: El, id: string): El | undefined {
  for (const e of walk(root)) if (e.attrs.id === id) return e;
  return undefined;
}

/** Text of the element just before `el` among its parent's children (a portal page's title paragraph). */
function previousText(el: El): string {
  const sib = el.parent?.children.filter((c): c is El => typeof c !== 'string') ?? [];
  const i = sib.indexOf(el);
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    const t = textOf(sib[k]!, false);
    if (t) return t;
  }
  return '';
}

function readTable(tableEl: El, raw: boolean, template: Template | undefined, file: string, problems: ReadProblem[]): DisclosureTable {
  const caption = findAll(tableEl, (e) => e.tag === 'caption')[0];
  let title = '';
  let no: number | undefined;
  let project: string | undefined;
  if (caption) {
    const noEl = findAll(caption, (e) => hasClass(e, 'no'))[0];
    const titleEl = findAll(caption, (e) => hasClass(e, 'title'))[0];
    const projEl = findAll(caption, (e) => hasClass(e, 'project'))[0];
    if (noEl && titleEl) {
      no = Number(TABLE_MARK.exec(textOf(noEl, false))?.[1] ?? NaN);
      title = textOf(titleEl, raw);
      if (projEl) project = projEl.attrs['data-project'] ?? textOf(projEl, raw);
    } else {
      const t = textOf(caption, false);
      const m = /^表\s*(\d{1,2})(?:[-—]\d+)?\s*/.exec(t);
      if (m) no = Number(m[1]);
      title = m ? t.slice(m[0].length) : t;
    }
  } else title = previousText(tableEl.parent?.tag === 'div' ? tableEl.parent : tableEl).replace(/^表\s*\d{1,2}\s*/, '');
  const thead = tableEl.children.find((c): c is El => typeof c !== 'string' && c.tag === 'thead');
  const tbodies = tableEl.children.filter((c): c is El => typeof c !== 'string' && c.tag === 'tbody');
  let unitLabel = '';
  let headRows = rowsOf(thead).filter((tr) => {
    if (hasClass(tr, 'meta-row')) {
      const lab = findAll(tr, (e) => hasClass(e, 'unit-label'))[0];
      if (lab) unitLabel = textOf(lab, raw);
      return false;
    }
    const t = textOf(tr, false);
    const m = /单位[：:]\s*(万元|元)/.exec(t);
    if (m && (UNIT_NAME.test(t) || UNIT_LABEL.test(t) || tr.children.filter((c) => typeof c !== 'string').length === 1)) {
      unitLabel = `单位：${m[1]}`;
      return false;
    }
    return true;
  });
  let bodyRows = [...tbodies.flatMap(rowsOf), ...rowsOf(tableEl)];
  const goal = isGoalTable(no, title);
  let grid: string[][];
  let h: number;
  if (thead) {
    grid = tableGrid([...headRows, ...bodyRows], raw);
    h = headRows.length;
  } else {
    // Portal pages without thead: leading rows of th cells are the header, else guess.
    const all = bodyRows;
    let k = 0;
    while (k < all.length && all[k]!.children.every((c) => typeof c === 'string' || c.tag === 'th')) k++;
    grid = tableGrid(all, raw);
    h = goal ? 0 : k > 0 ? k : guessHeaderRows(grid);
    headRows = [];
    bodyRows = all;
  }
  if (goal) h = 0;
  if (!unitLabel) {
    const near = previousText(tableEl);
    const m = /单位[：:]\s*(万元|元)/.exec(near);
    if (m) unitLabel = `单位：${m[1]}`;
  }
  const section = tableEl.parent?.parent;
  const noteEl = section ? findAll(section, (e) => e.tag === 'p' && hasClass(e, 'note'))[0] : undefined;
  let note = noteEl ? textOf(noteEl, raw) : undefined;
  if (note === undefined) {
    const next = tableEl.parent?.children.filter((c): c is El => typeof c !== 'string');
    const after = next ? next[next.indexOf(tableEl) + 1] : undefined;
    const t = after ? textOf(after, false) : '';
    if (NOTE.test(t)) note = t;
  }
  const tt = templateTableFor(template, title, no);
  if (no === undefined || Number.isNaN(no)) no = tt?.no ?? 0;
  if (!title) problems.push({ message: `表${no}：没有表名`, source: { file } });
  const rows = grid.slice(h);
  if ((no === 17 || (isGoalTable(no, title) && !/整体/.test(title))) && project === undefined) project = projectOf(rows);
  return {
    no,
    title,
    unitLabel,
    header: grid.slice(0, h),
    rows,
    ...(note !== undefined ? { note } : {}),
    ...(tt ? { key: tt.key } : {}),
    ...(project !== undefined ? { project } : {}),
    source: { file },
  };
}

export function readHtml(bytes: Uint8Array, file: string): ReadOutcome {
  checkFileSize(bytes.length, `${file} `);
  const html = decodeText(bytes, file);
  const root = parseHtml(html);
  const meta = metaTags(root);
  const ours = meta.generator === 'gongkai';
  const problems: ReadProblem[] = [];
  const h1 = findAll(root, (e) => e.tag === 'h1')[0];
  const titleEl = findAll(root, (e) => e.tag === 'title')[0];
  const docTitle = h1 ? textOf(h1, false) : titleEl ? textOf(titleEl, false) : '';
  const year = Number(meta['gongkai:year'] || /(\d{4})年/.exec(docTitle)?.[1] || 0);
  let template: Template | undefined;
  try {
    template = loadTemplate(meta['gongkai:template'] || DEFAULT_TEMPLATE);
  } catch {
    template = loadTemplate(DEFAULT_TEMPLATE);
  }
  const tableEls = findAll(root, (e) => e.tag === 'table');
  // A published page that carries only the narrative (its tables were a linked attachment): read
  // as printed text, so its narrative is still checked.
  if (tableEls.length === 0 && !ours) {
    try {
      const read = readTextDisclosure(pageText(root), { file });
      read.disclosure.source = { file, format: 'html' };
      return read;
    } catch (e) {
      if (e instanceof NotADisclosureError) throw new UnreadableInputError('网页中未找到预算公开的表格、目录或情况说明', file);
      throw e;
    }
  }
  if (tableEls.length === 0) throw new UnreadableInputError('网页中没有表格', file);
  const tables = tableEls.map((t) => readTable(t, ours, template, file, problems));
  const unitNameEl = findAll(root, (e) => hasClass(e, 'unit-name') && e.parent?.tag === 'p')[0];
  const unitName = meta['gongkai:unit-name'] ?? (unitNameEl ? textOf(unitNameEl, ours) : (/^\d{4}年(.+?)(?:部门|单位)?(?:预算|决算)公开/.exec(docTitle)?.[1] ?? ''));
  const nav = findAll(root, (e) => e.tag === 'nav')[0];
  const toc = nav ? findAll(nav, (e) => e.tag === 'li').map((li) => textOf(li, ours)) : [];
  const profile = sections(byId(root, 'profile'), 'profile', ours, file);
  const narrative = sections(byId(root, 'narrative'), 'narrative', ours, file);
  const glossaryEl = byId(root, 'glossary');
  const glossary: GlossaryEntry[] = [];
  if (glossaryEl)
    for (const dt of findAll(glossaryEl, (e) => e.tag === 'dt')) {
      const sib = dt.parent!.children.filter((c): c is El => typeof c !== 'string');
      const dd = sib[sib.indexOf(dt) + 1];
      glossary.push({ term: textOf(dt, ours), text: dd && dd.tag === 'dd' ? paragraphs(dd, ours) : '', source: { file } });
    }
  if (!year) problems.push({ message: '标题和网页信息中未找到年度', source: { file } });
  const kind = meta['gongkai:kind'];
  const scope = meta['gongkai:scope'];
  const amountUnit = meta['gongkai:amount-unit'];
  const disclosure: Disclosure = {
    unit: { code: meta['gongkai:unit-code'] ?? '', name: unitName },
    year,
    template: template.id,
    ...documentFacts(kind, scope, amountUnit),
    toc,
    ...(profile.length ? { profile } : {}),
    tables,
    narrative,
    glossary,
    source: { file, format: 'html' },
  };
  return { disclosure, problems };
}
