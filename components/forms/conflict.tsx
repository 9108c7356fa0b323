'use client';

import type { ReactNode, Ref } from 'react';
import { buttonClass } from '@/components/ui/button';

/*
 * Someone else saved the record first. Each form says what differs in its own
 * words; the frame, the table and the two ways on are the same everywhere:
 * save what is in my form over theirs, or load theirs.
 */

/** A titled warning (a version conflict, a possible duplicate) that focus moves to, when it has a ref. */
export function WarningNotice({
  ref,
  titleId,
  title,
  children,
}: {
  ref?: Ref<HTMLElement>;
  titleId: string;
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <section
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      aria-labelledby={titleId}
      className="rounded border-l-4 border-amber-500 bg-amber-500/10 px-4 py-4 outline-none sm:px-5"
    >
      <h2 id={titleId} className="font-semibold">
        {title}
      </h2>
      {children}
    </section>
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

/** The two ways on from a conflict; both wait while a save runs. */
export function ConflictActions({
  pending,
  keepLabel,
  loadLabel,
  onKeepMine,
  onLoadTheirs,
  showPending = true,
  className = 'mt-4',
}: {
  pending: boolean;
  keepLabel: string;
  loadLabel: string;
  onKeepMine: (event: React.MouseEvent<HTMLButtonElement>) => void;
  onLoadTheirs: () => void;
  /** Whether the keep button says "Saving…" while the save runs. */
  showPending?: boolean;
  /** Its spacing from what is above. */
  className?: string;
}) {
  return (
    <div className={`${className} flex flex-wrap gap-3`}>
      <button type="button" onClick={onKeepMine} disabled={pending} className={buttonClass.primary}>
        {pending && showPending ? 'Saving…' : keepLabel}
      </button>
      <button type="button" onClick={onLoadTheirs} disabled={pending} className={buttonClass.secondary}>
        {loadLabel}
      </button>
    </div>
  );
}
