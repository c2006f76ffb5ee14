/**
 * The portal's calls into the renderers, in one place (generation and checking go through src/pipeline/). The PDF
 * renderer (our PDF writer and its CJK font) is loaded on the first PDF download, not at start.
 */
import type { Disclosure } from '../core/disclosure.ts';
import { dataPackageFiles } from '../render/data-package.ts';
import { renderHtml as renderHtmlRaw } from '../render/html.ts';
import { renderXlsx as renderXlsxRaw } from '../render/xlsx.ts';
import type { Finding } from '../rules/index.ts';

export type { Finding };
export { dataPackageFiles };

export class EngineUnavailable extends Error {}

export async function renderHtml(d: Disclosure, findings?: Finding[]): Promise<string> {
  return renderHtmlRaw(d, findings ? { findings } : {});
}

export async function renderXlsx(d: Disclosure): Promise<Buffer> {
  return Buffer.from(await renderXlsxRaw(d));
}

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  const { renderPdf: render } = await import('../render/pdf.ts');
  return Buffer.from(await render(d));
}
