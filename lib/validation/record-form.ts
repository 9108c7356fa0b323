/*
 * What the forms of an admin-edited record (a context event, a channel) and
 * their server actions share: the form's values as typed, and what the
 * actions answer.
 */

/** The submitted form's values of `fields`, as typed; a field not sent is empty. */
export function valuesFromForm<F extends string>(formData: FormData, fields: readonly F[]): Record<F, string> {
  const values = {} as Record<F, string>;
  for (const name of fields) {
    const value = formData.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}

/**
 * What a record form's actions answer: a failure keeps the values sent; a
 * conflict carries the record as it now stands; a save says what was saved.
 */
export type RecordFormState<V, Saved extends { id: string } = { id: string }> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: V;
  /** After a save or a conflict: the version the next save starts from. */
  version?: number;
  conflict?: { version: number; current: V };
  saved?: Saved;
};
