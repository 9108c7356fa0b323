import 'server-only';
import { addDays, max, min, subDays } from 'date-fns';
import { getDb } from '../db';
import { AppError } from '../errors';
import { parseIsoDate } from '../gaps/dates';
import type { Prisma } from '../generated/prisma/client';
import type { ContactInput } from '../validation/contact';
import { syncContactStats } from '../stats/maintain';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import {
  contactSnapshot,
  diffSnapshots,
  EDITABLE_FIELDS,
  type ContactSnapshot,
  type EditableField,
} from './contact-snapshot';
import {
  CONTACT_ROW_SELECT,
  prepareContact,
  settleHeldContact,
  toContactRow,
  type ContactRow,
  type EndedSilence,
} from './contacts';
import { resolveOfficialRefs } from './officials';

type Tx = Prisma.TransactionClient;

/** A live (not deleted) contact's snapshot, or NOT_FOUND. */
async function liveSnapshot(tx: Tx, id: string): Promise<ContactSnapshot> {
  const snapshot = await contactSnapshot(tx, id);
  if (snapshot === null || snapshot.deletedAt !== null) {
    throw new AppError('NOT_FOUND', `No contact “${id}”`);
  }
  return snapshot;
}

/**
 * The 409 for a save based on an old version: says who changed the contact
 * since, and what, from the audit log's snapshot of the version the editor
 * started from. Carries the current contact so nothing has to be re-fetched.
 */
async function conflictError(tx: Tx, current: ContactSnapshot, baseVersion: number): Promise<AppError> {
  const [base, latest] = await Promise.all([
    tx.auditLog.findFirst({
      where: { entityType: 'contact', entityId: current.id, after: { path: ['version'], equals: baseVersion } },
      orderBy: { id: 'desc' },
      select: { after: true },
    }),
    tx.auditLog.findFirst({
      where: { entityType: 'contact', entityId: current.id },
      orderBy: { id: 'desc' },
      select: { at: true, user: { select: { name: true } } },
    }),
  ]);
  const changes = base ? diffSnapshots(base.after as ContactSnapshot, current) : null;
  const who = latest?.user?.name ?? 'someone else';
  return new AppError(
    'CONFLICT',
    `This contact was changed by ${who} while you were editing it (your version ${baseVersion}, now ${current.version}). ` +
      'Review the changes and save again.',
    undefined,
    { current, changes, changedBy: latest?.user?.name ?? null, changedAt: latest?.at.toISOString() ?? null },
  );
}

/** Throws the conflict error unless the editor's version is the current one. */
async function checkVersion(tx: Tx, current: ContactSnapshot, version: number): Promise<void> {
  if (current.version !== version) throw await conflictError(tx, current, version);
}

