import '@fontsource-variable/inter';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { UserMenu } from '@/components/auth/deferred';
import { SiteChrome, SiteMain, SiteTheme } from '@/components/site-chrome';
import { ThemeToggle } from '@/components/ui/theme';

export const metadata: Metadata = {
  title: { default: 'Counterpart — the silences between officials', template: '%s · Counterpart' },
  description:
    'Counterpart tracks calls, meetings and hotline use between officials of different countries, and the silences between them, with sources.',
  alternates: {
    types: { 'application/atom+xml': [{ url: '/feeds/contacts.xml', title: 'Counterpart: new contacts' }] },
  },
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: { url: '/apple-touch-icon.png', sizes: '180x180' },
  },
  manifest: '/manifest.webmanifest',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#141413' },
  ],
};

/*
 * Without JavaScript, the parts of a page that arrive after its first bytes (inside a loading.tsx or <Suspense>
 * boundary) stay where React streams them, hidden at the end of <body>, because an inline script moves them into
 * place. This shows them there, before the footer, in the page's column, and hides the skeletons they replace
 * (`!important` in Tailwind's base layer, where its preflight hides every [hidden] with an important rule, which
 * would beat an unlayered one). They come in the order React finished
 * them, not always the page's order.
 */
const NO_SCRIPT_STREAMING = `[data-skeleton]{display:none}
body{display:flex;flex-direction:column}
body>main{width:100%}
body>footer{order:1}
@layer base{body>div[hidden][id^="S:"]{display:block!important;box-sizing:border-box;width:100%;max-width:64rem;margin-inline:auto;padding:0 1.25rem 2.5rem}}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // next-themes sets data-theme and color-scheme on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <noscript>
          <style>{NO_SCRIPT_STREAMING}</style>
        </noscript>
      </head>
      <body className="min-h-screen font-sans antialiased">
        <SiteTheme>
          <SiteChrome>
            <a
              href="#main"
              className="bg-ink text-paper sr-only rounded px-3 py-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
            >
              Skip to content
            </a>
            <header className="border-rule border-b">
              <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-5 py-4">
                <Link href="/" className="text-lg font-semibold tracking-tight no-underline">
                  Counterpart
                </Link>
                <nav aria-label="Main" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
                  <Link href="/" className="no-underline hover:underline">
                    Silences
                  </Link>
                  <Link href="/search" className="no-underline hover:underline">
                    Search
                  </Link>
                  <Link href="/api-docs" className="no-underline hover:underline">
                    API
                  </Link>
                  <form method="get" action="/search" role="search">
                    <label className="sr-only" htmlFor="site-search">
                      Search officials and contacts
                    </label>
                    <input
                      id="site-search"
                      name="q"
                      type="search"
                      placeholder="Search any spelling…"
                      className="border-rule bg-paper w-44 rounded border px-2 py-1 text-sm"
                    />
                  </form>
                  <UserMenu />
                  <ThemeToggle />
                </nav>
              </div>
            </header>
          </SiteChrome>
          <SiteMain>{children}</SiteMain>
          <SiteChrome>
            <footer className="border-rule border-t">
              <div className="text-muted mx-auto max-w-5xl px-5 py-6 text-sm">
                Every contact is sourced. Gaps are counted in calendar days between held contacts; today is the UTC
                date. <Link href="/methodology">How we count</Link>
              </div>
            </footer>
          </SiteChrome>
        </SiteTheme>
      </body>
    </html>
  );
}
