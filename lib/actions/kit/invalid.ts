import type { FieldErrors } from '@/lib/errors';

/** A failed submit as every form shows it: what is wrong in one sentence, each field's errors, the values sent. */
export type Invalid<V> = { ok: false; message: string; fieldErrors: FieldErrors; values: V };

/**
 * The state for a submit that did not pass: `message` if given, else the
 * form-wide error, else how many problems there are to fix (one per message,
 * so the count matches what the form lists).
 */
export function invalidState<V>(
  fieldErrors: FieldErrors,
  values: V,
  options: { message?: string; formErrors?: string[] } = {},
): Invalid<V> {
  const formErrors = options.formErrors ?? [];
  const count = Object.values(fieldErrors).reduce((n, list) => n + list.length, 0) + formErrors.length;
  return {
    ok: false,
    message:
      options.message ??
      formErrors[0] ??
      (count === 1 ? 'There is a problem with one field.' : `There are ${count} problems to fix.`),
    fieldErrors,
    values,
  };
}
