'use server';

import { formVersion, permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { createContextEvent, deleteContextEvent, updateContextEvent } from '@/lib/data/event-edits';
import { AppError } from '@/lib/errors';
import {
  eventValues,
  eventValuesFromForm,
  ZContextEventInput,
  type ContextEventFormValues,
  type ContextEventSnapshotLike,
  type EventFormState,
} from '@/lib/validation/event';
import { issueFields } from '@/lib/validation/issues';

/*
 * The admin's context-event actions. Each is a public endpoint: the permission
 * is checked before any input is read, then the one schema parses, then
 * lib/data writes with its audit row. Failures come back as values with what
 * was sent, so the form keeps it.
 */

/** Refusals hand back what was submitted, so the form keeps it. */
const withPermission = permissionGuard<EventFormState>((formData) => ({ values: eventValuesFromForm(formData) }));

type Parsed = { values: ContextEventFormValues; input: ReturnType<typeof ZContextEventInput.parse> };

function parse(formData: FormData): Parsed | { state: EventFormState } {
  const values = eventValuesFromForm(formData);
  const parsed = ZContextEventInput.safeParse(values);
  if (parsed.success) return { values, input: parsed.data };
  const { fields } = issueFields(parsed.error, false);
  const count = Object.values(fields).length;
  return {
    state: {
      ok: false,
      message: count === 1 ? 'There is a problem with one field.' : `There are ${count} problems to fix.`,
      fieldErrors: fields,
      values,
    },
  };
}

/** Pair pages and the dashboard draw events; the admin list shows them. */
function revalidateEventPages() {
  revalidatePath('/admin/events');
  revalidatePath('/pairs/[level]/[a]/[b]', 'page');
  revalidatePath('/');
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function failure(error: unknown, values?: ContextEventFormValues, version?: number): EventFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'CONFLICT') {
    const current = (error.details as { current?: ContextEventSnapshotLike } | undefined)?.current;
    return {
      ok: false,
      message: error.message,
      values,
      version,
      conflict: current && { version: current.version, current: eventValues(current) },
    };
  }
  return { ok: false, message: error.message, values };
}

/** Creates a context event from the admin form. */
export const createEventAction = withPermission('event:manage', async (user, formData) => {
  const parsed = parse(formData);
  if ('state' in parsed) return parsed.state;
  let created;
  try {
    created = await createContextEvent(parsed.input, user.actor);
  } catch (error) {
    return failure(error, parsed.values);
  }
  revalidateEventPages();
  return {
    ok: true,
    message: `Event “${created.title}” created. It is drawn on the charts of the pairs it concerns.`,
    saved: { id: created.id, title: created.title },
    version: created.version,
  };
});

/** Saves an edit made from the version in the form; a conflict returns the event as it now stands. */
export const updateEventAction = withPermission('event:manage', async (user, formData, id: string) => {
  const parsed = parse(formData);
  if ('state' in parsed) return parsed.state;
  const version = formVersion(formData);
  if (version === null) {
    return {
      ok: false,
      message: 'The form did not say which version of the event it edits. Reload the page and try again.',
      values: parsed.values,
    };
  }
  let updated;
  try {
    updated = await updateContextEvent(id, parsed.input, { version }, user.actor);
  } catch (error) {
    return failure(error, parsed.values, version);
  }
  revalidateEventPages();
  return {
    ok: true,
    message: `Saved. This is version ${updated.version} of the event.`,
    values: eventValues(updated),
    version: updated.version,
    saved: { id, title: updated.title },
  };
});

/** Deletes an event on the version the admin confirmed; the audit log keeps a copy. */
export const deleteEventAction = withPermission('event:manage', async (user, formData, id: string) => {
  const version = formVersion(formData);
  if (version === null) {
    return { ok: false, message: 'The form did not say which version of the event it deletes. Reload the page.' };
  }
  let deleted;
  try {
    deleted = await deleteContextEvent(id, { version }, user.actor);
  } catch (error) {
    return failure(error, undefined, version);
  }
  // No revalidatePath: it would re-render this edit page, now for a deleted record (a 404), over the
  // confirmation. The pages that show it (the list, pair pages, the dashboard) render per request.
  return {
    ok: true,
    message: `Event “${deleted.title}” deleted. It is gone from every chart; the audit log keeps a copy.`,
  };
});
