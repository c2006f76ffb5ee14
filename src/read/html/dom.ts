/**
 * A small, forgiving HTML tree builder for reading disclosure pages: elements, attributes, text,
 * entity decoding. Scripts, styles, SVG and comments are skipped, never executed. Not a full HTML5
 * parser: it closes unclosed p/li/td/th/tr/dt/dd the way portal pages need.
 */
import { InputRejected, LIMITS, type Limits } from '../guards.ts';

export interface El {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent?: El;
}
export type Node = El | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const SKIP = new Set(['script', 'style', 'svg', 'noscript', 'template', 'textarea', 'title', 'math']);
const AUTO_CLOSE: Record<string, string[]> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  thead: ['tbody', 'tfoot', 'thead', 'tr', 'td', 'th'],
  tbody: ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'],
};
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: '\u2002',
  emsp: '\u2003',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  mdash: '—',
  ndash: '–',
  middot: '·',
  hellip: '…',
  times: '×',
  yen: '¥',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/**
 * The page as a tree. Bounded for untrusted pages: at most `htmlElements` elements and
 * `htmlDepth` levels of nesting (refused beyond), and every step linear in the page — a closing tag
 * with no open element of its name is looked up in a count of open tags, not by walking up.
 */
/** The closing tag of each skipped element, found case-insensitively from a position (lastIndex). */
const END_TAG: Record<string, RegExp> = Object.fromEntries([...SKIP].map((t) => [t, new RegExp(`</${t}`, 'ig')]));

export function parseHtml(html: string, limits: Limits = LIMITS): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  let cur = root;
  let depth = 0;
  let elements = 0;
  /** Open elements by tag, so a stray closing tag costs nothing. */
  const open = new Map<string, number>();
  const enter = (el: El) => {
    if (++depth > limits.htmlDepth) throw new InputRejected(`网页元素嵌套超过 ${limits.htmlDepth} 层，不像一份公开文件，已拒绝`, 400);
    open.set(el.tag, (open.get(el.tag) ?? 0) + 1);
    cur = el;
  };
  const leave = () => {
    open.set(cur.tag, open.get(cur.tag)! - 1);
    depth--;
    cur = cur.parent ?? root;
  };
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) cur.children.push(decodeEntities(text));
    text = '';
  };
  const close = (tag: string) => {
    if (!open.get(tag)) return;
    while (cur !== root) {
      const done = cur.tag === tag;
      leave();
      if (done) return;
    }
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = i;
    const m = TAG.exec(html);
    if (!m) {
      text += '<';
      i++;
      continue;
    }
    flush();
    i = TAG.lastIndex;
    const tag = m[2]!.toLowerCase();
    if (m[1]) {
      close(tag);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3]!.matchAll(ATTR)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    if (SKIP.has(tag)) {
      if (m[4]) continue;
      // Searched without lower-casing the whole page (a copy of it per <script> was quadratic).
      const endTag = END_TAG[tag]!;
      endTag.lastIndex = i;
      const end = endTag.exec(html)?.index ?? -1;
      if (tag === 'title') cur.children.push({ tag, attrs, children: [decodeEntities(html.slice(i, end < 0 ? html.length : end))], parent: cur });
      i = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      continue;
    }
    for (const t of AUTO_CLOSE[tag] ?? []) {
      if (cur === root) break;
      if (cur.tag === t) leave();
      else if (['tr', 'thead', 'tbody'].includes(tag) && (cur.tag === 'td' || cur.tag === 'th')) leave();
      if (cur !== root && ['thead', 'tbody'].includes(tag) && cur.tag === 'tr') leave();
    }
    if (++elements > limits.htmlElements) throw new InputRejected(`网页元素超过 ${limits.htmlElements} 个，不像一份公开文件，已拒绝`, 413);
    const el: El = { tag, attrs, children: [], parent: cur };
    cur.children.push(el);
    if (!VOID.has(tag) && !m[4]) enter(el);
  }
  flush();
  return root;
}

/** Elements under `el` in document order (an explicit stack: nested generators cost O(depth) per element). */
export function* walk(el: El): Generator<El> {
  const stack: { el: El; i: number }[] = [{ el, i: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.el.children.length) {
      stack.pop();
      continue;
    }
    const c = top.el.children[top.i++]!;
    if (typeof c === 'string') continue;
    yield c;
    stack.push({ el: c, i: 0 });
  }
}

export function findAll(el: El, pred: (e: El) => boolean): El[] {
  return [...walk(el)].filter(pred);
}

export function hasClass(e: El, cls: string): boolean {
  return (e.attrs.class ?? '').split(/\s+/).includes(cls);
}

/** Text content with <br> as newline; `raw` keeps whitespace as written, else runs collapse to one space and the ends are trimmed. */
export function textOf(el: El, raw: boolean): string {
  let s = '';
  const rec = (e: El) => {
    for (const c of e.children) {
      if (typeof c === 'string') s += c;
      else if (c.tag === 'br') s += '\n';
      else rec(c);
    }
  };
  rec(el);
  if (raw) return s;
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f\u00a0]+/g, ' ').trim())
    .join('\n')
    .trim();
}
