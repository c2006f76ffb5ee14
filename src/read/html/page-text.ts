/**
 * A portal page as printed text: block elements on lines of their own, each table row one
 * tab-separated line (the text reader keeps tab-separated cells as they are). A page Gongkai did not
 * write is read through the same text reader as a PDF, so its tables are found by their titles and
 * its narrative by its headings — never through another province's template.
 */
import type { El } from './dom.ts';

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'blockquote',
  'pre',
  'center',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'address',
  'nav',
  'aside',
]);

function inline(el: El): string {
  let out = '';
  for (const c of el.children) {
    if (typeof c === 'string') out += c;
    else if (c.tag === 'br') out += ' ';
    else out += inline(c);
  }
  return out.replace(/[\s\u00a0]+/g, ' ').trim();
}

export function pageText(root: El): string {
  const lines: string[] = [];
  let cur = '';
  const flush = () => {
    const t = cur.replace(/[ \t\u00a0]+/g, ' ').trim();
    // A short line without sentence punctuation stands apart as a heading does on a printed page
    // (the text reader knows headings by their indentation).
    if (t) lines.push(t.length <= 40 && !/[。，；;,]/.test(t) ? `        ${t}` : t);
    cur = '';
  };
  const visit = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string') {
        cur += c;
        continue;
      }
      if (c.tag === 'br') {
        flush();
        continue;
      }
      if (c.tag === 'tr') {
        flush();
        const cells = c.children.filter((x): x is El => typeof x !== 'string' && (x.tag === 'td' || x.tag === 'th'));
        lines.push(cells.map(inline).join('\t'));
        continue;
      }
      const block = BLOCK.has(c.tag);
      if (block) flush();
      visit(c);
      if (block) flush();
    }
  };
  visit(root);
  flush();
  return lines.join('\n');
}
