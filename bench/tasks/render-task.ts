// Benchmark worker task: render one unit's disclosure.json (from a batch build) as XLSX or PDF.
// Renderers are loaded when the worker starts, so the timed part is rendering alone.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { Disclosure } from '../../src/core/disclosure.ts';
import { renderXlsx } from '../../src/render/xlsx.ts';

type Renderer = (d: Disclosure) => Promise<Uint8Array> | Uint8Array;
const pdfModule = new URL('../../src/render/pdf.ts', import.meta.url);
const renderers: Record<string, Renderer> = { xlsx: renderXlsx };
if (existsSync(pdfModule)) renderers.pdf = ((await import(pdfModule.href)) as { renderPdf: Renderer }).renderPdf;

export async function handle(task: { file: string; format: string; outFile: string }): Promise<{ bytes: number }> {
  const render = renderers[task.format];
  if (!render) throw new Error(`no renderer for ${task.format}`);
  const d = JSON.parse(await readFile(task.file, 'utf8')) as Disclosure;
  const out = await render(d);
  await writeFile(task.outFile, out);
  return { bytes: out.byteLength };
}
