/**
 * pdfjs-dist (legacy build), loaded once per process with its worker module in the main thread.
 *
 * The legacy bundles carry core-js, which on Node 20 *replaces* Array.prototype.push (with a
 * JavaScript loop that checks for non-writable lengths) and JSON.stringify: every push in the
 * whole process — pdfjs's parsers, our readers, the renderers — ran several times slower after the
 * first PDF was read. The built-ins that were native before the import are put back afterwards;
 * what core-js *adds* (Promise.withResolvers, Map.prototype.getOrInsert, Uint8Array.toHex …)
 * stays, because pdfjs needs it on Node 20.
 *
 * The minified bundles are the same code and load faster (less to compile, no source map to parse).
 * The worker module is imported up front and published as `globalThis.pdfjsWorker`, which pdfjs
 * uses as its in-thread ("fake") worker, so no document imports it again (and its own core-js copy
 * is loaded before the natives are restored).
 */
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const isNative = (f: unknown) => typeof f === 'function' && /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(f));

/** Built-ins core-js may replace, captured when this module is first evaluated (only if still native). */
const NATIVES: [object, string, unknown][] = [
  [Array.prototype, 'push', Array.prototype.push],
  [JSON, 'stringify', JSON.stringify],
  [JSON, 'parse', JSON.parse],
].filter(([, , f]) => isNative(f)) as [object, string, unknown][];

let loading: Promise<PdfjsModule> | undefined;

export function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.min.mjs' as string)) as PdfjsModule;
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs' as string);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    for (const [owner, key, f] of NATIVES) {
      const d = Object.getOwnPropertyDescriptor(owner, key);
      if (d?.value !== f && (d?.configurable || d?.writable)) Object.defineProperty(owner, key, { value: f, writable: true, configurable: true, enumerable: false });
    }
    return pdfjs;
  })();
  return loading;
}
