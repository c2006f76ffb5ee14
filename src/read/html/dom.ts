/**
 * A small, forgiving HTML tree builder for reading disclosure pages: elements, attributes, text,
 * entity decoding. Scripts, styles, SVG and comments are skipped, never executed. Not a full HTML5
 * parser: it closes unclosed p/li/td/th/tr/dt/dd the way portal pages need.
 */
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
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', middot: '·', hellip: '…', times: '×', yen: '¥' };

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

export function parseHtml(html: string): El {
  const root: El = { tag: '#root', attrs: {}, children: [] };
  let cur = root;
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) cur.children.push(decodeEntities(text));
    text = '';
  };
  const close = (tag: string) => {
    for (let e: El | undefined = cur; e && e !== root; e = e.parent) {
      if (e.tag === tag) {
        cur = e.parent ?? root;
        return;
      }
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
      const end = html.toLowerCase().indexOf(`</${tag}`, i);
      if (tag === 'title') cur.children.push({ tag, attrs, children: [decodeEntities(html.slice(i, end < 0 ? html.length : end))], parent: cur });
      i = end < 0 ? html.length : html.indexOf('>', end) + 1 || html.length;
      continue;
    }
    for (const t of AUTO_CLOSE[tag] ?? []) {
      if (cur.tag === t) cur = cur.parent ?? root;
      else if (['tr', 'thead', 'tbody'].includes(tag) && (cur.tag === 'td' || cur.tag === 'th')) cur = cur.parent ?? root;
      if (['thead', 'tbody'].includes(tag) && cur.tag === 'tr') cur = cur.parent ?? root;
    }
    const el: El = { tag, attrs, children: [], parent: cur };
    cur.children.push(el);
    if (!VOID.has(tag) && !m[4]) cur = el;
  }
  flush();
  return root;
}

export function* walk(el: El): Generator<El> {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    yield c;
    yield* walk(c);
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
