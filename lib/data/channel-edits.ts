import 'server-only';
import slugify from '@sindresorhus/slugify';
import { getDb } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { ChannelInput, ChannelSnapshotLike } from '../validation/channel';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { contactSnapshot } from './contact-snapshot';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';
import { versionedRecord } from './versioned-record';

type Tx = Prisma.TransactionClient;

/** What a channel states, after its id, slug and version: what pages show and an edit changes. */
export const CHANNEL_DETAILS_SELECT = {
  name: true,
  description: true,
  countries: true,
  establishedOn: true,
  closedOn: true,
  sourceUrl: true,
} as const;

const CHANNEL_SELECT = {
  id: true,
  slug: true,
  version: true,
  ...CHANNEL_DETAILS_SELECT,
} as const;

/** A channel as the audit log keeps it and an edit starts from. */
export type ChannelSnapshot = ChannelSnapshotLike & { id: string; slug: string };

/** A channel with its dates as `YYYY-MM-DD`, as pages, forms and the audit log show it. */
export function withIsoChannelDates<T extends { establishedOn: Date; closedOn: Date | null }>(
  channel: T,
): Omit<T, 'establishedOn' | 'closedOn'> & { establishedOn: string; closedOn: string | null } {
  return { ...channel, establishedOn: isoFromDb(channel.establishedOn), closedOn: isoFromDbOrNull(channel.closedOn) };
}

async function channelSnapshot(tx: Tx, id: string): Promise<ChannelSnapshot | null> {
  const channel = await tx.channel.findUnique({ where: { id }, select: CHANNEL_SELECT });
  return channel && withIsoChannelDates(channel);
}

function channelData(input: ChannelInput) {
  return {
    name: input.name,
    description: input.description ?? null,
    countries: [...input.countries].sort(),
    establishedOn: dbDate(input.establishedOn),
    closedOn: input.closedOn === undefined ? null : dbDate(input.closedOn),
    sourceUrl: input.sourceUrl ?? null,
  };
}

/** A slug not yet taken: `norway-finland-hotline`, then `norway-finland-hotline-2`, … */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name, { decamelize: false }) || 'channel';
  const taken = new Set(
    (await tx.channel.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((c) => c.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** A channel with how many live contacts went over it, for the admin list and the delete step. */
export type ChannelWithUse = ChannelSnapshot & { contactCount: number };

/** Every channel, newest first, with its number of live contacts. */
export async function listAllChannels(): Promise<ChannelWithUse[]> {
  const channels = await getDb().channel.findMany({
    orderBy: [{ establishedOn: 'desc' }, { name: 'asc' }],
    select: { ...CHANNEL_SELECT, _count: { select: { contacts: { where: { deletedAt: null } } } } },
  });
  return channels.map(({ _count, ...c }) => ({ ...withIsoChannelDates(c), contactCount: _count.contacts }));
}

/** One channel with its number of live contacts, or null. */
export async function getChannel(id: string): Promise<ChannelWithUse | null> {
  const channel = await getDb().channel.findUnique({
    where: { id },
    select: { ...CHANNEL_SELECT, _count: { select: { contacts: { where: { deletedAt: null } } } } },
  });
  if (channel === null) return null;
  const { _count, ...c } = channel;
  return { ...withIsoChannelDates(c), contactCount: _count.contacts };
}

/** The channels a contact can go over, for the contact form's choice: slug, name, countries and dates. */
export async function listChannelChoices() {
  const channels = await getDb().channel.findMany({
    orderBy: [{ name: 'asc' }],
    select: { slug: true, name: true, countries: true, establishedOn: true, closedOn: true },
  });
  return channels.map((c) => ({
    ...c,
    establishedOn: isoFromDb(c.establishedOn),
    closedOn: isoFromDbOrNull(c.closedOn),
  }));
}

const record = versionedRecord({ noun: 'channel', entityType: 'channel', snapshot: channelSnapshot });

/** Creates a channel (admin) with a slug made from its name, audited. */
export async function createChannel(input: ChannelInput, actor: Actor): Promise<ChannelSnapshot> {
  return getDb().$transaction((tx) =>
    record.create(tx, actor, async () =>
      tx.channel.create({
        data: { ...channelData(input), slug: await freeSlug(tx, input.name) },
        select: { id: true },
      }),
    ),
  );
}

/**
 * Replaces a channel's fields, only on the version the editor started from
 * (else CONFLICT with the current channel in details.current), audited. The
 * slug stays on a rename, so contacts and links that name it keep working.
 */
export async function updateChannel(
  id: string,
  input: ChannelInput,
  options: { version: number },
  actor: Actor,
): Promise<ChannelSnapshot> {
  return getDb().$transaction((tx) =>
    record.update(tx, actor, id, options.version, (where) =>
      tx.channel.updateMany({ where, data: { ...channelData(input), version: { increment: 1 } } }),
    ),
  );
}

/**
 * Deletes a channel, only on the version the admin confirmed. The contacts
 * that went over it stay, with their channel cleared (and their version moved
 * on, so an edit form open on one of them meets a conflict instead of putting
 * the channel back unseen), each audited; the channel's own audit row lists
 * their ids, so it can be recreated and reattached from the log.
 */
export async function deleteChannel(
  id: string,
  options: { version: number },
  actor: Actor,
): Promise<ChannelSnapshot & { clearedContactIds: string[] }> {
  return getDb().$transaction(async (tx) => {
    const { current, extra } = await record.delete(
      tx,
      actor,
      id,
      options.version,
      (where) => tx.channel.deleteMany({ where }),
      async () => {
        const contacts = await tx.contact.findMany({
          where: { channelId: id },
          select: { id: true },
          orderBy: { id: 'asc' },
        });
        const contactIds = contacts.map((c) => c.id);
        for (const contactId of contactIds) {
          // Each contact's own history shows the change too, not only the channel's.
          const before = await contactSnapshot(tx, contactId);
          await tx.contact.update({
            where: { id: contactId },
            data: { channelId: null, version: { increment: 1 }, updatedById: actor.userId },
          });
          const after = await contactSnapshot(tx, contactId);
          await writeAudit(tx, actor, { action: 'update', entityType: 'contact', entityId: contactId, before, after });
        }
        // The channel's own audit row lists them, so it can be reattached from the log.
        return { contactIds };
      },
    );
    return { ...current, clearedContactIds: extra!.contactIds };
  });
}
