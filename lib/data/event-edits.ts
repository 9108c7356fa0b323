import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { ContextEventInput } from '../validation/event';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { dbDate, isoFromDb } from './dates';

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
export type ContextEventSnapshot = {
  id: string;
  version: number;
  date: string;
  title: string;
  description: string | null;
  url: string | null;
  countries: string[];
};

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

const GONE = 'This event no longer exists: someone may have deleted it.';

/** The conflict an edit or delete from an older version meets, carrying the event as it now stands. */
function conflict(current: ContextEventSnapshot, version: number, doing: 'edit' | 'delete'): AppError {
  const changed = `Someone else changed this event since you opened it (you started from version ${version}; it is now version ${current.version}).`;
  return new AppError(
    'CONFLICT',
    doing === 'edit'
      ? `${changed} Your changes were not saved.`
      : `${changed} It was not deleted. Check their changes, then delete it again if you still mean to.`,
    undefined,
    { current },
  );
}

/** Reads the event inside the write's transaction: NOT_FOUND when gone, CONFLICT when on another version. */
async function currentOn(tx: Tx, id: string, version: number, doing: 'edit' | 'delete') {
  const current = await eventSnapshot(tx, id);
  if (current === null) throw new AppError('NOT_FOUND', GONE);
  if (current.version !== version) throw conflict(current, version, doing);
  return current;
}

/** A concurrent write changed or deleted the row between the read and the guarded write. */
async function raceLost(tx: Tx, id: string, version: number, doing: 'edit' | 'delete'): Promise<never> {
  const current = await eventSnapshot(tx, id);
  if (current === null) throw new AppError('NOT_FOUND', GONE);
  throw conflict(current, version, doing);
}

/** Creates a context event (admin), audited. */
export async function createContextEvent(input: ContextEventInput, actor: Actor): Promise<ContextEventSnapshot> {
  return getDb().$transaction(async (tx) => {
    const { id } = await tx.contextEvent.create({ data: eventData(input), select: { id: true } });
    const after = (await eventSnapshot(tx, id))!;
    await writeAudit(tx, actor, { action: 'create', entityType: 'context_event', entityId: id, after });
    return after;
  });
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
  return getDb().$transaction(async (tx) => {
    const before = await currentOn(tx, id, options.version, 'edit');
    const { count } = await tx.contextEvent.updateMany({
      where: { id, version: options.version },
      data: { ...eventData(input), version: { increment: 1 } },
    });
    if (count === 0) await raceLost(tx, id, options.version, 'edit');
    const after = (await eventSnapshot(tx, id))!;
    await writeAudit(tx, actor, { action: 'update', entityType: 'context_event', entityId: id, before, after });
    return after;
  });
}

/** Deletes an event, only on the version the admin confirmed (else CONFLICT); the audit log keeps it. */
export async function deleteContextEvent(
  id: string,
  options: { version: number },
  actor: Actor,
): Promise<ContextEventSnapshot> {
  return getDb().$transaction(async (tx) => {
    const before = await currentOn(tx, id, options.version, 'delete');
    const { count } = await tx.contextEvent.deleteMany({ where: { id, version: options.version } });
    if (count === 0) await raceLost(tx, id, options.version, 'delete');
    await writeAudit(tx, actor, { action: 'delete', entityType: 'context_event', entityId: id, before });
    return before;
  });
}
