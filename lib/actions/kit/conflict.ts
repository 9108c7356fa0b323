import type { AppError } from '@/lib/errors';

/** An edit refused because someone else saved first: the notice, what this user sent, and the record as it now stands. */
export type Conflicted<V, C> = { ok: false; message: string; values: V; conflict: { message: string } & C };

/**
 * The state for an edit that someone else saved first: the conflict's message
 * (as the form's message and again as the notice's), the values this user
 * typed, and what the notice needs to show the record as it now stands.
 */
export function conflictState<V, C extends object>(error: AppError, values: V, conflict: C): Conflicted<V, C> {
  return { ok: false, message: error.message, values, conflict: { message: error.message, ...conflict } };
}
