import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { makePairKey } from '../gaps/engine';
import { ZContactInput } from '../validation/contact';
import { ZContactFilters } from '../validation/filters';
import { createContact, listContacts } from './contacts';
import { getPairSeries, listSeries } from './gaps';
import { getMergePreview, getUndoState, mergeOfficials, undoMerge } from './merge';
import { searchOfficials } from './officials';

import { setupTestDatabase } from '../testing/database';
import {
  makeAdmin,
  makeAustinAndShoigu,
  makeOfficial,
  makeUser,
  MINDEF_POSITION,
  SECDEF_POSITION,
} from '../testing/factories';

setupTestDatabase();

const source = { url: 'https://www.defense.gov/News/Releases/' };

function contact(date: string, participants: string[], extra: Record<string, unknown> = {}) {
  return ZContactInput.parse({ date, type: 'CALL', status: 'HELD', participants, sources: [source], ...extra });
}

/**
 * Two researchers created one person twice: "Sergei Shoigu" (kept, with his
 * tenure) and "Sergey Shoygu" (the duplicate, with a spelling of his own and an
 * earlier office). Each has calls with Austin; one call has both.
 */
async function setup() {
  const actor = await makeAdmin();
  const { austin, shoigu: kept } = await makeAustinAndShoigu({
    actor,
    austin: { positions: [SECDEF_POSITION] },
    shoigu: { otherNames: ['Шойгу'], positions: [MINDEF_POSITION] },
  });
  const duplicate = await makeOfficial(
    {
      name: 'Sergey Shoygu',
      country: 'RU',
      otherNames: ['S. K. Shoygu', 'шойгу'],
      positions: [
        {
          title: 'Minister of Emergency Situations',
          officeKey: 'RU:MCHS',
          startDate: '1994-01-10',
          endDate: '2012-05-11',
        },
      ],
    },
    actor,
  );
  const first = await createContact(contact('2022-02-18', [austin.slug, kept.slug]), actor);
  const shared = await createContact(contact('2022-03-01', [austin.slug, kept.slug, duplicate.slug]), actor);
  const refused = await createContact(
    contact('2022-03-24', [austin.slug, duplicate.slug], {
      status: 'REFUSED',
      initiator: austin.slug,
      sources: [{ ...source, claims: { initiator: duplicate.slug } }],
    }),
    actor,
  );
  const last = await createContact(
    contact('2022-05-13', [austin.slug, duplicate.slug], { initiator: duplicate.slug }),
    actor,
  );
  const early = await createContact(contact('2011-06-01', [austin.slug, duplicate.slug]), actor);
  return { actor, austin, kept, duplicate, contacts: { first, shared, refused, last, early } };
}

async function contactsOf(officialId: string): Promise<string[]> {
  const rows = await getDb().participant.findMany({ where: { officialId }, select: { contactId: true } });
  return rows.map((r) => r.contactId).sort();
}

async function merge(world: Awaited<ReturnType<typeof setup>>) {
  return mergeOfficials(
    { duplicateId: world.duplicate.id, keptId: world.kept.id, duplicateVersion: 1, keptVersion: 1 },
    world.actor,
  );
}

/** Everything an undo must put back: participants, initiators, claims, positions, spellings, watches. */
async function state() {
  const db = getDb();
  return {
    participants: await db.participant.findMany({ orderBy: [{ contactId: 'asc' }, { officialId: 'asc' }] }),
    initiators: await db.contact.findMany({ orderBy: { id: 'asc' }, select: { id: true, initiatorId: true } }),
    claims: await db.source.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, contactId: true, claimedInitiatorId: true },
    }),
    positions: await db.position.findMany({ orderBy: { id: 'asc' } }),
    aliases: await db.officialAlias.findMany({ orderBy: { id: 'asc' } }),
    watches: await db.watch.findMany({ orderBy: { id: 'asc' } }),
    merged: await db.official.findMany({ orderBy: { id: 'asc' }, select: { id: true, mergedIntoId: true } }),
  };
}

