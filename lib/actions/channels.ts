'use server';

import { formVersion, permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { createChannel, deleteChannel, updateChannel } from '@/lib/data/channel-edits';
import { AppError } from '@/lib/errors';
import {
  channelValues,
  channelValuesFromForm,
  ZChannelInput,
  type ChannelFormState,
  type ChannelFormValues,
  type ChannelSnapshotLike,
} from '@/lib/validation/channel';
import { issueFields } from '@/lib/validation/issues';

/*
 * The admin's channel actions. Each is a public endpoint: the permission is
 * checked before any input is read, then the one schema parses, then lib/data
 * writes with its audit row. Failures come back as values with what was sent,
 * so the form keeps it.
 */

/** Refusals hand back what was submitted, so the form keeps it. */
const withPermission = permissionGuard<ChannelFormState>((formData) => ({ values: channelValuesFromForm(formData) }));

type Parsed = { values: ChannelFormValues; input: ReturnType<typeof ZChannelInput.parse> };

function parse(formData: FormData): Parsed | { state: ChannelFormState } {
  const values = channelValuesFromForm(formData);
  const parsed = ZChannelInput.safeParse(values);
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

/** Pair pages draw channels, the contact form offers them, the admin list shows them. */
function revalidateChannelPages() {
  revalidatePath('/admin/channels');
  revalidatePath('/pairs/[level]/[a]/[b]', 'page');
  revalidatePath('/contacts/new');
  revalidatePath('/');
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function failure(error: unknown, values?: ChannelFormValues, version?: number): ChannelFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'CONFLICT') {
    const current = (error.details as { current?: ChannelSnapshotLike } | undefined)?.current;
    return {
      ok: false,
      message: error.message,
      values,
      version,
      conflict: current && { version: current.version, current: channelValues(current) },
    };
  }
  return { ok: false, message: error.message, values };
}

/** Creates a channel from the admin form; its slug is made from the name. */
export const createChannelAction = withPermission('channel:manage', async (user, formData) => {
  const parsed = parse(formData);
  if ('state' in parsed) return parsed.state;
  let created;
  try {
    created = await createChannel(parsed.input, user.actor);
  } catch (error) {
    return failure(error, parsed.values);
  }
  revalidateChannelPages();
  return {
    ok: true,
    message: `Channel “${created.name}” created as ${created.slug}. It is drawn on the charts of the pairs it connects.`,
    saved: { id: created.id, slug: created.slug, name: created.name },
    version: created.version,
  };
});

/** Saves an edit made from the version in the form; a conflict returns the channel as it now stands. */
export const updateChannelAction = withPermission('channel:manage', async (user, formData, id: string) => {
  const parsed = parse(formData);
  if ('state' in parsed) return parsed.state;
  const version = formVersion(formData);
  if (version === null) {
    return {
      ok: false,
      message: 'The form did not say which version of the channel it edits. Reload the page and try again.',
      values: parsed.values,
    };
  }
  let updated;
  try {
    updated = await updateChannel(id, parsed.input, { version }, user.actor);
  } catch (error) {
    return failure(error, parsed.values, version);
  }
  revalidateChannelPages();
  return {
    ok: true,
    message: `Saved. This is version ${updated.version} of the channel; its short name stays ${updated.slug}.`,
    values: channelValues(updated),
    version: updated.version,
    saved: { id, slug: updated.slug, name: updated.name },
  };
});

/**
 * Deletes a channel on the version the admin confirmed. Contacts that went
 * over it stay, with the channel cleared; the audit log keeps a copy and
 * their ids.
 */
export const deleteChannelAction = withPermission('channel:manage', async (user, formData, id: string) => {
  const version = formVersion(formData);
  if (version === null) {
    return { ok: false, message: 'The form did not say which version of the channel it deletes. Reload the page.' };
  }
  let deleted;
  try {
    deleted = await deleteChannel(id, { version }, user.actor);
  } catch (error) {
    return failure(error, undefined, version);
  }
  // No revalidatePath: it would re-render this edit page, now for a deleted record (a 404), over the
  // confirmation. The pages that show it (the list, pair pages, the dashboard) render per request.
  const cleared = deleted.clearedContactIds.length;
  return {
    ok: true,
    message:
      cleared === 0
        ? `Channel “${deleted.name}” deleted. It is gone from every chart; the audit log keeps a copy.`
        : `Channel “${deleted.name}” deleted. ${cleared === 1 ? 'The contact that went over it keeps' : `The ${cleared} contacts that went over it keep`} everything but the channel; the audit log keeps a copy and which contacts they were.`,
  };
});
