'use client';

import './globals.css';

/** Shown when the root layout itself fails: it replaces the whole page, so it brings its own html and body. */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <header className="border-rule border-b">
          <div className="mx-auto max-w-5xl px-5 py-4">
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load: the layout itself failed */}
            <a href="/" className="text-lg font-semibold tracking-tight no-underline">
              Counterpart
            </a>
          </div>
        </header>
        <main className="mx-auto max-w-5xl px-5 py-14">
          <h1 className="text-3xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="text-muted mt-3 max-w-xl">
            The error has been logged on the server. Try again in a moment; if the database was not answering, the page
            works again as soon as it is back.
          </p>
          <button type="button" onClick={reset} className="border-rule mt-6 rounded border px-3 py-1.5">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
