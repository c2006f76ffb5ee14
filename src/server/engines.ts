/**
 * The portal's calls into the generator, rules, readers and renderers, in one place. The PDF
 * renderer (our PDF writer and its CJK font) is loaded on the first PDF download, not at start.
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

export async function renderPdf(d: Disclosure): Promise<Buffer> {
  const { renderPdf: render } = await import('../render/pdf.ts');
  return Buffer.from(await render(d));
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