/** Increments the version only if nobody else did first, closing the race between check and write. */
async function claimVersion(tx: Tx, id: string, version: number, data: Prisma.ContactUncheckedUpdateManyInput) {
  const { count } = await tx.contact.updateMany({
    where: { id, version, deletedAt: null },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw await conflictError(tx, await liveSnapshot(tx, id), version);
}

/** Expected contacts that a contact no longer fulfils (it is deleted, or no longer held) become open again. */
async function reopenExpected(tx: Tx, actor: Actor, contactId: string) {
  const expected = await tx.contact.findMany({ where: { resolvedById: contactId }, select: { id: true } });
  for (const { id } of expected) {
    const before = await contactSnapshot(tx, id);
    await tx.contact.update({ where: { id }, data: { resolvedById: null, version: { increment: 1 } } });
    await writeAudit(tx, actor, {
      action: 'reopen',
      entityType: 'contact',
      entityId: id,
      before,
      after: await contactSnapshot(tx, id),
    });
  }
}

/** What a contact states that is a reader's aid, not a claim of fact, and its verification itself. */
const UNCHECKED_FIELDS = ['summary', 'topics', 'verification'] as const;
type ReverifiedField = Exclude<EditableField, (typeof UNCHECKED_FIELDS)[number]>;

/**
 * The fields a second researcher checks against the sources when verifying:
 * every field a person edits, the sources included, but the summary and topics,
 * which may change without that. A field added to the form is checked unless
 * it is named above.
 */
export const REVERIFIED_FIELDS = EDITABLE_FIELDS.filter(
  (field): field is ReverifiedField => !(UNCHECKED_FIELDS as readonly string[]).includes(field),
);

/**
 * Sources in a stable order, so that listing the same sources in another order
 * is no change. Both snapshots come from contactSnapshot, so keys are in one order.
 */
function sourceSet(sources: ContactSnapshot['sources']): string[] {
  return sources.map((source) => JSON.stringify(source)).sort();
}

/**
 * The fields whose change returns a verified contact to UNVERIFIED, of those
 * that differ between two snapshots of it (empty: it stays verified).
 */
export function reverificationFields(before: ContactSnapshot, after: ContactSnapshot): ReverifiedField[] {
  return REVERIFIED_FIELDS.filter((field) =>
    field === 'sources'
      ? JSON.stringify(sourceSet(before.sources)) !== JSON.stringify(sourceSet(after.sources))
      : JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

/**
 * Saves an edit of a contact made from `version`: the whole new input, or a
 * function that makes it from the current contact (a partial API edit), read
 * in the same transaction. A stale version is a 409 that shows what changed.
 * A verified contact becomes unverified when anything but its summary and
 * topics changes (see reverificationFields). Audited with before and after.
 */
export async function updateContact(
  id: string,
  change: ContactInput | ((current: ContactSnapshot) => ContactInput),
  options: { version: number },
  actor: Actor,
) {
  return getDb().$transaction(async (tx) => {
    const before = await liveSnapshot(tx, id);
    await checkVersion(tx, before, options.version);
    const input = typeof change === 'function' ? change(before) : change;
    const prepared = await prepareContact(tx, input, before.unnamedCountries);
    const participantSlugs = prepared.participants.map((p) => p.slug).sort();
    // What decides which expected contact this one fulfils: a change re-opens it.
    const matchingFieldsChanged =
      before.date !== input.date ||
      before.datePrecision !== input.datePrecision ||
      before.status !== input.status ||
      JSON.stringify(before.participants) !== JSON.stringify(participantSlugs);
    await claimVersion(tx, id, options.version, {
      ...prepared.fields,
      updatedById: actor.userId,
      // Only an expected contact is fulfilled by another: one that is no longer expected lets go of it.
      ...(input.status === 'SCHEDULED' ? {} : { resolvedById: null }),
    });
    await tx.participant.deleteMany({ where: { contactId: id } });
    await tx.participant.createMany({ data: prepared.participantRows.map((p) => ({ ...p, contactId: id })) });
    await tx.source.deleteMany({ where: { contactId: id } });
    await tx.source.createMany({ data: prepared.sourceRows.map((s) => ({ ...s, contactId: id })) });

    // Compared as stored (officials by slug, sources with their claims), so that an
    // input that only spells the same contact differently changes nothing.
    const unverify =
      before.verification === 'VERIFIED' && reverificationFields(before, (await contactSnapshot(tx, id))!).length > 0;
    if (unverify) {
      await tx.contact.update({
        where: { id },
        data: { verification: 'UNVERIFIED', verifiedById: null, verifiedAt: null },
      });
    }

    let endedSilences: EndedSilence[] = [];
    if (matchingFieldsChanged) await reopenExpected(tx, actor, id);
    if (input.status === 'HELD') {
      ({ endedSilences } = await settleHeldContact(tx, actor, { id, date: input.date }, prepared.participants));
    }
    const after = (await contactSnapshot(tx, id))!;
    await writeAudit(
      tx,
      actor,
      { action: 'update', entityType: 'contact', entityId: id, before, after },
      { publish: false },
    );
    await syncContactStats(tx, [id], { searchBefore: [before] });
    return {
      id,
      version: after.version,
      verification: after.verification,
      unverified: unverify,
      changes: diffSnapshots(before, after),
      endedSilence: endedSilences[0] ?? null,
    };
  });
}

export type VerificationChange = 'VERIFIED' | 'DISPUTED' | 'UNVERIFIED';

/**
 * Marks a contact verified (or disputed, or back to unverified). Verifying is a
 * second pair of eyes: whoever logged the contact or last edited it cannot
 * verify it themselves.
 */
export async function setVerification(
  id: string,
  verification: VerificationChange,
  options: { version: number },
  actor: Actor,
) {
  return getDb().$transaction(async (tx) => {
    const before = await liveSnapshot(tx, id);
    await checkVersion(tx, before, options.version);
    if (verification === 'VERIFIED') {
      const authors = await tx.contact.findUniqueOrThrow({
        where: { id },
        select: { createdById: true, updatedById: true },
      });
      if (actor.userId !== null && [authors.createdById, authors.updatedById].includes(actor.userId)) {
        throw new AppError(
          'FORBIDDEN',
          'A different researcher must verify this contact: you logged or last edited it.',
        );
      }
    }
    await claimVersion(tx, id, options.version, {
      verification,
      verifiedById: verification === 'VERIFIED' ? actor.userId : null,
      verifiedAt: verification === 'VERIFIED' ? new Date() : null,
    });
    const after = (await contactSnapshot(tx, id))!;
    await writeAudit(tx, actor, { action: 'verify', entityType: 'contact', entityId: id, before, after });
    return { id, version: after.version, verification: after.verification };
  });
}

/**
 * Deletes a contact the way Counterpart deletes: the row stays, marked deleted
 * and left out of every list and gap, and the audit log keeps it whole. Expected
 * contacts it had fulfilled are open again. Only the version the deleter read
 * is deleted: a stale one is a 409 that shows what changed.
 */
export async function deleteContact(id: string, options: { version: number }, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const before = await liveSnapshot(tx, id);
    await checkVersion(tx, before, options.version);
    await claimVersion(tx, id, options.version, { deletedAt: new Date(), updatedById: actor.userId });
    await reopenExpected(tx, actor, id);
    const after = (await contactSnapshot(tx, id))!;
    await writeAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'contact', entityId: id, before, after },
      { publish: false },
    );
    await syncContactStats(tx, [id], { searchBefore: [before] });
    return { id, version: after.version, deletedAt: after.deletedAt };
  });
}

