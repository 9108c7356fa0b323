/** A path on this site to return to after signing in; anything else (another host, `//x`) becomes `/`. */
export function safeReturnPath(next: string | string[] | undefined | null): string {
  const value = Array.isArray(next) ? next[0] : next;
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}
