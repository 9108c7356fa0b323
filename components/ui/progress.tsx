/*
 * What a long action shows while it runs: a spinner beside the pressed button's words ("Merging…"), and a line
 * that screen readers announce, with a bar when the action reports how far it is.
 */

/** A small turning ring in the text's colour; still for readers who asked for reduced motion. */
export function Spinner({ className = '' }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      aria-hidden="true"
      className={`shrink-0 motion-safe:animate-spin ${className}`}
    >
      <circle cx="8" cy="8" r="6" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
      <path d="M14 8a6 6 0 0 0-6-6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A button's words, with the spinner in front while its action runs. */
export function PendingLabel({ pending, children }: { pending: boolean; children: React.ReactNode }) {
  return (
    <>
      {pending && <Spinner />}
      {children}
    </>
  );
}

/**
 * An action's progress, announced politely: a bar filled to `fraction` (0–1) when the action says how far it
 * is, a moving stripe when it cannot, and a line of words under it.
 */
export function ProgressStatus({
  label,
  fraction,
  children,
  textTestId,
}: {
  /** Names the bar ("Import progress"). */
  label: string;
  /** How much is done, 0–1; null when unknown. */
  fraction: number | null;
  /** The words under the bar ("1,204 rows, 2.1 of 8.0 MB"). */
  children: React.ReactNode;
  textTestId?: string;
}) {
  return (
    <div role="status" aria-live="polite">
      {fraction === null ? (
        <div role="progressbar" aria-label={label} className="bg-rule relative h-2 w-full overflow-hidden rounded-full">
          <div className="bg-ink absolute inset-y-0 w-1/3 rounded-full motion-safe:animate-[progress-slide_1.4s_ease-in-out_infinite] motion-reduce:w-full motion-reduce:opacity-40" />
        </div>
      ) : (
        <progress className="accent-ink h-2 w-full" max={1} value={fraction} aria-label={label} />
      )}
      <p className="text-muted mt-1 font-mono text-xs" data-testid={textTestId}>
        {children}
      </p>
    </div>
  );
}
