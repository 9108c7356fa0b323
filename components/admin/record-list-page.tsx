import type { ReactNode } from 'react';

/*
 * The admin list page of a kind of record (context events, channels): what
 * they are, every one of them newest first, then the form that adds one.
 */

export function RecordListPage({
  title,
  intro,
  idPrefix,
  count,
  empty,
  addTitle,
  addNote,
  form,
  children,
}: {
  title: string;
  intro: ReactNode;
  /** "event", "channel": names the page's headings. */
  idPrefix: string;
  /** "One event", "3 events". */
  count: string;
  /** What the list says while there is none. */
  empty: string;
  addTitle: string;
  addNote: ReactNode;
  form: ReactNode;
  /** The list's items, RecordListItem each; none shows `empty`. */
  children: ReactNode[];
}) {
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        <p className="text-muted mt-3 max-w-2xl leading-relaxed">{intro}</p>
      </header>

      <section aria-labelledby={`${idPrefix}s-list-title`}>
        <h2 id={`${idPrefix}s-list-title`} className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
          {count}, newest first
        </h2>
        {children.length === 0 ? (
          <p className="text-muted">{empty}</p>
        ) : (
          <ul className="divide-rule border-rule divide-y border-y" aria-label={title}>
            {children}
          </ul>
        )}
      </section>

      <section aria-labelledby={`add-${idPrefix}-heading`} className="max-w-3xl">
        <h2 id={`add-${idPrefix}-heading`} className="mb-1 text-xl font-semibold tracking-tight">
          {addTitle}
        </h2>
        <p className="text-muted mb-6 text-sm">{addNote}</p>
        {form}
      </section>
    </div>
  );
}

/** The look of a list item's dates. */
export const whenClass = 'text-muted text-sm tabular-nums sm:pt-0.5';

/** One record of the list: its dates in the first column, what it is in the second. */
export function RecordListItem({ when, children }: { when: ReactNode; children: ReactNode }) {
  return (
    <li className="grid gap-x-6 gap-y-1 py-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
      {when}
      <div className="min-w-0">{children}</div>
    </li>
  );
}

/** A record's source, by its host name, after the other facts of its line. */
export function SourceLink({ url }: { url: string | null }) {
  if (!url) return null;
  return (
    <>
      {' · '}
      <a href={url} rel="noreferrer" className="break-all">
        {new URL(url).hostname}
      </a>
    </>
  );
}
