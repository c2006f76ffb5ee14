/**
 * Escaped HTML building: `html\`…${value}…\`` escapes every interpolated value unless it is
 * already SafeHtml (from `html` or `raw`). Arrays are joined. The only way to emit markup.
 */
import { escapeHtml } from '../util/escape-html.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export { escapeHtml };

type Value = SafeHtml | string | number | boolean | null | undefined | Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** Trusted markup (renderer output, our own SVG). Never pass user text here. */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}
