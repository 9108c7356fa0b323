'use client';

import type { Ref } from 'react';

/** Moves focus to a field named in the summary, the way a label click would. */
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/**
 * The list of problems at the top of a form, each linking to its field (the
 * form-wide ones, under `form`, as plain text). Focus moves here after a failed
 * save, so a screen reader hears it first.
 */
export function ErrorSummary({
  ref,
  titleId,
  title,
  entries,
  fieldId,
  fieldLabel,
  className = '',
}: {
  ref: Ref<HTMLElement>;
  titleId: string;
  title: string;
  /** The errors, in the order shown. */
  entries: [string, string[]][];
  fieldId: (key: string) => string;
  fieldLabel: (key: string) => string;
  /** Classes added to the box's own. */
  className?: string;
}) {
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      className={`border-silence rounded border-l-4 bg-orange-500/10 px-4 py-4 outline-none sm:px-5 ${className}`.trim()}
    >
      <h2 id={titleId} className="font-semibold">
        {title}
      </h2>
      {entries.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm">
          {entries.map(([key, messages]) =>
            key === 'form' ? (
              <li key={key}>{messages.join(' ')}</li>
            ) : (
              <li key={key}>
                <a href={`#${fieldId(key)}`} onClick={(e) => focusField(e, fieldId(key))} className="text-ink">
                  {fieldLabel(key)}: {messages.join(' ')}
                </a>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

/** A message of the form that is neither a field error nor a warning: a refusal, a deleted record. */
export function FormMessage({
  ref,
  message,
  className = '',
}: {
  ref?: Ref<HTMLParagraphElement>;
  message: string;
  /** Classes added to its own: its spacing. */
  className?: string;
}) {
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role="alert"
      className={`border-silence rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm outline-none ${className}`.trim()}
    >
      {message}
    </p>
  );
}
