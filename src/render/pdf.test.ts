import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderPdf } from './pdf.ts';
import { cjkFont, MissingFontError, sharedFace, textWidth } from './pdf-font.ts';
import { wrap } from './pdf-layout.ts';
import { yingkouDisclosure } from '../roundtrip/yingkou.ts';
import { readPdf } from '../read/pdf/read-pdf.ts';
import { printedAmountCents } from './table-model.ts';

const d = yingkouDisclosure();
const pdfPromise = renderPdf(d);

test('pdftotext finds every table title and every printed figure, in the right characters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  const file = join(dir, 'disclosure.pdf');
  writeFileSync(file, await pdfPromise);
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const text = r.stdout.replace(/\s+/g, '');
  for (const t of d.tables) assert.ok(text.includes(t.title.replace(/\s+/g, '')), `title ${t.title}`);
  const figures = new Set(d.tables.flatMap((t) => t.rows.flat()).filter((c) => printedAmountCents(c) !== null));
  assert.ok(figures.size > 30);
  for (const f of figures) assert.ok(text.includes(f), `figure ${f}`);
  assert.ok(text.includes('营口市营商环境建设中心（营口市公共资源交易中心）'));
  assert.ok(text.includes('部门预算'), 'no Kangxi radicals: 部门 extracts as 部门');
  assert.doesNotMatch(r.stdout, /[\u2E80-\u2FDF]/, 'no radical code points');
  const pages = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  assert.match(pages, /Page size:\s+595\.28 x 841\.89/, 'A4');
  assert.match(r.stdout, /第 1 页 \/ 共 \d+ 页/);
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
  assert.match(fonts, /\+NotoSansCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/, 'embedded subset');
});

test('pdfjs extracts the same text: the reader rebuilds every table exactly', async () => {
  const back = (await readPdf(await pdfPromise, 'y.pdf')).disclosure;
  assert.equal(back.tables.length, d.tables.length);
  const t3 = back.tables.find((t) => t.no === 3)!;
  assert.deepEqual(t3.rows[3], ['2010350', '事业运行', '792.49', '792.49', '741.31', '51.18', '']);
});

test('hostile text stays text in the PDF', async () => {
  const h = structuredClone(d);
  h.unit.name = '<script>alert(1)</script>';
  h.narrative[0]!.text = '=HYPERLINK("http://x")';
  const buf = await renderPdf(h);
  const back = (await readPdf(buf, 'h.pdf')).disclosure;
  assert.equal(back.unit.name, '<script>alert(1)</script>');
  assert.equal(back.narrative[0]!.text, '=HYPERLINK("http://x")');
  assert.ok(!buf.includes('/JavaScript') && !buf.includes('/URI'), 'no actions or links');
});

test('each face is parsed once per process; a cell that fits stays one line, a long one wraps and reads back whole', async () => {
  const font = cjkFont();
  const face = sharedFace(...font.normal);
  assert.equal(sharedFace(...font.normal), face);
  assert.ok(textWidth(face, '事业运行', 8) > textWidth(face, '792.49', 8));
  assert.deepEqual(wrap('792.49', face, 8, 40), ['792.49']);
  const long = '事业运行（含“三公”经费），'.repeat(12);
  const lines = wrap(long, face, 8, 120);
  assert.ok(lines.length > 5);
  assert.equal(lines.join(''), long, 'no character lost or added');
  for (const l of lines) assert.ok(textWidth(face, l, 8) <= 120, `line within its width: ${l}`);
  for (const l of lines.slice(1)) assert.doesNotMatch(l, /^[，。）”]/, 'no line starts with closing punctuation');
  for (const l of lines.slice(0, -1)) assert.doesNotMatch(l, /[（“]$/, 'no line ends with opening punctuation');
  assert.deepEqual(wrap('1,234,567,890.12', face, 8, 20).join(''), '1,234,567,890.12', 'a number wider than its column is broken between characters');

  const d2 = structuredClone(d);
  const t3 = d2.tables.find((t) => t.no === 3)!;
  t3.rows[3]![1] = '事业运行'.repeat(40);
  const back = (await readPdf(await renderPdf(d2), 'long.pdf')).disclosure;
  assert.deepEqual(back.tables.find((t) => t.no === 3)!.rows[3], t3.rows[3]);
});

test('every distinct character gets its own code, so one that shares a glyph still extracts as written; astral and lone surrogates', async () => {
  const d2 = structuredClone(d);
  d2.narrative[0]!.text = '人民⼈⺠门⻔ 𠮷 A\uD800B';
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-pdf-'));
  const file = join(dir, 'radicals.pdf');
  writeFileSync(file, await renderPdf(d2));
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.ok(r.stdout.includes('人民⼈⺠门⻔'), 'each code point extracts as itself');
  assert.ok(r.stdout.includes('𠮷'), 'a character outside the BMP');
  assert.ok(r.stdout.includes('A\uFFFDB'), 'a lone surrogate is a replacement character, and the next character is kept');
});

test('a missing CJK font is a clear error naming the Debian package', () => {
  const old = process.env.GONGKAI_CJK_FONT_DIR;
  process.env.GONGKAI_CJK_FONT_DIR = '/nonexistent';
  try {
    assert.throws(
      () => cjkFont(),
      (e: Error) => e instanceof MissingFontError && /fonts-noto-cjk/.test(e.message),
    );
  } finally {
    if (old === undefined) delete process.env.GONGKAI_CJK_FONT_DIR;
    else process.env.GONGKAI_CJK_FONT_DIR = old;
  }
});

test('a PDF without a text layer is refused: no text layer (scanned PDF?)', async () => {
  const blank = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n4 0 obj<</Length 22>>stream\n0 0 m 100 100 l S\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  await assert.rejects(readPdf(blank, 'scan.pdf'), /scan\.pdf：PDF 没有文字层（可能为扫描件）/);
});
