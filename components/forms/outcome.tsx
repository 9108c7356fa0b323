'use client';

import { useEffect, useRef } from 'react';

/**
 * The one-line answer of a small form's action: a status when it worked, an alert when it did not. A failure
 * takes focus so a screen reader reads it at once; a success does too when `focusOnSuccess` (when the form's
 * own controls change under the reader, as on the user page).
 */
export function ActionOutcome({
  state,
  id,
  focusOnSuccess = false,
}: {
  state: { ok: boolean; message?: string };
  id?: string;
  focusOnSuccess?: boolean;
}) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.message && (focusOnSuccess || !state.ok)) ref.current?.focus();
  }, [state, focusOnSuccess]);
  if (!state.message) return null;
  return (
    <p
      ref={ref}
      id={id}
      tabIndex={-1}
      role={state.ok ? 'status' : 'alert'}
      className={`mt-3 rounded border-l-4 px-4 py-3 text-sm outline-none ${
        state.ok ? 'border-emerald-600 bg-emerald-600/10' : 'border-silence bg-orange-500/10'
      }`}
    >
      {state.message}
    </p>
  );
}
