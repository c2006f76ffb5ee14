/** What a PDF viewer offers beyond the pages: outline, language, contents with page numbers and links; and how titles and paragraphs are set. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from './pdf.ts';
import { balancedLines, wrap } from './pdf-layout.ts';
import { cjkFont, sharedFace, textWidth } from './pdf-font.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';
import { loadPdfjs } from '../read/pdf/pdfjs.ts';

const d = yingkouDisclosure();
const bytes = renderPdf(d);

interface OutlineNode {
  title: string;
  dest: unknown;
  items: OutlineNode[];
}

async function open() {
  const pdfjs = await loadPdfjs();
  return pdfjs.getDocument({ data: new Uint8Array(await bytes), verbosity: 0, isEvalSupported: false }).promise;
}

test('the catalog declares the language, and the outline has every part and every table, each leading to its page', async () => {
  const buf = await bytes;
  assert.ok(buf.includes('/Lang (zh-CN)'), '/Lang in the catalog');
  const doc = await open();
  try {
    const outline = (await doc.getOutline()) as OutlineNode[];
    const titles = outline.map((o) => o.title);
    assert.equal(titles[0], '目录');
    for (const p of ['第一部分', '第二部分', '第三部分', '第四部分'])
      assert.ok(
        titles.some((t) => t.startsWith(p)),
        `${p} in ${titles}`,
      );
    const tables = outline.find((o) => o.title.startsWith('第二部分'))!.items;
    assert.equal(tables.length, d.tables.length, 'one entry per table');
    assert.match(tables[1]!.title, /^表2 收入预算总表$/);
    const narrative = outline.find((o) => o.title.startsWith('第三部分'))!.items;
    assert.equal(narrative.length, d.narrative.filter((s) => s.heading.trim()).length);
    // 表2's bookmark leads to the page whose text has its caption.
    const ref = (tables[1]!.dest as [{ num: number; gen: number }])[0];
    const page = await doc.getPage((await doc.getPageIndex(ref)) + 1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    assert.match(text, /表2\s*收入预算总表/);
  } finally {
    await doc.destroy();
  }
});

test('the contents list gives each part and table its page number, and links to it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  const file = join(dir, 'toc.pdf');
  writeFileSync(file, await bytes);
  const pageOf = (re: RegExp) => {
    const pages = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout.split('\f');
    return pages.findIndex((p, i) => i > 1 && re.test(p.replace(/\s+/g, ''))) + 1;
  };
  const toc = spawnSync('pdftotext', ['-layout', '-f', '2', '-l', '2', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).stdout;
  const line = (entry: string) => toc.split('\n').find((l) => l.includes(entry)) ?? '';
  assert.match(line('3. 支出预算总表'), new RegExp(`3\\. 支出预算总表\\s{4,}${pageOf(/^表3支出预算总表/)}\\s*$`));
  assert.match(line('第四部分 名词解释'), new RegExp(`\\s{4,}${pageOf(/^第四部分名词解释/)}\\s*$`));

  const doc = await open();
  try {
    const annots = (await (await doc.getPage(2)).getAnnotations()) as { subtype: string; dest?: unknown; url?: string }[];
    const links = annots.filter((a) => a.subtype === 'Link');
    assert.ok(links.length >= d.tables.filter((t) => t.no !== 17).length + 4, `${links.length} links`);
    assert.ok(
      links.every((l) => Array.isArray(l.dest) && !l.url),
      'internal destinations, no URLs',
    );
  } finally {
    await doc.destroy();
  }
});

const font = cjkFont();
const bold = sharedFace(...font.bold);
const regular = sharedFace(...font.normal);

test('titles break between words, at a bracket where they can, in lines of even width', () => {
  const title = '2024年营口市营商环境建设中心（营口市公共资源交易中心）单位预算公开';
  const lines = balancedLines(title, bold, 22, 523);
  assert.deepEqual(lines, ['2024年营口市营商环境建设中心', '（营口市公共资源交易中心）单位预算公开']);
  // Narrower: still never inside 资源 or 交易.
  for (const width of [200, 260, 320, 400]) {
    const ls = balancedLines(title, bold, 22, width);
    assert.equal(ls.join(''), title);
    for (const l of ls) assert.ok(textWidth(bold, l, 22) <= width, `${l} fits ${width}`);
    for (let i = 1; i < ls.length; i++) {
      const joint = ls[i - 1]!.slice(-1) + ls[i]![0];
      assert.ok(!['资源', '交易', '营商', '环境', '建设', '中心', '预算', '公开'].some((w) => w === joint), `break inside a word at ${width}: ${ls.join(' | ')}`);
    }
  }
  const widths = balancedLines(title, bold, 22, 320).map((l) => textWidth(bold, l, 22));
  assert.ok(Math.max(...widths) - Math.min(...widths) < 140, `even lines: ${widths}`);
  assert.deepEqual(balancedLines('短标题', bold, 22, 523), ['短标题']);
});

test('body paragraphs are set with a first-line indent of two characters', async () => {
  const size = 10.5;
  const text = '本单位2024年收入预算1,861.38万元，其中一般公共预算拨款收入1,861.38万元。'.repeat(4);
  const lines = wrap(text, regular, size, 400, 400 - 2 * size);
  assert.ok(textWidth(regular, lines[0]!, size) <= 400 - 2 * size);
  assert.equal(lines.join(''), text);
  // In the document: a narrative paragraph's first line starts two characters right of its second.
  const doc = await open();
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as { str: string; transform: number[] }[];
      const first = items.findIndex((i) => i.str.startsWith('营口市营商环境建设中心（营口市公共资源交易中心）贯彻落实'));
      if (first < 0) continue;
      const x0 = items[first]!.transform[4]!;
      const x1 = items[first + 1]!.transform[4]!;
      assert.ok(Math.abs(x0 - x1 - 2 * size) < 0.5, `indent ${x0 - x1}`);
      return;
    }
    assert.fail('paragraph not found');
  } finally {
    await doc.destroy();
  }
});
