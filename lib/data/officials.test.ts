import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors';
import { setupTestDatabase } from '../testing/database';
import { ZOfficialInput } from '../validation/official';
import type { Actor } from './actor';
import { createContact } from './contacts';
import { dbDate } from './dates';
import { updateOfficial } from './official-edits';
import { createOfficial, deleteOfficial, singleHolderConflict, withSingleHolder } from './officials';
import { checkPhoto } from './photos';
import { contactInput, makeOfficial } from '../testing/factories';

setupTestDatabase();

const admin: Actor = { userId: null, via: 'cli' };
const MINDEF = { title: 'Minister of Defence', officeKey: 'RU:MINDEF' };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

function official(name: string, country: string, positions: Record<string, unknown>[] = [], extra = {}) {
  return makeOfficial({ name, country, positions, ...extra }, admin);
}

/** Ends Shoigu's time as minister of defence on 12 May 2024, his record's first edit. */
function endShoiguTenure(slug: string) {
  return updateOfficial(
    slug,
    { positions: [{ ...MINDEF, startDate: '2012-11-06', endDate: '2024-05-12' }] },
    { version: 1 },
    admin,
  );
}

async function demo() {
  const austin = await official('Lloyd Austin', 'US', [
    { title: 'Secretary of Defense', officeKey: 'US:SECDEF', startDate: '2021-01-22', endDate: '2025-01-20' },
  ]);
  const shoigu = await official('Sergei Shoigu', 'RU', [{ ...MINDEF, startDate: '2012-11-06' }]);
  return { austin, shoigu };
}

function call(date: string, participants: string[]) {
  return contactInput({ date, participants });
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const officeOf = async (contactId: string, officialId: string) =>
  (await getDb().participant.findUnique({ where: { contactId_officialId: { contactId, officialId } } }))?.officeKey;

describe('one holder per office', () => {
  it('refuses a second official starting while the first holds the office, naming them, on the start date', async () => {
    await demo();
    const error = await caught(official('Andrei Belousov', 'RU', [{ ...MINDEF, startDate: '2024-05-14' }]));
    expect(error.code).toBe('INVALID');
    expect(error.fields).toEqual({
      'positions.0.startDate': [
        'RU:MINDEF is held by Sergei Shoigu from 6 Nov 2012 with no end; end that tenure first or start after it',
      ],
    });
    expect(error.message).toContain('Sergei Shoigu');
    expect(await getDb().official.count({ where: { name: 'Andrei Belousov' } })).toBe(0);
  });

  it('accepts a successor once the tenure ends, and from the day it ends', async () => {
    const { shoigu } = await demo();
    await endShoiguTenure(shoigu.slug);
    const belousov = await official('Andrei Belousov', 'RU', [{ ...MINDEF, startDate: '2024-05-12' }]);
    expect(await getDb().position.count({ where: { officeKey: 'RU:MINDEF' } })).toBe(2);
    expect(belousov.slug).toBe('andrei-belousov');
  });

  it('refuses an edit that stretches a tenure over the successor’s, on the end date', async () => {
    const { shoigu } = await demo();
    await endShoiguTenure(shoigu.slug);
    await official('Andrei Belousov', 'RU', [{ ...MINDEF, startDate: '2024-05-14' }]);
    const error = await caught(
      updateOfficial(shoigu.slug, { positions: [{ ...MINDEF, startDate: '2012-11-06' }] }, { version: 2 }, admin),
    );
    expect(error.fields).toEqual({
      'positions.0.endDate': [
        'RU:MINDEF is held by Andrei Belousov from 14 May 2024 with no end; end this tenure on or before 14 May 2024',
      ],
    });
    const saved = await getDb().position.findFirst({ where: { officialId: shoigu.id } });
    expect(saved?.endDate).toEqual(dbDate('2024-05-12'));
  });

  it('refuses an official’s own overlapping tenures in one office, and an end before the start', async () => {
    const { shoigu } = await demo();
    const overlap = await caught(
      updateOfficial(
        shoigu.slug,
        {
          positions: [
            { ...MINDEF, startDate: '2012-11-06', endDate: '2020-01-01' },
            { ...MINDEF, startDate: '2019-06-01' },
          ],
        },
        { version: 1 },
        admin,
      ),
    );
    expect(Object.keys(overlap.fields!)).toEqual(['positions.1.startDate']);
    // The schema says it first; the tenure rules say it again for callers that skip the schema.
    await expect(
      updateOfficial(
        shoigu.slug,
        { positions: [{ ...MINDEF, startDate: '2012-11-06', endDate: '2012-01-01' }] },
        { version: 1 },
        admin,
      ),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['positions', 0, 'endDate'] })] });
  });

  it('checks other holders only in the offices named, and ignores the official’s own old tenures', async () => {
    const { shoigu } = await demo();
    const updated = await updateOfficial(
      shoigu.slug,
      {
        positions: [
          { ...MINDEF, startDate: '2012-11-06', endDate: '2024-05-12' },
          { title: 'Secretary of the Security Council', officeKey: 'RU:SECCOUNCIL', startDate: '2024-05-12' },
        ],
      },
      { version: 1 },
      admin,
    );
    expect(updated.positions.map((p) => p.officeKey)).toEqual(['RU:MINDEF', 'RU:SECCOUNCIL']);
  });

  it('turns the database’s exclusion constraint into a 409 when two writes race past the check', async () => {
    const { shoigu } = await demo();
    const raced = await caught(
      withSingleHolder(() =>
        getDb().position.create({
          data: { officialId: shoigu.id, officeKey: 'RU:MINDEF', title: 'x', startDate: dbDate('2020-01-01') },
        }),
      ),
    );
    expect(raced.code).toBe('CONFLICT');
    expect(raced.status).toBe(409);
    expect(raced.message).toMatch(/two holders at once/);
    expect(singleHolderConflict(new Error('something else'))).toBeNull();
  });
});

