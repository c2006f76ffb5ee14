/**
 * Hand-built PDFs for tests and fuzz seeds: one page per content stream (Helvetica as /F1),
 * a correct cross-reference table, and optionally a page count the page tree lies about.
 */
export function minimalPdf(contents: string[], opts: { claimedPages?: number } = {}): Uint8Array {
  const objects: string[] = [];
  const n = contents.length;
  // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i and its content stream at 5 + 2i.
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  const kids = contents.map((_, i) => `${4 + 2 * i} 0 R`).join(' ');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${opts.claimedPages ?? n} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  contents.forEach((c, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(c, 'latin1')} >>\nstream\n${c}\nendstream`);
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
