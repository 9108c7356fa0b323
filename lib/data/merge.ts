import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { nameSearchFields, normalizeName } from '../names';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { addIsoDays } from '../gaps/dates';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';
import { officialSnapshot } from './official-edits';
import { contactIdsOfOfficials, LONG_WRITE, syncContactStats } from '../stats/maintain';
import { reresolvePositions, type IsoPosition } from './officials';

/*
 * Merging a duplicate official into the one kept, and undoing it.
 *
 * A merge moves everything that names the duplicate (participant rows,
 * initiators, source claims, positions, watches, officials merged into it
 * before) to the official kept, adds the duplicate's spellings to the kept
 * one's, and marks the duplicate merged so its URL redirects. The audit row
 * records exactly what moved, by id, so the merge can be undone without
 * touching anything added to the kept official since.
 */

type Tx = Prisma.TransactionClient;

/** A position as the undo record keeps it: enough to put it back, or to make it again. */
type PositionRecord = IsoPosition;

type WatchRecord = {
  id: string;
  userId: string;
  keyA: string;
  keyB: string;
  thresholdDays: number | null;
  thresholdMultiple: number | null;
  createdAt: string;
  /** The watch job's state and the row's last change (absent from undo records written before watches kept them). */
  crossedSince?: string | null;
  crossedAt?: string | null;
  updatedAt?: string;
};

/** Exactly what a merge moved, by id: the audit row's `after.undo`. */
export type MergeUndo = {
  duplicateId: string;
  keptId: string;
  /** Contacts whose participant row of the duplicate became the kept official's. */
  participants: string[];
  /** Participant rows of the duplicate removed because the kept official already took part. */
  removedParticipants: { contactId: string; country: string }[];
  /** Contacts whose initiator was the duplicate. */
  initiators: string[];
  /** Sources whose claimed initiator was the duplicate. */
  claims: string[];
  /** The duplicate's positions, now the kept official's. */
  positions: PositionRecord[];
  /** The duplicate's positions dropped because the kept official held the same office at the time. */
  droppedPositions: PositionRecord[];
  /** Spellings added to the kept official (alias rows), by id. */
  aliases: { id: string; name: string }[];
  /** Watches moved from the duplicate to the kept official, with their keys before. */
  watches: { id: string; keyA: string; keyB: string; updatedAt?: string }[];
  /** Watches removed because the user already watched the same pair with the kept official. */
  removedWatches: WatchRecord[];
  /** Officials merged into the duplicate earlier, now pointing at the kept official. */
  mergedBefore: string[];
};

type LockedOfficial = {
  id: string;
  slug: string;
  name: string;
  country: string;
  version: number;
  mergedIntoId: string | null;
};