describe('re-resolving contacts when tenures change', () => {
  it('takes RU:MINDEF off a contact after the tenure is ended before it, and says how many changed', async () => {
    const { austin, shoigu } = await demo();
    const early = await createContact(call('2022-05-13', [austin.slug, shoigu.slug]), admin);
    const late = await createContact(call('2024-06-01', [austin.slug, shoigu.slug]), admin);
    expect(await officeOf(late.id, shoigu.id)).toBe('RU:MINDEF');

    const updated = await endShoiguTenure(shoigu.slug);
    expect(updated.reresolved).toBe(1);
    expect(await officeOf(late.id, shoigu.id)).toBeNull();
    expect(await officeOf(early.id, shoigu.id)).toBe('RU:MINDEF');
    const participant = await getDb().participant.findUnique({
      where: { contactId_officialId: { contactId: early.id, officialId: shoigu.id } },
      select: { positionId: true },
    });
    const position = await getDb().position.findFirst({ where: { officialId: shoigu.id } });
    expect(participant?.positionId).toBe(position?.id);
  });

  it('gives the office back when the tenure is reopened, and counts nothing when no office changes', async () => {
    const { austin, shoigu } = await demo();
    const late = await createContact(call('2024-06-01', [austin.slug, shoigu.slug]), admin);
    const ended = [{ ...MINDEF, startDate: '2012-11-06', endDate: '2024-05-12' }];
    await updateOfficial(shoigu.slug, { positions: ended }, { version: 1 }, admin);
    const reopened = await updateOfficial(
      shoigu.slug,
      { positions: [{ ...MINDEF, startDate: '2012-11-06' }] },
      { version: 2 },
      admin,
    );
    expect(reopened.reresolved).toBe(1);
    expect(await officeOf(late.id, shoigu.id)).toBe('RU:MINDEF');
    const again = await updateOfficial(
      shoigu.slug,
      { positions: [{ ...MINDEF, startDate: '2012-11-05' }] },
      { version: 3 },
      admin,
    );
    expect(again.reresolved).toBe(0);
  });

  it('resolves the office of a contact with a successor to the successor', async () => {
    const { austin, shoigu } = await demo();
    await endShoiguTenure(shoigu.slug);
    const belousov = await official('Andrei Belousov', 'RU', [{ ...MINDEF, startDate: '2024-05-14' }]);
    const contact = await createContact(call('2024-07-12', [austin.slug, belousov.slug]), admin);
    expect(await officeOf(contact.id, belousov.id)).toBe('RU:MINDEF');
  });
});

describe('photos and audit', () => {
  it('stores an uploaded photo, replaces an address, and records a fingerprint in the audit log', async () => {
    const created = await createOfficial(
      ZOfficialInput.parse({ name: 'Ine Eriksen Soreide', country: 'NO', photoUrl: 'https://example.org/a.jpg' }),
      admin,
      undefined,
      { photo: checkPhoto(PNG) },
    );
    const row = await getDb().official.findUnique({ where: { id: created.id }, include: { photo: true } });
    expect(row?.photoUrl).toBeNull();
    expect(row?.photo?.contentType).toBe('image/png');
    const audit = await getDb().auditLog.findFirst({ where: { entityId: created.id, action: 'create' } });
    expect(audit?.after).toMatchObject({ photo: { contentType: 'image/png', size: PNG.byteLength } });

    const withUrl = await updateOfficial(
      created.slug,
      { photoUrl: 'https://example.org/b.jpg' },
      { version: 1 },
      admin,
    );
    expect(withUrl.photo).toBeNull();
    expect(withUrl.photoUrl).toBe('https://example.org/b.jpg');
    const removed = await updateOfficial(created.slug, {}, { version: 2, photo: 'remove' }, admin);
    expect(removed.photoUrl).toBeNull();
    expect(await getDb().officialPhoto.count()).toBe(0);
  });
});

