'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import type { FieldErrors } from '@/lib/errors';

/** What every form action answers, at the least. */
type Result = { ok: boolean; fieldErrors?: FieldErrors };

const INITIAL = { ok: true } as const;

/**
 * The result side of a form that calls its action from onSubmit: the action's
 * state, whether it runs, and the result as shown (one the user has answered,
 * by "load theirs" or "add another", is dismissed). Focus moves to `noticeRef`
 * (whatever notice the result draws) on each new result, so a screen reader
 * hears it first.
 */
export function useFormAction<S extends Result>(action: (previous: S, formData: FormData) => Promise<S>) {
  const initial = INITIAL as unknown as S;
  // A result is a plain object, never a promise: S and Awaited<S> are one type here.
  const [awaited, dispatch, pending] = useActionState<S, FormData>(
    action as (previous: Awaited<S>, formData: FormData) => Promise<S>,
    initial as Awaited<S>,
  );
  const state = awaited as S;
  const [dismissed, setDismissed] = useState<S | null>(null);
  const noticeRef = useRef<HTMLElement>(null);
  const current = state === dismissed ? initial : state;

  useEffect(() => {
    if (state !== initial && state !== dismissed) noticeRef.current?.focus();
    // Only a new result moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  return {
    state,
    /** The result as shown: the initial one once dismissed. */
    current,
    errors: current.ok ? {} : (current.fieldErrors ?? {}),
    pending,
    noticeRef,
    submit: (formData: FormData) => startTransition(() => dispatch(formData)),
    /** Stops showing the present result (it was answered). */
    dismiss: () => setDismissed(state),
  };
}
