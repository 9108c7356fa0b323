import type { ReactNode } from 'react';

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
