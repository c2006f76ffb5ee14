/**
 * Where to go after signing in: a path on this site only. Browsers drop tabs and newlines from a
 * URL and read "\" as "/", so "/\t/evil.example" would leave the site: any control character,
 * space or backslash is refused, and the path must resolve to this origin.
 */
const HERE = 'http://gongkai.invalid';

export function safeNext(next: string | undefined, fallback = '/prepare'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\u0000-\u0020\u007f\\]/.test(next)) return fallback;
  try {
    const u = new URL(next, HERE);
    return u.origin === HERE ? u.pathname + u.search + u.hash : fallback;
  } catch {
    return fallback;
  }
}