/** Locks officials (in id order, so two merges cannot deadlock) and returns them by id. */
async function lockOfficials(tx: Tx, ids: string[]): Promise<Map<string, LockedOfficial>> {
  const sorted = [...new Set(ids)].sort();
  const rows = await tx.$queryRaw<LockedOfficial[]>`
    SELECT id, slug, name, country, version, merged_into_id AS "mergedIntoId"
    FROM official WHERE id = ANY(${sorted}::text[]) ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** The days a tenure occupies as [start, end); a one-day tenure (start = end) is that day. */
function span(p: { startDate: string; endDate: string | null }): [string, string | null] {
  if (p.endDate === null) return [p.startDate, null];
  if (p.endDate > p.startDate) return [p.startDate, p.endDate];
  return [p.startDate, addIsoDays(p.startDate, 1)];
}

/** True when two tenures of one office would give it two holders on some day. */
function overlaps(a: PositionRecord, b: PositionRecord): boolean {
  if (a.officeKey !== b.officeKey) return false;
  const [aStart, aEnd] = span(a);
  const [bStart, bEnd] = span(b);
  return (bEnd === null || aStart < bEnd) && (aEnd === null || bStart < aEnd);
}

async function positionRecords(tx: Tx, officialId: string): Promise<PositionRecord[]> {
  const rows = await tx.position.findMany({
    where: { officialId },
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    select: { id: true, officeKey: true, title: true, organisation: true, startDate: true, endDate: true },
  });
  return rows.map((p) => ({ ...p, startDate: isoFromDb(p.startDate), endDate: isoFromDbOrNull(p.endDate) }));
}

/** What a merge of these two officials would do, for the admin to see before confirming. */
export type MergePreview = NonNullable<Awaited<ReturnType<typeof getMergePreview>>>;

/** An official (by id or slug) as the merge page shows it: names, positions, contact count; null when unknown. */
export async function getMergeCandidate(ref: string) {
  const official = await getDb().official.findFirst({
    where: { OR: [{ id: ref }, { slug: ref }] },
    select: {
      id: true,
      slug: true,
      name: true,
      country: true,
      version: true,
      mergedInto: { select: { name: true, slug: true } },
      aliases: { select: { name: true }, orderBy: { name: 'asc' } },
      _count: { select: { participations: { where: { contact: { deletedAt: null } } } } },
    },
  });
  if (official === null) return null;
  const positions = await positionRecords(getDb(), official.id);
  const { _count, aliases, ...rest } = official;
  return { ...rest, otherNames: aliases.map((a) => a.name), positions, contactCount: _count.participations };
}

/**
 * The two officials side by side (names, spellings, positions, contacts), the
 * contacts they share, and what a merge would move; `problem` says why they
 * cannot be merged, when they cannot.
 */
export async function getMergePreview(duplicateRef: string, keptRef: string) {
  const [duplicate, kept] = await Promise.all([getMergeCandidate(duplicateRef), getMergeCandidate(keptRef)]);
  if (duplicate === null || kept === null) return null;
  const shared = await getDb().contact.count({
    where: {
      deletedAt: null,
      AND: [
        { participants: { some: { officialId: duplicate.id } } },
        { participants: { some: { officialId: kept.id } } },
      ],
    },
  });
  const keptNames = new Set([normalizeName(kept.name), ...kept.otherNames.map(normalizeName)]);
  const spellings = [...new Map([duplicate.name, ...duplicate.otherNames].map((n) => [normalizeName(n), n]))]
    .filter(([key]) => !keptNames.has(key))
    .map(([, name]) => name);
  const dropped = duplicate.positions.filter((d) => kept.positions.some((k) => overlaps(d, k)));
  return {
    duplicate,
    kept,
    sharedContacts: shared,
    moves: {
      contacts: duplicate.contactCount,
      positions: duplicate.positions.length - dropped.length,
      droppedPositions: dropped,
      spellings,
    },
    problem: mergeProblem(duplicate, kept),
  };
}

/** Why two officials cannot be merged, or null. */
function mergeProblem(
  duplicate: { id: string; name: string; country: string; mergedIntoId?: string | null; mergedInto?: unknown },
  kept: { id: string; name: string; country: string; mergedIntoId?: string | null; mergedInto?: unknown },
): string | null {
  if (duplicate.id === kept.id) return 'Choose two different officials: an official cannot be merged into itself.';
  if (duplicate.mergedIntoId || duplicate.mergedInto)
    return `${duplicate.name} has already been merged into another official.`;
  if (kept.mergedIntoId || kept.mergedInto)
    return `${kept.name} has already been merged into another official; keep that one instead.`;
  if (duplicate.country !== kept.country) {
    return `${duplicate.name} (${duplicate.country}) and ${kept.name} (${kept.country}) are of different countries: only duplicates of one person can be merged.`;
  }
  return null;
}

/** Moves an official's watches to another, dropping those that would repeat a watch the user has. */
async function moveWatches(tx: Tx, from: string, to: string) {
  const watches = await tx.watch.findMany({
    where: { level: 'OFFICIAL', OR: [{ keyA: from }, { keyB: from }] },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      userId: true,
      keyA: true,
      keyB: true,
      thresholdDays: true,
      thresholdMultiple: true,
      createdAt: true,
      crossedSince: true,
      crossedAt: true,
      updatedAt: true,
    },
  });
  const moved: MergeUndo['watches'] = [];
  const removed: WatchRecord[] = [];
  for (const watch of watches) {
    const [keyA, keyB] = [watch.keyA === from ? to : watch.keyA, watch.keyB === from ? to : watch.keyB].sort();
    const clash = await tx.watch.findFirst({
      where: { userId: watch.userId, level: 'OFFICIAL', keyA, keyB, id: { not: watch.id } },
      select: { id: true },
    });
    if (clash || keyA === keyB) {
      await tx.watch.delete({ where: { id: watch.id } });
      removed.push({
        ...watch,
        createdAt: watch.createdAt.toISOString(),
        crossedSince: watch.crossedSince?.toISOString() ?? null,
        crossedAt: watch.crossedAt?.toISOString() ?? null,
        updatedAt: watch.updatedAt.toISOString(),
      });
    } else {
      await tx.watch.update({ where: { id: watch.id }, data: { keyA, keyB } });
      moved.push({ id: watch.id, keyA: watch.keyA, keyB: watch.keyB, updatedAt: watch.updatedAt.toISOString() });
    }
  }
  return { moved, removed };
}

/**
 * Merges the duplicate into the official kept (admin), in one transaction with
 * both locked and their versions checked against those the admin saw. Returns
 * the kept official and the audit entry that can undo it.
 */
export async function mergeOfficials(
  input: { duplicateId: string; keptId: string; duplicateVersion: number; keptVersion: number },
  actor: Actor,
) {
  const { duplicateId, keptId } = input;
  return getDb().$transaction(async (tx) => {
    const locked = await lockOfficials(tx, [duplicateId, keptId]);
    const duplicate = locked.get(duplicateId);
    const kept = locked.get(keptId);
    if (!duplicate) throw new AppError('NOT_FOUND', 'The duplicate no longer exists.');
    if (!kept) throw new AppError('NOT_FOUND', 'The official to keep no longer exists.');
    const problem = mergeProblem(duplicate, kept);
    if (problem) throw new AppError('INVALID', problem);
    if (duplicate.version !== input.duplicateVersion || kept.version !== input.keptVersion) {
      const changed = [
        duplicate.version !== input.duplicateVersion && duplicate.name,
        kept.version !== input.keptVersion && kept.name,
      ]
        .filter(Boolean)
        .join(' and ');
      throw new AppError(
        'CONFLICT',
        `${changed} changed since you opened this preview. Nothing was merged: check the preview again, then merge.`,
      );
    }
    const before = {
      kept: await officialSnapshot(tx, { id: keptId }),
      duplicate: await officialSnapshot(tx, { id: duplicateId }),
    };

    // Participants: where both took part, the duplicate's row goes; elsewhere it becomes the kept official's.
    const rows = await tx.participant.findMany({
      where: { officialId: duplicateId },
      select: {
        contactId: true,
        country: true,
        contact: { select: { participants: { where: { officialId: keptId }, select: { officialId: true } } } },
      },
    });
    const removedParticipants = rows
      .filter((r) => r.contact.participants.length > 0)
      .map(({ contactId, country }) => ({ contactId, country }));
    const movedContacts = rows.filter((r) => r.contact.participants.length === 0).map((r) => r.contactId);
    await tx.participant.deleteMany({
      where: { officialId: duplicateId, contactId: { in: removedParticipants.map((r) => r.contactId) } },
    });
    await tx.participant.updateMany({
      where: { officialId: duplicateId, contactId: { in: movedContacts } },
      data: { officialId: keptId },
    });

    const initiators = (await tx.contact.findMany({ where: { initiatorId: duplicateId }, select: { id: true } })).map(
      (c) => c.id,
    );
    await tx.contact.updateMany({ where: { id: { in: initiators } }, data: { initiatorId: keptId } });
    const claims = (await tx.source.findMany({ where: { claimedInitiatorId: duplicateId }, select: { id: true } })).map(
      (s) => s.id,
    );
    await tx.source.updateMany({ where: { id: { in: claims } }, data: { claimedInitiatorId: keptId } });

    // Positions: one holder per office at a time, so a tenure the kept official already covers is dropped.
    const keptPositions = await positionRecords(tx, keptId);
    const duplicatePositions = await positionRecords(tx, duplicateId);
    const droppedPositions = duplicatePositions.filter((d) => keptPositions.some((k) => overlaps(d, k)));
    const movedPositions = duplicatePositions.filter((d) => !droppedPositions.includes(d));
    await tx.position.deleteMany({ where: { id: { in: droppedPositions.map((p) => p.id) } } });
    await tx.position.updateMany({
      where: { id: { in: movedPositions.map((p) => p.id) } },
      data: { officialId: keptId },
    });
    await reresolvePositions(tx, keptId);
    await syncContactStats(tx, await contactIdsOfOfficials(tx, [keptId, duplicateId]));

    // Spellings: the duplicate's name and its other spellings become the kept official's, once each.
    const keptNames = new Set([
      normalizeName(kept.name),
      ...(await tx.officialAlias.findMany({ where: { officialId: keptId }, select: { nameSearch: true } })).map(
        (a) => a.nameSearch,
      ),
    ]);
    const duplicateAliases = await tx.officialAlias.findMany({
      where: { officialId: duplicateId },
      orderBy: { name: 'asc' },
      select: { name: true },
    });
    const aliases: MergeUndo['aliases'] = [];
    for (const name of [duplicate.name, ...duplicateAliases.map((a) => a.name)]) {
      const nameSearch = normalizeName(name);
      if (keptNames.has(nameSearch)) continue;
      keptNames.add(nameSearch);
      const alias = await tx.officialAlias.create({
        data: { officialId: keptId, name, ...nameSearchFields(name) },
        select: { id: true },
      });
      aliases.push({ id: alias.id, name });
    }

    const watches = await moveWatches(tx, duplicateId, keptId);
    const mergedBefore = (
      await tx.official.findMany({ where: { mergedIntoId: duplicateId }, select: { id: true } })
    ).map((o) => o.id);
    // No chains: whatever pointed at the duplicate now points at the official kept.
    await tx.official.updateMany({ where: { id: { in: mergedBefore } }, data: { mergedIntoId: keptId } });

    await tx.official.update({ where: { id: duplicateId }, data: { mergedIntoId: keptId, version: { increment: 1 } } });
    await tx.official.update({ where: { id: keptId }, data: { version: { increment: 1 } } });

    const undo: MergeUndo = {
      duplicateId,
      keptId,
      participants: movedContacts,
      removedParticipants,
      initiators,
      claims,
      positions: movedPositions,
      droppedPositions,
      aliases,
      watches: watches.moved,
      removedWatches: watches.removed,
      mergedBefore,
    };
    const after = {
      kept: await officialSnapshot(tx, { id: keptId }),
      duplicate: await officialSnapshot(tx, { id: duplicateId }),
      undo,
    };
    await writeAudit(tx, actor, { action: 'merge', entityType: 'official', entityId: keptId, before, after });
    const entry = await tx.auditLog.findFirst({
      where: { action: 'merge', entityType: 'official', entityId: keptId },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    return {
      kept: { id: kept.id, slug: kept.slug, name: kept.name },
      duplicate: { id: duplicate.id, slug: duplicate.slug, name: duplicate.name },
      auditId: entry!.id.toString(),
      moved: {
        contacts: movedContacts.length + removedParticipants.length,
        positions: movedPositions.length,
        spellings: aliases.length,
      },
    };
  }, LONG_WRITE);
}

/** The undo record of a merge audit row, or null when the row is not a merge (or predates undo records). */
function undoRecord(after: Prisma.JsonValue | null): MergeUndo | null {
  if (after === null || typeof after !== 'object' || Array.isArray(after)) return null;
  const undo = (after as Record<string, unknown>).undo;
  if (undo === null || typeof undo !== 'object') return null;
  const record = undo as MergeUndo;
  return typeof record.duplicateId === 'string' && typeof record.keptId === 'string' ? record : null;
}

/** Whether the merge of an audit row can still be undone, and why not. */
export async function getUndoState(auditId: bigint): Promise<{ canUndo: boolean; reason?: string }> {
  const entry = await getDb().auditLog.findUnique({ where: { id: auditId }, select: { action: true, after: true } });
  const undo = entry?.action === 'merge' ? undoRecord(entry.after) : null;
  if (undo === null) return { canUndo: false, reason: 'This entry is not a merge.' };
  const undone = await findUndoOf(getDb(), auditId);
  if (undone)
    return {
      canUndo: false,
      reason: `Undone on ${undone.at.toISOString().slice(0, 16).replace('T', ' ')} UTC (entry #${undone.id}).`,
    };
  const duplicate = await getDb().official.findUnique({
    where: { id: undo.duplicateId },
    select: { mergedIntoId: true },
  });
  if (duplicate?.mergedIntoId !== undo.keptId)
    return { canUndo: false, reason: 'The duplicate was merged again since.' };
  return { canUndo: true };
}

