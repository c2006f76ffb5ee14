import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { CffFont } from './pdf-cff.ts';
import { cjkFont, sharedFace } from './pdf-font.ts';

const require = createRequire(import.meta.url);
interface FkFace {
  getGlyph(gid: number): { path: { toSVG(): string } };
  glyphForCodePoint(cp: number): { id: number };
}
const fontkit = require('fontkit') as { create(b: Buffer, name?: string): FkFace };

/** A bare OpenType wrapper (maxp + CFF) around a CFF program, so fontkit can draw its glyphs. */
function otf(cff: Uint8Array, glyphs: number): Buffer {
  const maxp = Buffer.alloc(6);
  maxp.writeUInt32BE(0x00005000, 0);
  maxp.writeUInt16BE(glyphs, 4);
  const tables: [string, Buffer][] = [
    ['CFF ', Buffer.from(cff)],
    ['maxp', maxp],
  ];
  const head = Buffer.alloc(12 + 16 * tables.length);
  head.write('OTTO', 0, 'latin1');
  head.writeUInt16BE(tables.length, 4);
  let offset = head.length;
  const bodies: Buffer[] = [];
  tables.forEach(([tag, data], i) => {
    head.write(tag, 12 + i * 16, 'latin1');
    head.writeUInt32BE(offset, 12 + i * 16 + 8);
    head.writeUInt32BE(data.length, 12 + i * 16 + 12);
    const padded = Buffer.alloc(Math.ceil(data.length / 4) * 4);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([head, ...bodies]);
}

const font = cjkFont();

for (const [label, [file, name]] of [
  ['regular', font.normal],
  ['bold', font.bold],
] as const) {
  test(`CFF subset (${label}): every glyph draws exactly as in the font, with no subroutines left`, () => {
    const face = sharedFace(file, name);
    const original = fontkit.create(readFileSync(file), name);
    const text = '0123456789,.-% 合计支出预算总表（单位：万元）一般公共服务“三公”经费，营口市绩效目标ABCxyz';
    const gids = [0, ...new Set([...text].map((c) => original.glyphForCodePoint(c.codePointAt(0)!).id))];
    const subset = face.cff.subset(gids, name);

    // Read back by our own parser: same charstrings, none calling a subroutine.
    const back = new CffFont(subset);
    assert.equal(back.glyphCount, gids.length);
    gids.forEach((gid, cid) => assert.deepEqual(back.charString(cid), face.cff.charString(gid), `CID ${cid}`));

    // Drawn by fontkit's own charstring interpreter: the same outlines as the original glyphs.
    const drawn = fontkit.create(otf(subset, gids.length));
    gids.forEach((gid, cid) => assert.equal(drawn.getGlyph(cid).path.toSVG(), original.getGlyph(gid).path.toSVG(), `glyph ${gid}`));
    assert.ok(subset.length < 40_000, `${subset.length} bytes for ${gids.length} glyphs`);
  });
}
