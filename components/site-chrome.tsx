'use client';

import { usePathname } from 'next/navigation';
import { ThemeProvider } from '@/components/ui/theme';

/** Whether an address is an embed, which other sites frame: it shows no site chrome. */
export const isEmbedPath = (path: string | null) => path !== null && (path === '/embed' || path.startsWith('/embed/'));

/** The site's header and footer, left out of embeds (the root layout is shared by every page). */
export function SiteChrome({ children }: { children: React.ReactNode }) {
  return isEmbedPath(usePathname()) ? null : children;
}

/** The page's main element: the site's column, or the whole frame in an embed. */
export function SiteMain({ children }: { children: React.ReactNode }) {
  const isEmbed = isEmbedPath(usePathname());
  return (
    <main id="main" className={isEmbed ? 'h-dvh px-3 py-2 sm:px-4 sm:py-3' : 'mx-auto max-w-5xl px-5 py-10'}>
      {children}
    </main>
  );
}

/**
 * The reader's light/dark choice, on every page but the embeds: another site frames those, where a choice made
 * on this site means nothing (and the frame's storage is the framing site's), so they follow the OS.
 */
export function SiteTheme({ children }: { children: React.ReactNode }) {
  return isEmbedPath(usePathname()) ? children : <ThemeProvider>{children}</ThemeProvider>;
}
