'use server';

import { revalidatePath } from 'next/cache';
import { createContextEvent, deleteContextEvent, updateContextEvent } from '@/lib/data/event-edits';
import { eventValues, eventValuesFromForm, ZContextEventInput } from '@/lib/validation/event';
import { recordActions } from './kit/record-actions';

/*
 * The admin's context-event actions. Each is a public endpoint: the permission
 * is checked before any input is read, then the one schema parses, then
 * lib/data writes with its audit row (see ./kit/record-actions.ts). Failures
 * come back as values with what was sent, so the form keeps it.
 */

const actions = recordActions({
  noun: 'event',
  permission: 'event:manage',
  schema: ZContextEventInput,
  valuesFromForm: eventValuesFromForm,
  formValues: eventValues,
  create: createContextEvent,
  update: updateContextEvent,
  delete: deleteContextEvent,
  /** Pair pages and the dashboard draw events; the admin list shows them. */
  revalidate() {
    revalidatePath('/admin/events');
    revalidatePath('/pairs/[level]/[a]/[b]', 'page');
    revalidatePath('/');
  },
  created: (event) => ({
    message: `Event “${event.title}” created. It is drawn on the charts of the pairs it concerns.`,
    saved: { id: event.id, title: event.title },
  }),
  updated: (event, id) => ({
    message: `Saved. This is version ${event.version} of the event.`,
    saved: { id, title: event.title },
  }),
  deleted: (event) => `Event “${event.title}” deleted. It is gone from every chart; the audit log keeps a copy.`,
});

/** Creates a context event from the admin form. */
export const createEventAction = actions.create;

/** Saves an edit made from the version in the form; a conflict returns the event as it now stands. */
export const updateEventAction = actions.update;

/** Deletes an event on the version the admin confirmed; the audit log keeps a copy. */
export const deleteEventAction = actions.delete;
