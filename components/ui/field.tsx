import type { ReactNode } from 'react';

/** What a control needs to be named by its label and described by its hint and error. */
export type ControlProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
};

export const inputClass =
  'border-history/70 bg-paper text-ink mt-1.5 block w-full rounded border px-3 py-2 text-base sm:text-sm aria-[invalid=true]:border-silence aria-[invalid=true]:border-2';

/** The ids a control is described by: its hint and its error, when shown. */
export function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's error messages, placed under it and named in its aria-describedby. */
export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={`${id}-error`} className="text-silence mt-1.5 text-sm font-medium">
      <span className="sr-only">Error: </span>
      {messages.join(' ')}
    </p>
  );
}

/**
 * A labelled form field: label, optional hint, the control, and its error.
 * The control gets its id and ARIA wiring from the render function's argument.
 */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[];
  optional?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const hasError = Boolean(error?.length);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {optional && <span className="text-muted font-normal"> (optional)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-muted mt-0.5 text-sm">
          {hint}
        </p>
      )}
      {children({
        id,
        'aria-invalid': hasError ? true : undefined,
        'aria-describedby': describedBy(id, Boolean(hint), hasError),
      })}
      <FieldError id={id} messages={error} />
    </div>
  );
}

/** A select with the form's look; the caller lists every option, an empty-valued one included. */
export function Select({
  options,
  onValueChange,
  ...props
}: ControlProps & {
  name: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onValueChange: (value: string) => void;
}) {
  return (
    <select {...props} onChange={(e) => onValueChange(e.target.value)} className={inputClass}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
