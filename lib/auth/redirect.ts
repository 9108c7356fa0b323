/** The origin paths are resolved against: any will do, only "same origin or not" matters. */
const BASE = 'http://counterpart.invalid';

/**
 * A path on this site to return to after signing in; anything else becomes `/`.
 * The value is resolved the way a browser resolves it (which drops tabs and
 * newlines, and reads `\` as `/`), and kept only if it stays on this origin, so
 * `/%09/evil.example` or `/\evil.example` cannot leave the site.
 */
export function safeReturnPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that itself starts with `//` would be read as another host where it is used next.
  return path.startsWith('//') ? '/' : path;
}
