'use client';

import { lazy, Suspense, useSyncExternalStore, type ComponentProps } from 'react';

/*
 * The parts of every page that depend on who is signed in. They read the session in the browser with the
 * auth library's client (lib/auth/client.ts), which is larger than all of the page's own code: so they load
 * with it after the page has hydrated, in their own chunk, not in the page's first load. Until then each
 * shows what it shows while the session is read: the header keeps the menu's place, the rest nothing.
 */

const LazyUserMenu = lazy(() => import('./user-menu').then((module) => ({ default: module.UserMenu })));
const LazyEditContactLink = lazy(() =>
  import('./edit-contact-link').then((module) => ({ default: module.EditContactLink })),
);
const LazySignedInAs = lazy(() => import('./signed-in-as').then((module) => ({ default: module.SignedInAs })));

const subscribeNothing = () => () => {};

/** False on the server and while the page hydrates, true after: the lazy parts load only then. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}

const menuPlaceholder = <span className="inline-block w-16" aria-hidden="true" />;

/** The header's account corner (components/auth/user-menu.tsx). */
export function UserMenu() {
  return useHydrated() ? (
    <Suspense fallback={menuPlaceholder}>
      <LazyUserMenu />
    </Suspense>
  ) : (
    menuPlaceholder
  );
}

/** "Edit" for those whose role may edit contacts (components/auth/edit-contact-link.tsx). */
export function EditContactLink(props: ComponentProps<typeof LazyEditContactLink>) {
  return useHydrated() ? (
    <Suspense fallback={null}>
      <LazyEditContactLink {...props} />
    </Suspense>
  ) : null;
}

/** "You are signed in as …" on the refusal page (components/auth/signed-in-as.tsx). */
export function SignedInAs() {
  return useHydrated() ? (
    <Suspense fallback={null}>
      <LazySignedInAs />
    </Suspense>
  ) : null;
}