async function findUndoOf(tx: Tx, auditId: bigint) {
  return tx.auditLog.findFirst({
    where: { action: 'unmerge', entityType: 'official', after: { path: ['undoes'], equals: auditId.toString() } },
    select: { id: true, at: true },
  });
}

/**
 * Undoes the merge an audit row records (admin): puts back exactly what that
 * merge moved (contacts added to the kept official since stay with it), in one
 * transaction with its own audit row. Refuses when the merge was already undone,
 * when either official was merged again since, or when the row is not a merge.
 */
export async function undoMerge(auditId: bigint, actor: Actor) {
  return getDb().$transaction(async (tx) => {
    const entry = await tx.auditLog.findUnique({
      where: { id: auditId },
      select: { id: true, action: true, entityType: true, after: true },
    });
    if (entry === null) throw new AppError('NOT_FOUND', `No audit entry #${auditId}.`);
    const undo = entry.action === 'merge' && entry.entityType === 'official' ? undoRecord(entry.after) : null;
    if (undo === null)
      throw new AppError('INVALID', `Audit entry #${auditId} is not a merge of officials: there is nothing to undo.`);
    const { duplicateId, keptId } = undo;
    const locked = await lockOfficials(tx, [duplicateId, keptId]);
    const duplicate = locked.get(duplicateId);
    const kept = locked.get(keptId);
    if (!duplicate || !kept)
      throw new AppError('NOT_FOUND', 'One of the two officials of this merge no longer exists.');
    // Checked after the lock: two admins undoing at once, the second sees the first's row.
    const undone = await findUndoOf(tx, auditId);
    if (undone) throw new AppError('CONFLICT', `This merge was already undone (audit entry #${undone.id}).`);
    if (duplicate.mergedIntoId !== keptId) {
      throw new AppError(
        'CONFLICT',
        `${duplicate.name} was merged again since this merge, so it cannot be undone from here: undo the later merge first.`,
      );
    }
    if (kept.mergedIntoId !== null) {
      throw new AppError(
        'CONFLICT',
        `${kept.name} has itself been merged into another official since: undo that merge first.`,
      );
    }
    const before = {
      kept: await officialSnapshot(tx, { id: keptId }),
      duplicate: await officialSnapshot(tx, { id: duplicateId }),
    };

    await tx.participant.updateMany({
      where: { officialId: keptId, contactId: { in: undo.participants } },
      data: { officialId: duplicateId },
    });
    const stillThere = new Set(
      (
        await tx.contact.findMany({
          where: { id: { in: undo.removedParticipants.map((r) => r.contactId) } },
          select: { id: true },
        })
      ).map((c) => c.id),
    );
    await tx.participant.createMany({
      data: undo.removedParticipants
        .filter((r) => stillThere.has(r.contactId))
        .map((r) => ({ contactId: r.contactId, officialId: duplicateId, country: r.country })),
      skipDuplicates: true,
    });
    await tx.contact.updateMany({
      where: { id: { in: undo.initiators }, initiatorId: keptId },
      data: { initiatorId: duplicateId },
    });
    await tx.source.updateMany({
      where: { id: { in: undo.claims }, claimedInitiatorId: keptId },
      data: { claimedInitiatorId: duplicateId },
    });

    // Positions go back by id; one edited away since is made again from the record.
    for (const position of [...undo.positions, ...undo.droppedPositions]) {
      const current = await tx.position.findUnique({ where: { id: position.id }, select: { officialId: true } });
      if (current?.officialId === keptId) {
        await tx.position.update({ where: { id: position.id }, data: { officialId: duplicateId } });
        continue;
      }
      const sameTenure = await tx.position.findFirst({
        where: {
          officialId: keptId,
          officeKey: position.officeKey,
          startDate: dbDate(position.startDate),
          endDate: position.endDate === null ? null : dbDate(position.endDate),
        },
        select: { id: true },
      });
      if (sameTenure && undo.positions.includes(position)) {
        await tx.position.update({ where: { id: sameTenure.id }, data: { officialId: duplicateId } });
      } else if (current === null) {
        await tx.position
          .create({
            data: {
              id: position.id,
              officialId: duplicateId,
              officeKey: position.officeKey,
              title: position.title,
              organisation: position.organisation,
              startDate: dbDate(position.startDate),
              endDate: position.endDate === null ? null : dbDate(position.endDate),
            },
          })
          .catch((error: unknown) => {
            throw tenureClash(error, duplicate.name, position);
          });
      }
    }
    await reresolvePositions(tx, duplicateId);
    await reresolvePositions(tx, keptId);
    await syncContactStats(tx, await contactIdsOfOfficials(tx, [keptId, duplicateId]));

    await tx.officialAlias.deleteMany({ where: { officialId: keptId, id: { in: undo.aliases.map((a) => a.id) } } });

    for (const watch of undo.watches) {
      const current = await tx.watch.findUnique({ where: { id: watch.id }, select: { userId: true } });
      if (current === null) continue;
      const clash = await tx.watch.findFirst({
        where: { userId: current.userId, level: 'OFFICIAL', keyA: watch.keyA, keyB: watch.keyB },
        select: { id: true },
      });
      // Its last change put back too: the watch is as it was before the merge.
      const updatedAt = watch.updatedAt === undefined ? {} : { updatedAt: new Date(watch.updatedAt) };
      if (!clash) {
        await tx.watch.update({ where: { id: watch.id }, data: { keyA: watch.keyA, keyB: watch.keyB, ...updatedAt } });
      }
    }
    const users = new Set(
      (
        await tx.user.findMany({
          where: { id: { in: undo.removedWatches.map((w) => w.userId) } },
          select: { id: true },
        })
      ).map((u) => u.id),
    );
    await tx.watch.createMany({
      data: undo.removedWatches
        .filter((w) => users.has(w.userId))
        .map((w) => ({
          ...w,
          level: 'OFFICIAL' as const,
          createdAt: new Date(w.createdAt),
          crossedSince: w.crossedSince ? new Date(w.crossedSince) : null,
          crossedAt: w.crossedAt ? new Date(w.crossedAt) : null,
          updatedAt: w.updatedAt ? new Date(w.updatedAt) : undefined,
        })),
      skipDuplicates: true,
    });

    await tx.official.updateMany({
      where: { id: { in: undo.mergedBefore }, mergedIntoId: keptId },
      data: { mergedIntoId: duplicateId },
    });
    await tx.official.update({ where: { id: duplicateId }, data: { mergedIntoId: null, version: { increment: 1 } } });
    await tx.official.update({ where: { id: keptId }, data: { version: { increment: 1 } } });

    const after = {
      kept: await officialSnapshot(tx, { id: keptId }),
      duplicate: await officialSnapshot(tx, { id: duplicateId }),
      undoes: auditId.toString(),
    };
    await writeAudit(tx, actor, { action: 'unmerge', entityType: 'official', entityId: keptId, before, after });
    return {
      kept: { id: kept.id, slug: kept.slug, name: kept.name },
      duplicate: { id: duplicate.id, slug: duplicate.slug, name: duplicate.name },
    };
  }, LONG_WRITE);
}

/** The database's refusal of a second holder of an office, as a message an admin can act on. */
function tenureClash(error: unknown, name: string, position: PositionRecord): unknown {
  const message = error instanceof Error ? error.message : '';
  if (!message.includes('position_single_holder')) return error;
  return new AppError(
    'CONFLICT',
    `${name}’s tenure as ${position.title} (${position.officeKey}) from ${position.startDate} cannot be put back: ` +
      'another official holds that office in those dates now. Change that tenure first, then undo.',
  );
}
