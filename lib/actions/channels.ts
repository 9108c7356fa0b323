'use server';

import { revalidatePath } from 'next/cache';
import { createChannel, deleteChannel, updateChannel } from '@/lib/data/channel-edits';
import { channelValues, channelValuesFromForm, ZChannelInput } from '@/lib/validation/channel';
import { recordActions } from './kit/record-actions';

/*
 * The admin's channel actions. Each is a public endpoint: the permission is
 * checked before any input is read, then the one schema parses, then lib/data
 * writes with its audit row (see ./kit/record-actions.ts). Failures come back
 * as values with what was sent, so the form keeps it.
 */

const actions = recordActions({
  noun: 'channel',
  permission: 'channel:manage',
  schema: ZChannelInput,
  valuesFromForm: channelValuesFromForm,
  formValues: channelValues,
  create: createChannel,
  update: updateChannel,
  delete: deleteChannel,
  /** Pair pages draw channels, the contact form offers them, the admin list shows them. */
  revalidate() {
    revalidatePath('/admin/channels');
    revalidatePath('/pairs/[level]/[a]/[b]', 'page');
    revalidatePath('/contacts/new');
    revalidatePath('/');
  },
  created: (channel) => ({
    message: `Channel “${channel.name}” created as ${channel.slug}. It is drawn on the charts of the pairs it connects.`,
    saved: { id: channel.id, slug: channel.slug, name: channel.name },
  }),
  updated: (channel, id) => ({
    message: `Saved. This is version ${channel.version} of the channel; its short name stays ${channel.slug}.`,
    saved: { id, slug: channel.slug, name: channel.name },
  }),
  deleted(channel) {
    const cleared = channel.clearedContactIds.length;
    return cleared === 0
      ? `Channel “${channel.name}” deleted. It is gone from every chart; the audit log keeps a copy.`
      : `Channel “${channel.name}” deleted. ${cleared === 1 ? 'The contact that went over it keeps' : `The ${cleared} contacts that went over it keep`} everything but the channel; the audit log keeps a copy and which contacts they were.`;
  },
});

/** Creates a channel from the admin form; its slug is made from the name. */
export const createChannelAction = actions.create;

/** Saves an edit made from the version in the form; a conflict returns the channel as it now stands. */
export const updateChannelAction = actions.update;

/**
 * Deletes a channel on the version the admin confirmed. Contacts that went
 * over it stay, with the channel cleared; the audit log keeps a copy and
 * their ids.
 */
export const deleteChannelAction = actions.delete;