/** One live contact as lists and the API show it, or null. */
export async function getContactRow(id: string): Promise<ContactRow | null> {
  const contact = await getDb().contact.findFirst({ where: { id, deletedAt: null }, select: CONTACT_ROW_SELECT });
  return contact === null ? null : toContactRow(contact);
}

/** A live contact's current snapshot and who logged, edited and verified it, for the edit page. */
export async function getContactForEdit(id: string) {
  const db = getDb();
  const snapshot = await contactSnapshot(db, id);
  if (snapshot === null || snapshot.deletedAt !== null) return null;
  const people = await db.contact.findUniqueOrThrow({
    where: { id },
    select: {
      createdAt: true,
      updatedAt: true,
      verifiedAt: true,
      createdBy: { select: { id: true, name: true } },
      updatedBy: { select: { id: true, name: true } },
      verifiedBy: { select: { id: true, name: true } },
      participants: { select: { official: { select: { id: true, slug: true, name: true, country: true } } } },
    },
  });
  return {
    ...snapshot,
    participantOfficials: people.participants.map((p) => p.official),
    createdAt: people.createdAt.toISOString(),
    updatedAt: people.updatedAt.toISOString(),
    verifiedAt: people.verifiedAt?.toISOString() ?? null,
    createdBy: people.createdBy,
    updatedBy: people.updatedBy,
    verifiedBy: people.verifiedBy,
  };
}

/** The first and last dates a contact may have (lib/validation/common.ts zIsoDate). */
const FIRST_DAY = parseIsoDate('0001-01-01');
const LAST_DAY = parseIsoDate('9999-12-31');

/**
 * Contacts of the same officials (two of them, from two countries) dated
 * within a day of `date`: probably the same contact logged twice.
 */
export async function findNearbyContacts(input: {
  participants: string[];
  date: string;
  excludeId?: string;
}): Promise<ContactRow[]> {
  const db = getDb();
  const officials = [...(await resolveOfficialRefs(db, input.participants)).values()];
  if (officials.length < 2) return [];
  const day = parseIsoDate(input.date);
  const candidates = await db.contact.findMany({
    where: {
      deletedAt: null,
      id: input.excludeId ? { not: input.excludeId } : undefined,
      // Within the dates the database stores: a day before 0001-01-01 made it fail (found by the fuzzer).
      date: { gte: max([subDays(day, 1), FIRST_DAY]), lte: min([addDays(day, 1), LAST_DAY]) },
      participants: { some: { officialId: { in: officials.map((o) => o.id) } } },
    },
    orderBy: [{ date: 'asc' }, { id: 'asc' }],
    take: 20,
    select: CONTACT_ROW_SELECT,
  });
  const countryOf = new Map(officials.map((o) => [o.id, o.country]));
  return candidates
    .filter((c) => {
      const shared = c.participants.filter((p) => countryOf.has(p.official.id));
      return new Set(shared.map((p) => p.country)).size >= 2;
    })
    .map(toContactRow);
}

/** A live contact's snapshot (the fields an edit starts from), or null. */
export async function getContactSnapshot(id: string): Promise<ContactSnapshot | null> {
  const snapshot = await contactSnapshot(getDb(), id);
  return snapshot === null || snapshot.deletedAt !== null ? null : snapshot;
}
