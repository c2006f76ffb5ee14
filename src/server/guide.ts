/**
 * The user guide (docs/guide.md) as a portal page. The Markdown is ours, from the repository, so
 * its HTML is trusted; it is read and converted once per process.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';

/** docs/guide.md: two levels above src/server (or dist/server). */
export const GUIDE_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/guide.md');

let cached: string | undefined;

export function guideHtml(): string {
  // Code blocks scroll sideways on a phone: keyboard users must be able to reach them.
  cached ??= marked.parse(readFileSync(GUIDE_PATH, 'utf8'), { async: false }).replace(/<pre>/g, '<pre tabindex="0">');
  return cached;
}
