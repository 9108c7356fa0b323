import type { ReactNode, Ref } from 'react';
import { buttonClass } from '@/components/ui/button';

/** A form's submit button, disabled and saying so while the action runs. */
export function SubmitButton({
  ref,
  pending,
  pendingLabel = 'Saving…',
  className = buttonClass.primary,
  children,
  ...rest
}: {
  ref?: Ref<HTMLButtonElement>;
  /** A value the button sends with the form, as a submitter. */
  name?: string;
  value?: string;
  pending: boolean;
  pendingLabel?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button ref={ref} {...rest} type="submit" disabled={pending} className={className}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** The foot of a long form: its submit button and a note on what saving does. */
export function FormFooter({ pending, label, note }: { pending: boolean; label: string; note: string }) {
  return (
    <div className="border-rule flex flex-wrap items-center gap-4 border-t pt-6">
      <SubmitButton pending={pending}>{label}</SubmitButton>
      <p className="text-muted text-sm">{note}</p>
    </div>
  );
}