describe('deleting an official', () => {
  it('deletes one without contacts, audited with the whole profile', async () => {
    const jonas = await official('Jonas Gahr Store', 'NO', [
      { title: 'Prime Minister', officeKey: 'NO:PM', startDate: '2021-10-14' },
    ]);
    await deleteOfficial(jonas.slug, { version: 1 }, admin);
    expect(await getDb().official.count({ where: { id: jonas.id } })).toBe(0);
    const audit = await getDb().auditLog.findFirst({ where: { entityId: jonas.id, action: 'delete' } });
    expect(audit?.before).toMatchObject({ name: 'Jonas Gahr Store', positions: [{ officeKey: 'NO:PM' }] });
  });

  it('refuses one with contacts (merge it instead) and a stale version', async () => {
    const { austin, shoigu } = await demo();
    await createContact(call('2022-05-13', [austin.slug, shoigu.slug]), admin);
    const refused = await caught(deleteOfficial(shoigu.slug, { version: 1 }, admin));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/takes part in 1 contact.*merge it/);
    const stale = await caught(deleteOfficial(austin.slug, { version: 7 }, admin));
    expect(stale.code).toBe('CONFLICT');
    expect(await getDb().official.count()).toBe(2);
  });

  /**
   * Runs `work` in a transaction of its own and keeps that open (holding its
   * row locks) until release() is called; `done` settles when it has committed.
   */
  async function openTransaction(work: (tx: Prisma.TransactionClient) => Promise<unknown>) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const workDone = new Promise<void>((resolve) => (started = resolve));
    const done = getDb().$transaction(
      async (tx) => {
        await work(tx);
        started();
        await released;
      },
      { timeout: 60_000 },
    );
    await Promise.race([workDone, done]);
    return { release, done };
  }

  /** Resolves once another session of this database waits for a row lock. */
  async function someoneWaitsForALock() {
    for (;;) {
      const [{ waiting }] = await getDb().$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('is a conflict, not a crash, when a contact naming the official commits during the delete', async () => {
    const { austin, shoigu } = await demo();
    const logging = await openTransaction((tx) =>
      createContact(call('2022-05-13', [austin.slug, shoigu.slug]), admin, { tx }),
    );
    const deleting = caught(deleteOfficial(shoigu.slug, { version: 1 }, admin));
    await someoneWaitsForALock();
    logging.release();
    await logging.done;
    const refused = await deleting;
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/takes part in 1 contact/);
    expect(await getDb().official.count({ where: { id: shoigu.id } })).toBe(1);
    expect(await getDb().contact.count()).toBe(1);
  });

  it('refuses a contact whose official is deleted while it is being logged, with a message and not a crash', async () => {
    const { austin, shoigu } = await demo();
    // The delete goes first and holds the official's row; the contact read the official before the delete committed.
    const deleting = await openTransaction((tx) => deleteOfficial(shoigu.slug, { version: 1, tx }, admin));
    const logging = caught(createContact(call('2022-05-13', [austin.slug, shoigu.slug]), admin));
    await someoneWaitsForALock();
    deleting.release();
    await deleting.done;
    const refused = await logging;
    expect(refused.code).toBe('INVALID');
    expect(refused.fields).toEqual({
      participants: [`No official “${shoigu.slug}”: add them first or check the spelling`],
    });
    expect(await getDb().official.count({ where: { id: shoigu.id } })).toBe(0);
    expect(await getDb().contact.count()).toBe(0);
  });

  it('is a conflict when an edit of the official commits during the delete', async () => {
    const { shoigu } = await demo();
    const editing = await openTransaction((tx) =>
      tx.official.update({ where: { id: shoigu.id }, data: { bio: 'Minister', version: { increment: 1 } } }),
    );
    const deleting = caught(deleteOfficial(shoigu.slug, { version: 1 }, admin));
    await someoneWaitsForALock();
    editing.release();
    await editing.done;
    const refused = await deleting;
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/your version 1, now 2/);
    expect(await getDb().official.findUnique({ where: { id: shoigu.id } })).toMatchObject({ bio: 'Minister' });
  });

  it('deletes one whose only contacts were deleted already', async () => {
    const { austin, shoigu } = await demo();
    const contact = await createContact(call('2022-05-13', [austin.slug, shoigu.slug]), admin);
    await getDb().contact.update({ where: { id: contact.id }, data: { deletedAt: new Date() } });
    await deleteOfficial(shoigu.slug, { version: 1 }, admin);
    expect(await getDb().official.count()).toBe(1);
    expect(await getDb().contact.count()).toBe(0);
  });
});