describe('merging two duplicate officials', () => {
  it('keeps every contact: each one of the duplicate now names the official kept', async () => {
    const world = await setup();
    const all = Object.values(world.contacts)
      .map((c) => c.id)
      .sort();
    const result = await merge(world);

    expect(await contactsOf(world.kept.id)).toEqual(all);
    expect(await contactsOf(world.duplicate.id)).toEqual([]);
    expect(result.moved).toEqual({ contacts: 4, positions: 1, spellings: 2 });
    // The shared contact lists the person once.
    const shared = await getDb().participant.findMany({ where: { contactId: world.contacts.shared.id } });
    expect(shared.map((p) => p.officialId).sort()).toEqual([world.austin.id, world.kept.id].sort());
    expect(await getDb().contact.count({ where: { deletedAt: null } })).toBe(5);

    const last = await getDb().contact.findUnique({
      where: { id: world.contacts.last.id },
      select: { initiatorId: true },
    });
    expect(last?.initiatorId).toBe(world.kept.id);
    const claim = await getDb().source.findFirst({ where: { contactId: world.contacts.refused.id } });
    expect(claim?.claimedInitiatorId).toBe(world.kept.id);
  });

  it('moves the duplicate’s positions and spellings, re-resolves offices, and redirects its slug', async () => {
    const world = await setup();
    await merge(world);
    const kept = await getDb().official.findUnique({
      where: { id: world.kept.id },
      select: { version: true, aliases: { select: { name: true } }, positions: { select: { officeKey: true } } },
    });
    expect(kept?.version).toBe(2);
    // "шойгу" is the kept official's Шойгу in another case: not added twice.
    expect(kept?.aliases.map((a) => a.name).sort()).toEqual(['S. K. Shoygu', 'Sergey Shoygu', 'Шойгу']);
    expect(kept?.positions.map((p) => p.officeKey).sort()).toEqual(['RU:MCHS', 'RU:MINDEF']);
    const duplicate = await getDb().official.findUnique({ where: { id: world.duplicate.id } });
    expect(duplicate).toMatchObject({ mergedIntoId: world.kept.id, version: 2 });

    // Contacts take the office held that day: 2011 the ministry of emergencies, 2022 defence.
    const offices = await getDb().participant.findMany({
      where: { officialId: world.kept.id },
      select: { contactId: true, officeKey: true },
    });
    const officeOf = (id: string) => offices.find((o) => o.contactId === id)?.officeKey;
    expect(officeOf(world.contacts.early.id)).toBe('RU:MCHS');
    expect(officeOf(world.contacts.last.id)).toBe('RU:MINDEF');

    // Any spelling of the duplicate finds the official kept, and only them.
    const found = await searchOfficials({ q: 'shoygu' });
    expect(found.items.map((o) => o.id)).toEqual([world.kept.id]);
  });

  it('shows a true duplicate’s pair as one series, with every held contact and the right gaps', async () => {
    const world = await setup();
    const today = '2022-06-12';
    const before = await listSeries({ level: 'OFFICIAL', side: world.austin.id }, today);
    expect(before).toHaveLength(2);
    const keptPair = makePairKey('OFFICIAL', world.austin.id, world.kept.id);
    expect((await getPairSeries(keptPair, today)).gaps.map((g) => g.days)).toEqual([11]);

    await merge(world);

    const after = await listSeries({ level: 'OFFICIAL', side: world.austin.id }, today);
    expect(after).toHaveLength(1);
    const series = await getPairSeries(keptPair, today);
    expect(series.heldCount).toBe(4);
    // 2011-06-01 → 2022-02-18 → 2022-03-01 → 2022-05-13; the refusal stays a marker inside a gap.
    expect(series.gaps.map((g) => [g.from, g.to, g.days])).toEqual([
      ['2011-06-01', '2022-02-18', 3915],
      ['2022-02-18', '2022-03-01', 11],
      ['2022-03-01', '2022-05-13', 73],
    ]);
    expect(series.gaps[2].markers.map((m) => m.status)).toEqual(['REFUSED']);
    expect(series.currentSilence?.days).toBe(30);
    const offices = await getPairSeries(makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'), today);
    expect(offices.heldCount).toBe(3);
  });

  it('audits the merge with both officials before and what moved, by id', async () => {
    const world = await setup();
    const result = await merge(world);
    const entry = await getDb().auditLog.findUnique({ where: { id: BigInt(result.auditId) } });
    expect(entry).toMatchObject({ action: 'merge', entityType: 'official', entityId: world.kept.id, via: 'ui' });
    expect(entry?.userId).toBe(world.actor.userId);
    const before = entry?.before as Record<string, { name: string }>;
    expect(before.kept.name).toBe('Sergei Shoigu');
    expect(before.duplicate.name).toBe('Sergey Shoygu');
    const undo = (entry?.after as { undo: Record<string, unknown> }).undo;
    expect(undo).toMatchObject({
      duplicateId: world.duplicate.id,
      keptId: world.kept.id,
      removedParticipants: [{ contactId: world.contacts.shared.id, country: 'RU' }],
      initiators: [world.contacts.last.id],
    });
    expect((undo.participants as string[]).sort()).toEqual(
      [world.contacts.refused.id, world.contacts.last.id, world.contacts.early.id].sort(),
    );
  });

  it('refuses a stale preview, two countries, the same official twice and an official already merged', async () => {
    const world = await setup();
    const unchanged = await state();
    await expect(
      mergeOfficials(
        { duplicateId: world.duplicate.id, keptId: world.kept.id, duplicateVersion: 1, keptVersion: 0 },
        world.actor,
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Sergei Shoigu changed') });
    await expect(
      mergeOfficials(
        { duplicateId: world.austin.id, keptId: world.kept.id, duplicateVersion: 1, keptVersion: 1 },
        world.actor,
      ),
    ).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('different countries') });
    await expect(
      mergeOfficials(
        { duplicateId: world.kept.id, keptId: world.kept.id, duplicateVersion: 1, keptVersion: 1 },
        world.actor,
      ),
    ).rejects.toMatchObject({ code: 'INVALID' });
    expect(await state()).toEqual(unchanged);
    expect(await getDb().auditLog.count({ where: { action: 'merge' } })).toBe(0);

    await merge(world);
    await expect(
      mergeOfficials(
        { duplicateId: world.duplicate.id, keptId: world.kept.id, duplicateVersion: 2, keptVersion: 2 },
        world.actor,
      ),
    ).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('already been merged') });
  });

  it('drops a tenure the kept official already holds, and moves watches without repeating one', async () => {
    const world = await setup();
    const db = getDb();
    // A one-day tenure entered for both (the database lets equal one-day tenures be).
    const tenure = {
      officeKey: 'RU:MINDEF',
      title: 'Acting minister',
      startDate: new Date('2012-11-05'),
      endDate: new Date('2012-11-05'),
    };
    await db.position.create({ data: { ...tenure, officialId: world.kept.id } });
    await db.position.create({ data: { ...tenure, officialId: world.duplicate.id } });
    const { user } = await makeUser({ email: 'watcher@example.org', name: 'Watcher', role: 'VIEWER' });
    const keys = (a: string, b: string) => [a, b].sort();
    const [dA, dB] = keys(world.austin.id, world.duplicate.id);
    const [kA, kB] = keys(world.austin.id, world.kept.id);
    // Past its threshold (the watch job's state), and removed by the merge: the undo must bring it all back.
    await db.watch.create({
      data: {
        userId: user.id,
        level: 'OFFICIAL',
        keyA: dA,
        keyB: dB,
        thresholdDays: 30,
        crossedSince: new Date('2024-01-01'),
        crossedAt: new Date('2024-02-01T12:00:00.123Z'),
      },
    });
    await db.watch.create({ data: { userId: user.id, level: 'OFFICIAL', keyA: kA, keyB: kB, thresholdDays: 60 } });
    const { user: other } = await makeUser({ email: 'other@example.org', name: 'Other', role: 'VIEWER' });
    await db.watch.create({ data: { userId: other.id, level: 'OFFICIAL', keyA: dA, keyB: dB, thresholdMultiple: 2 } });
    const unmerged = await state();

    const preview = await getMergePreview(world.duplicate.slug, world.kept.slug);
    expect(preview?.moves.droppedPositions.map((p) => p.title)).toEqual(['Acting minister']);
    const result = await merge(world);
    expect(result.moved.positions).toBe(1);
    expect(await db.position.count({ where: { officialId: world.kept.id, title: 'Acting minister' } })).toBe(1);
    const watches = await db.watch.findMany({ orderBy: { userId: 'asc' } });
    expect(watches.map((w) => [w.userId, w.keyA, w.keyB, w.thresholdDays]).sort()).toEqual(
      [
        [user.id, kA, kB, 60],
        [other.id, kA, kB, null],
      ].sort(),
    );

    await undoMerge(BigInt(result.auditId), world.actor);
    const restored = await state();
    expect(restored).toEqual(unmerged);
  });
});

