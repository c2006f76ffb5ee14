/**
 * A PDF decompression bomb for the tests: one page whose content stream is a zlib stream that
 * inflates to `inflatedBytes` of blanks. The deflate data is written by hand (a fixed-Huffman
 * block: one literal blank, then copies of 258 bytes at distance 1, 13 bits each), so a 1 GiB bomb
 * is made in milliseconds instead of deflating a gigabyte.
 */
export function pdfBomb(inflatedBytes: number): Buffer {
  const copies = Math.ceil((inflatedBytes - 1) / 258);
  // Header, block bits, checksum.
  const out = Buffer.alloc(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 8);
  let at = 0;
  let bit = 0;
  /** `n` bits of `v`, least significant first (deflate's bit order). */
  const bits = (v: number, n: number) => {
    for (let i = 0; i < n; i++) {
      if ((v >> i) & 1) out[at]! |= 1 << bit;
      if (++bit === 8) {
        bit = 0;
        at++;
      }
    }
  };
  /** A Huffman code, most significant bit first. */
  const code = (v: number, n: number) => {
    for (let i = n - 1; i >= 0; i--) bits((v >> i) & 1, 1);
  };
  out[at++] = 0x78; // zlib header: deflate, 32K window
  out[at++] = 0x01;
  bits(1, 1); // last block
  bits(1, 2); // fixed Huffman codes
  code(0x30 + 0x20, 8); // literal ' '
  for (let i = 0; i < copies; i++) {
    code(0b11000101, 8); // length symbol 285: 258 bytes
    code(0, 5); // distance symbol 0: 1 byte back
  }
  code(0, 7); // end of block
  if (bit) at++;
  // Adler-32 of n blanks, in closed form: a = 1 + 32n, b = n + 32·n(n+1)/2 (mod 65521).
  const n = BigInt(1 + copies * 258);
  const a = (1n + 32n * n) % 65521n;
  const b = (n + 16n * n * (n + 1n)) % 65521n;
  out.writeUInt32BE(Number((b << 16n) | a), at);
  const deflated = out.subarray(0, at + 4);
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>'];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  let size = parts[0]!.length;
  const offsets: number[] = [];
  const add = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  objects.forEach((o, i) => {
    offsets.push(size);
    add(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`));
  });
  offsets.push(size);
  add(Buffer.from(`4 0 obj\n<< /Length ${deflated.length} /Filter /FlateDecode >>\nstream\n`));
  add(deflated);
  add(Buffer.from('\nendstream\nendobj\n'));
  const xref = size;
  add(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}
