/*
 * What the app imports from next/headers, next/cache and next/navigation, for route handlers and server
 * actions called in-process, outside a Next.js request: the headers are the ones the fuzzer sets for the
 * call at hand, revalidation does nothing, and redirect and notFound throw as Next's do. The vitest
 * runs mock those modules with this one; scripts/fuzz.ts points them here with a module hook.
 */

const KEY = Symbol.for('counterpart.fuzz.requestHeaders');
const state = globalThis as typeof globalThis & { [KEY]?: Headers };

/** The headers `headers()` answers from now on: the request's own, or the signed-in user's cookie for an action. */
export function setRequestHeaders(headers: HeadersInit | null): void {
  state[KEY] = new Headers(headers ?? {});
}

export async function headers(): Promise<Headers> {
  return new Headers(state[KEY] ?? {});
}

export async function cookies() {
  const all = (state[KEY]?.get('cookie') ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes('='))
    .map((pair) => ({ name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1) }));
  return {
    get: (name: string) => all.find((c) => c.name === name),
    getAll: () => all,
    has: (name: string) => all.some((c) => c.name === name),
    set: () => {},
    delete: () => {},
  };
}

export function draftMode() {
  return { isEnabled: false, enable: () => {}, disable: () => {} };
}

export function revalidatePath(): void {}
export function revalidateTag(): void {}
export function updateTag(): void {}
export function refresh(): void {}
export function unstable_cache<T>(fn: T): T {
  return fn;
}

/** What Next's redirect(), notFound() and forbidden() throw, so a caller can tell them from a bug. */
export class NavigationSignal extends Error {
  constructor(
    readonly kind: 'redirect' | 'not-found' | 'forbidden' | 'unauthorized',
    readonly url?: string,
  ) {
    super(`${kind}${url ? ` ${url}` : ''}`);
  }
}

export function redirect(url: string): never {
  throw new NavigationSignal('redirect', url);
}
export const permanentRedirect = redirect;
export function notFound(): never {
  throw new NavigationSignal('not-found');
}
export function forbidden(): never {
  throw new NavigationSignal('forbidden');
}
export function unauthorized(): never {
  throw new NavigationSignal('unauthorized');
}
