/**
 * The portal's calls into the generator, rules, readers and renderers, in one place. The PDF
 * renderer is loaded lazily by path: until it is in the tree, PDF downloads answer 503.
 */
import type { Disclosure } from '../core/disclosure.ts';
import { buildDisclosure } from '../project/build-disclosure.ts';
import { readDisclosureFile as readFileRaw, UnreadableInputError } from '../read/index.ts';
import { writeDataPackage } from '../render/data-package.ts';
import { renderHtml as renderHtmlRaw } from '../render/html.ts';
import { renderXlsx as renderXlsxRaw } from '../render/xlsx.ts';
import { checkDisclosure, type Finding } from '../rules/index.ts';

export type { Finding };
export { buildDisclosure, checkDisclosure, writeDataPackage, UnreadableInputError };

export class EngineUnavailable extends Error {}

export async function renderHtml(d: Disclosure, findings?: Finding[]): Promise<string> {
  return renderHtmlRaw(d, findings ? { findings } : {});
}

export async function renderXlsx(d: Disclosure): Promise<Buffer> {
  return Buffer.from(await renderXlsxRaw(d));
}

interface PdfModule {
  renderPdf(d: Disclosure): Uint8Array | Promise<Uint8Array>;
}

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  let m: PdfModule;
  try {
    m = (await import(new URL('../render/pdf.ts', import.meta.url).href)) as PdfModule;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') throw new EngineUnavailable('PDF 渲染模块尚未安装，请下载 HTML 或 Excel 版本');
    throw e;
  }
  return Buffer.from(await m.renderPdf(d));
}

/** Reads a published document; an unreadable one comes back as problems, not an exception. */
export async function readDisclosureFile(path: string): Promise<{ disclosure?: Disclosure; problems: string[] }> {
  try {
    const r = await readFileRaw(path);
    return { disclosure: r.disclosure, problems: r.problems.map((p) => p.message) };
  } catch (e) {
    if (e instanceof UnreadableInputError) return { problems: [e.message.replace(/^[^:]*upload\.\w+: /, '')] };
    throw e;
  }
}
