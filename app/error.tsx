'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="max-w-xl">
      <h1 className="text-3xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="text-muted mt-3">The error has been logged on the server. Try again in a moment.</p>
      <button type="button" onClick={reset} className="border-rule mt-6 rounded border px-3 py-1.5">
        Try again
      </button>
    </section>
  );
}
