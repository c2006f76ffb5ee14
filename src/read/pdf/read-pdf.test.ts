import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPdf } from '../../render/pdf.ts';
import { yingkouDisclosure } from '../../roundtrip/yingkou.ts';
import { UnreadableInputError } from '../errors.ts';
import { InputRejected, LIMITS } from '../guards.ts';
import { minimalPdf } from './minimal-pdf.ts';
import { pageRules, pageSize, pageText, type PageContent, type PdfPage } from './page-content.ts';
import { loadPdfjs } from './pdfjs.ts';
import { pagesNeedingRules, readPdf, withoutFontPrograms } from './read-pdf.ts';

const isNative = (f: unknown) => /\[native code\]/.test(Function.prototype.toString.call(f));

test('a PDF over the page cap is refused once loaded (413)', async () => {
  const pages = Array.from({ length: LIMITS.pdfPages + 1 }, (_, i) => `BT /F1 12 Tf 72 720 Td (page ${i + 1}) Tj ET`);
  await assert.rejects(readPdf(minimalPdf(pages), 'many.pdf'), (e: unknown) => {
    assert.ok(e instanceof InputRejected, String(e));
    assert.equal(e.status, 413);
    assert.match(e.message, new RegExp(`^many\\.pdf .*${LIMITS.pdfPages + 1} 页，上限为 ${LIMITS.pdfPages}$`));
    return true;
  });
  // A page tree that claims five million pages but holds one: pdfjs counts the kids, so it reads as one page.
  const liar = await readPdf(minimalPdf(['BT /F1 12 Tf 72 720 Td (one) Tj ET'], { claimedPages: 5_000_000 }), 'liar.pdf');
  assert.deepEqual(liar.disclosure.tables, []);
  // At the cap it reads (and reports what is missing, not an error).
  const ok = await readPdf(minimalPdf(pages.slice(0, 3)), 'three.pdf');
  assert.deepEqual(ok.disclosure.tables, []);
  assert.ok(ok.problems.some((p) => /未找到表格/.test(p.message)));
});

test('damage pdfjs finds only in the page tree is a one-line "damaged PDF" error, not a crash', async () => {
  const good = Buffer.from(minimalPdf(['BT /F1 12 Tf 72 720 Td (one) Tj ET', 'BT /F1 12 Tf 72 720 Td (two) Tj ET'])).toString('latin1');
  // The second page points past the last object (the first fuzz crash of this kind).
  const bad = new Uint8Array(Buffer.from(good.replace('/Kids [4 0 R 6 0 R]', '/Kids [4 0 R 9 0 R]'), 'latin1'));
  await assert.rejects(readPdf(bad, 'kids.pdf'), (e: unknown) => {
    assert.ok(e instanceof UnreadableInputError, String(e));
    assert.match(e.message, /^kids\.pdf：PDF 已损坏（.+）$/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
});

test('a PDF whose pages carry no text is a scan: one-line "no text layer" error', async () => {
  const drawing = '0.5 w 72 72 m 500 72 l S 72 72 400 600 re S';
  await assert.rejects(readPdf(minimalPdf([drawing, drawing]), 'scan.pdf'), (e: unknown) => {
    assert.ok(e instanceof UnreadableInputError, String(e));
    assert.match(e.message, /^scan\.pdf：PDF 没有文字层/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
});

test('Yingkou PDF: ruling lines are fetched for every page that has them and skipped on prose pages; natives restored', async () => {
  const bytes = new Uint8Array(await renderPdf(yingkouDisclosure()));
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const pages: PageContent[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = (await doc.getPage(p)) as unknown as PdfPage;
      pages.push({ page: p, ...pageSize(page), items: await pageText(page), rules: await pageRules(page, pdfjs.OPS) });
    }
  } finally {
    await doc.destroy();
  }
  const wanted = pagesNeedingRules(pages);
  const missed = pages.filter((p, i) => !wanted[i] && p.rules.length > 0).map((p) => p.page);
  assert.deepEqual(missed, [], 'no page with ruling lines is skipped');
  const skipped = wanted.filter((w) => !w).length;
  assert.ok(skipped >= 4, `prose pages skipped (${skipped} of ${pages.length})`);
  assert.ok(pages.filter((p) => p.rules.length > 0).length >= 20, 'the tables pages have rules');

  const read = await readPdf(bytes, 'yingkou.pdf');
  assert.equal(read.disclosure.tables.length, yingkouDisclosure().tables.length);

  // Font programs are never parsed: blanked references keep every offset, and garbage in the
  // font streams (a fuzz case once kept pdfjs's CFF parser busy for 12 s) changes nothing.
  const blanked = withoutFontPrograms(bytes);
  assert.equal(blanked.length, bytes.length);
  const latin = (b: Uint8Array) => Buffer.from(b).toString('latin1');
  const refs = [...latin(bytes).matchAll(/\/FontFile[23]?\s+(\d+)\s+0\s+R/g)].map((m) => Number(m[1]));
  assert.ok(refs.length >= 1, 'our PDF embeds its fonts');
  assert.doesNotMatch(latin(blanked), /\/FontFile[23]?\s+\d+/);
  // Without ToUnicode maps the programs may carry the text (glyph names): they are kept.
  const noMaps = new Uint8Array(Buffer.from(latin(bytes).replace(/\/ToUnicode(\s+\d+\s+\d+\s+R)/g, '/ToUnicodX$1'), 'latin1'));
  assert.deepEqual(withoutFontPrograms(noMaps), noMaps);
  const garbled = new Uint8Array(bytes);
  for (const n of refs) {
    const start = latin(bytes).indexOf('stream', latin(bytes).indexOf(`\n${n} 0 obj`)) + 'stream\n'.length;
    const end = latin(bytes).indexOf('endstream', start);
    for (let i = start; i < end; i++) garbled[i] = (i * 7919 + 13) % 251;
  }
  const fromGarbled = await readPdf(garbled, 'yingkou.pdf');
  assert.deepEqual(fromGarbled.disclosure, read.disclosure);
  // core-js in the pdfjs bundle replaced these process-wide; the loader puts the natives back.
  assert.ok(isNative(Array.prototype.push), 'Array.prototype.push is native');
  assert.ok(isNative(JSON.stringify), 'JSON.stringify is native');
  assert.equal(typeof (Promise as { withResolvers?: unknown }).withResolvers, 'function', 'what pdfjs needs on Node 20 stays');
});
