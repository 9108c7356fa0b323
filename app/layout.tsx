import '@fontsource-variable/inter';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';

export const metadata: Metadata = {
  title: { default: 'Counterpart — the silences between officials', template: '%s · Counterpart' },
  description:
    'Counterpart tracks calls, meetings and hotline use between officials of different countries, and the silences between them, with sources.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fbfaf7' },
    { media: '(prefers-color-scheme: dark)', color: '#141413' },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <header className="border-rule border-b">
          <div className="mx-auto flex max-w-5xl items-baseline justify-between gap-4 px-5 py-4">
            <Link href="/" className="text-lg font-semibold tracking-tight no-underline">
              Counterpart
            </Link>
            <p className="text-muted hidden text-sm sm:block">
              Contacts between officials, and the silences between them
            </p>
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-5 py-10">{children}</main>
        <footer className="border-rule border-t">
          <div className="text-muted mx-auto max-w-5xl px-5 py-6 text-sm">
            Every contact is sourced. Gaps are counted in calendar days between held contacts; today is the UTC date.
          </div>
        </footer>
      </body>
    </html>
  );
}
