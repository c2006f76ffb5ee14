/**
 * URL of a module named by its source path (`./build-task.ts`) relative to the calling module's
 * `import.meta.url`: the .ts file when running from the sources (tsx), the compiled .js beside the
 * caller when running from dist/ (scripts/build.mjs compiles src/x.ts to dist/x.js). For module
 * URLs that are not import specifiers, which the compiler does not rewrite — worker handlers.
 */
export function moduleUrl(sourcePath: string, base: string): URL {
  const url = new URL(sourcePath, base);
  if (base.endsWith('.js') && url.pathname.endsWith('.ts')) url.pathname = `${url.pathname.slice(0, -3)}.js`;
  return url;
}
