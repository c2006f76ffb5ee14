import assert from 'node:assert/strict';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding } from './decode.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const validUtf8 = (b: Uint8Array) => {
  try {
    strict.decode(b);
    return true;
  } catch {
    return false;
  }
};

test('detectEncoding: UTF-8 exactly when a strict UTF-8 decoder accepts the bytes, else GB18030', () => {
  const samples: number[][] = [
    [...Buffer.from('单位：万元 1,861.38')],
    [...iconv.encode('单位：万元 1,861.38', 'gbk')],
    [0xed, 0xa0, 0x80], // an encoded surrogate
    [0xc0, 0xaf], // overlong "/"
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xe5, 0x8d], // cut inside a character
    [0x41, 0x80],
    [],
  ];
  for (const s of samples) {
    const b = Uint8Array.from(s);
    assert.equal(detectEncoding(b).encoding, validUtf8(b) ? 'utf-8' : 'gb18030', JSON.stringify(s));
  }
  assert.equal(decodeText(iconv.encode('单位：万元', 'gbk')), '单位：万元');
  assert.equal(decodeText(Buffer.from('\uFEFF单位：万元')), '单位：万元');
});
