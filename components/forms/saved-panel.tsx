import type { ReactNode, Ref } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * What takes a create form's place after a save: a heading that focus moves
 * to, what was saved, and the ways on (`links`, list items) ending in a button
 * that empties the form for another.
 */
export function SavedPanel({
  ref,
  titleId,
  title,
  children,
  links,
  anotherLabel,
  onAnother,
}: {
  ref: Ref<HTMLHeadingElement>;
  titleId: string;
  title: ReactNode;
  children: ReactNode;
  links: ReactNode;
  anotherLabel: string;
  onAnother: () => void;
}) {
  return (
    <section
      aria-labelledby={titleId}
      className="border-rule rounded-md border-t-4 border-t-emerald-600 bg-emerald-600/5 px-5 py-6 sm:px-7"
    >
      <h2 ref={ref} id={titleId} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
        {title}
      </h2>
      {children}
      <ul className="mt-5 flex flex-wrap items-center gap-x-5 gap-y-3 text-sm">
        {links}
        <li>
          <button type="button" onClick={onAnother} className={buttonClass.secondary}>
            {anotherLabel}
          </button>
        </li>
      </ul>
    </section>
  );
}