describe('undoing a merge', () => {
  it('puts back exactly what the merge moved; contacts added to the kept official since stay with it', async () => {
    const world = await setup();
    const unmerged = await state();
    const result = await merge(world);
    const later = await createContact(contact('2022-06-01', [world.austin.slug, world.duplicate.slug]), world.actor);

    expect(await getUndoState(BigInt(result.auditId))).toEqual({ canUndo: true });
    await undoMerge(BigInt(result.auditId), world.actor);

    const now = await state();
    const withoutLater = now.participants.filter((p) => p.contactId !== later.id);
    expect(withoutLater).toEqual(unmerged.participants);
    expect(
      now.participants
        .filter((p) => p.contactId === later.id)
        .map((p) => p.officialId)
        .sort(),
    ).toEqual([world.austin.id, world.kept.id].sort());
    expect(now.initiators.filter((c) => c.id !== later.id)).toEqual(unmerged.initiators);
    expect(now.claims.filter((s) => s.contactId !== later.id)).toEqual(unmerged.claims);
    expect(now.positions).toEqual(unmerged.positions);
    expect(now.aliases).toEqual(unmerged.aliases);
    expect(now.merged).toEqual(unmerged.merged);
    const duplicate = await getDb().official.findUnique({ where: { id: world.duplicate.id } });
    expect(duplicate).toMatchObject({ mergedIntoId: null, version: 3 });

    const entry = await getDb().auditLog.findFirst({ where: { action: 'unmerge' } });
    expect(entry).toMatchObject({ entityType: 'official', entityId: world.kept.id });
    expect((entry?.after as { undoes: string }).undoes).toBe(result.auditId);

    // Two series again, as before the merge.
    expect(await listSeries({ level: 'OFFICIAL', side: world.austin.id }, '2022-06-12')).toHaveLength(2);
  });

  it('refuses a merge already undone', async () => {
    const world = await setup();
    const first = await merge(world);
    await undoMerge(BigInt(first.auditId), world.actor);
    await expect(undoMerge(BigInt(first.auditId), world.actor)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('already undone'),
    });
    expect(await getUndoState(BigInt(first.auditId))).toMatchObject({ canUndo: false });
    await expect(undoMerge(1n, world.actor)).rejects.toMatchObject({ code: 'INVALID' });
  });

  it('refuses while the merged pair has been merged on; undoing the later merge first works', async () => {
    const world = await setup();
    const first = await merge(world);
    const third = await makeOfficial({ name: 'Sergei K. Shoigu', country: 'RU' }, world.actor);
    const second = await mergeOfficials(
      { duplicateId: world.kept.id, keptId: third.id, duplicateVersion: 2, keptVersion: 1 },
      world.actor,
    );
    // No chains: the first duplicate now points at the last official kept.
    expect((await getDb().official.findUnique({ where: { id: world.duplicate.id } }))?.mergedIntoId).toBe(third.id);
    expect(await contactsOf(third.id)).toHaveLength(5);
    await expect(undoMerge(BigInt(first.auditId), world.actor)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('merged again'),
    });
    expect(await getUndoState(BigInt(first.auditId))).toMatchObject({ canUndo: false });

    await undoMerge(BigInt(second.auditId), world.actor);
    expect((await getDb().official.findUnique({ where: { id: world.duplicate.id } }))?.mergedIntoId).toBe(
      world.kept.id,
    );
    await undoMerge(BigInt(first.auditId), world.actor);
    expect(await contactsOf(world.duplicate.id)).toHaveLength(4);
    expect(await contactsOf(third.id)).toEqual([]);
  });
});

describe('listing a merged official’s contacts', () => {
  it('finds them by the duplicate’s old id or slug, and by the kept one’s', async () => {
    const world = await setup();
    const { first, shared, refused, last, early } = world.contacts;
    await merge(world);
    const ids = async (official: string) =>
      (await listContacts(ZContactFilters.parse({ official, pageSize: 100 }))).items.map((c) => c.id).sort();
    const all = [first, shared, refused, last, early].map((c) => c.id).sort();
    expect(await ids(world.duplicate.slug)).toEqual(all);
    expect(await ids(world.duplicate.id)).toEqual(all);
    expect(await ids(world.kept.slug)).toEqual(all);
    expect(await ids('nobody-at-all')).toEqual([]);
  });
});
