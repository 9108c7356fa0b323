import 'server-only';
import type { z } from 'zod';
import { formVersion, permissionGuard } from '@/lib/auth/action-guard';
import type { Permission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/data/actor';
import { AppError } from '@/lib/errors';
import { issueFields } from '@/lib/validation/issues';
import { invalidState, type Invalid } from './invalid';
import type { RecordFormState } from '@/lib/validation/record-form';

/*
 * The create, update and delete server actions of an admin-edited record (a
 * context event, a channel). Each is a public endpoint: the permission is
 * checked before any input is read, then the one schema parses, then lib/data
 * writes with its audit row. Failures come back as values with what was sent,
 * so the form keeps it; a conflict carries the record as it now stands. Each
 * kind of record says only what differs: its schema, its lib/data writes, the
 * pages to refresh and what the admin is told.
 *
 * The actions this makes are exported one by one from a 'use server' module
 * of lib/actions, under their own names.
 */

/** The form's values parsed with `schema`; or, when they do not pass, the state that shows why. */
function parseRecordForm<V, S extends z.ZodType>(
  schema: S,
  values: V,
): { values: V; input: z.output<S> } | { state: Invalid<V> } {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { values, input: parsed.data };
  return { state: invalidState(issueFields(parsed.error, false).fields, values) };
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function recordFailure<V, Snapshot extends { version: number }>(
  error: unknown,
  formValues: (current: Snapshot) => V,
  values?: V,
  version?: number,
): { ok: false; message: string; values?: V; version?: number; conflict?: { version: number; current: V } } {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'CONFLICT') {
    const current = (error.details as { current?: Snapshot } | undefined)?.current;
    return {
      ok: false,
      message: error.message,
      values,
      version,
      conflict: current && { version: current.version, current: formValues(current) },
    };
  }
  return { ok: false, message: error.message, values };
}

/** The message of a form that came without the version it edits or deletes. */
function missingVersionMessage(noun: string, doing: 'edit' | 'delete'): string {
  return doing === 'edit'
    ? `The form did not say which version of the ${noun} it edits. Reload the page and try again.`
    : `The form did not say which version of the ${noun} it deletes. Reload the page.`;
}

type Snapshot = { id: string; version: number };

export function recordActions<
  V,
  Saved extends { id: string },
  Schema extends z.ZodType,
  S extends Snapshot,
  Deleted extends S = S,
>(kind: {
  /** "event", "channel", in messages. */
  noun: string;
  permission: Permission;
  schema: Schema;
  valuesFromForm: (formData: FormData) => V;
  /** A record as the form starts from it. */
  formValues: (record: S) => V;
  create: (input: z.output<Schema>, actor: Actor) => Promise<S>;
  update: (id: string, input: z.output<Schema>, options: { version: number }, actor: Actor) => Promise<S>;
  delete: (id: string, options: { version: number }, actor: Actor) => Promise<Deleted>;
  /** Refreshes the pages that show the record, after a create or an update. */
  revalidate: () => void;
  created: (record: S) => { message: string; saved: Saved };
  updated: (record: S, id: string) => { message: string; saved: Saved };
  deleted: (record: Deleted) => string;
}) {
  type State = RecordFormState<V, Saved>;
  /** Refusals hand back what was submitted, so the form keeps it. */
  const withPermission = permissionGuard<State>((formData) => ({ values: kind.valuesFromForm(formData) }));
  const parse = (formData: FormData) => parseRecordForm(kind.schema, kind.valuesFromForm(formData));
  const failure = (error: unknown, values?: V, version?: number): State =>
    recordFailure(error, kind.formValues, values, version);

  return {
    create: withPermission(kind.permission, async (user, formData): Promise<State> => {
      const parsed = parse(formData);
      if ('state' in parsed) return parsed.state;
      let created;
      try {
        created = await kind.create(parsed.input, user.actor);
      } catch (error) {
        return failure(error, parsed.values);
      }
      kind.revalidate();
      return { ok: true, ...kind.created(created), version: created.version };
    }),

    update: withPermission(kind.permission, async (user, formData, id: string): Promise<State> => {
      const parsed = parse(formData);
      if ('state' in parsed) return parsed.state;
      const version = formVersion(formData);
      if (version === null) {
        return { ok: false, message: missingVersionMessage(kind.noun, 'edit'), values: parsed.values };
      }
      let updated;
      try {
        updated = await kind.update(id, parsed.input, { version }, user.actor);
      } catch (error) {
        return failure(error, parsed.values, version);
      }
      kind.revalidate();
      const { message, saved } = kind.updated(updated, id);
      return { ok: true, message, values: kind.formValues(updated), version: updated.version, saved };
    }),

    delete: withPermission(kind.permission, async (user, formData, id: string): Promise<State> => {
      const version = formVersion(formData);
      if (version === null) return { ok: false, message: missingVersionMessage(kind.noun, 'delete') };
      let deleted;
      try {
        deleted = await kind.delete(id, { version }, user.actor);
      } catch (error) {
        return failure(error, undefined, version);
      }
      // No revalidatePath: it would re-render this edit page, now for a deleted record (a 404), over the
      // confirmation. The pages that show it (the list, pair pages, the dashboard) render per request.
      return { ok: true, message: kind.deleted(deleted) };
    }),
  };
}
