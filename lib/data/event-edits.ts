import 'server-only';
import { getDb } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { ContextEventInput, ContextEventSnapshotLike } from '../validation/event';
import type { Actor } from './actor';
import { dbDate, isoFromDb } from './dates';
import { versionedRecord } from './versioned-record';

type Tx = Prisma.TransactionClient;

const EVENT_SELECT = {
  id: true,
  version: true,
  date: true,
  title: true,
  description: true,
  url: true,
  countries: true,
} as const;

/** A context event as the audit log keeps it and an edit starts from. */
export type ContextEventSnapshot = ContextEventSnapshotLike & { id: string };

async function eventSnapshot(tx: Tx, id: string): Promise<ContextEventSnapshot | null> {
  const event = await tx.contextEvent.findUnique({ where: { id }, select: EVENT_SELECT });
  return event && { ...event, date: isoFromDb(event.date) };
}

function eventData(input: ContextEventInput) {
  return {
    date: dbDate(input.date),
    title: input.title,
    description: input.description ?? null,
    url: input.url ?? null,
    countries: [...input.countries].sort(),
  };
}

/** Every context event, newest first, for the admin list. */
export async function listAllContextEvents(): Promise<ContextEventSnapshot[]> {
  const events = await getDb().contextEvent.findMany({
    orderBy: [{ date: 'desc' }, { title: 'asc' }],
    select: EVENT_SELECT,
  });
  return events.map((e) => ({ ...e, date: isoFromDb(e.date) }));
}

/** One context event, or null. */
export async function getContextEvent(id: string): Promise<ContextEventSnapshot | null> {
  return eventSnapshot(getDb(), id);
}

const record = versionedRecord({ noun: 'event', entityType: 'context_event', snapshot: eventSnapshot });

/** Creates a context event (admin), audited. */
export async function createContextEvent(input: ContextEventInput, actor: Actor): Promise<ContextEventSnapshot> {
  return getDb().$transaction((tx) =>
    record.create(tx, actor, () => tx.contextEvent.create({ data: eventData(input), select: { id: true } })),
  );
}

/**
 * Replaces an event's fields, only on the version the editor started from
 * (else CONFLICT with the current event in details.current), audited.
 */
export async function updateContextEvent(
  id: string,
  input: ContextEventInput,
  options: { version: number },
  actor: Actor,
): Promise<ContextEventSnapshot> {
  return getDb().$transaction((tx) =>
    record.update(tx, actor, id, options.version, (where) =>
      tx.contextEvent.updateMany({ where, data: { ...eventData(input), version: { increment: 1 } } }),
    ),
  );
}

/** Deletes an event, only on the version the admin confirmed (else CONFLICT); the audit log keeps it. */
export async function deleteContextEvent(
  id: string,
  options: { version: number },
  actor: Actor,
): Promise<ContextEventSnapshot> {
  return getDb().$transaction(async (tx) => {
    const { current } = await record.delete(tx, actor, id, options.version, (where) =>
      tx.contextEvent.deleteMany({ where }),
    );
    return current;
  });
}
