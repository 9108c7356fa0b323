'use client';

import type { ReactNode, Ref } from 'react';

/*
 * The parts the long forms (a contact, an official) share: their titled
 * sections, the summary of a failed save that links to each field, and the
 * message of a failure that is not about one field.
 */

/** A titled part of a long form: its title and hint beside its fields on a wide screen, above them on a narrow one. */
export function FormSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="border-rule grid gap-x-10 gap-y-4 border-t pt-6 md:grid-cols-[11rem_1fr]">
      <div>
        <h2 id={id} className="text-muted text-sm font-medium tracking-wider uppercase">
          {title}
        </h2>
        {hint && <p className="text-muted mt-1 text-sm">{hint}</p>}
      </div>
      <div className="min-w-0 space-y-5">{children}</div>
    </section>
  );
}

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
export function ErrorSummaryBox({
  ref,
  titleId,
  title,
  entries,
  fieldId,
  fieldLabel,
  className,
}: {
  ref: Ref<HTMLElement>;
  titleId: string;
  title: string;
  /** The errors, in the order shown. */
  entries: [string, string[]][];
  fieldId: (key: string) => string;
  fieldLabel: (key: string) => string;
  className: string;
}) {
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby={titleId} className={className}>
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
export function FormMessage({ ref, message }: { ref?: Ref<HTMLParagraphElement>; message: string }) {
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role="alert"
      className="border-silence rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm outline-none"
    >
      {message}
    </p>
  );
}

/**
 * The table of a version conflict: a row per field that differs, its name
 * first, then a column for each version (`columns` heads them).
 */
export function ConflictTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: ReactNode;
  columns: ReactNode[];
  /** Its width: "w-full min-w-[32rem]". */
  className: string;
  children: ReactNode;
}) {
  return (
    <table className={`${className} text-left text-sm`}>
      <caption className="sr-only">{caption}</caption>
      <thead className="text-muted text-xs">
        <tr>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            Field
          </th>
          {columns.map((column, i) => (
            <th
              key={i}
              scope="col"
              className={i === columns.length - 1 ? 'py-1.5 font-medium' : 'py-1.5 pr-3 font-medium'}
            >
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-rule divide-y align-top">{children}</tbody>
    </table>
  );
}
