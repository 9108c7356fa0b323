import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { ZContactInput } from '../validation/contact';
import type { Actor } from './actor';
import { ZChannelInput } from '../validation/channel';
import { createChannel } from './channel-edits';
import {
  deleteContact,
  findNearbyContacts,
  getContactSnapshot,
  REVERIFIED_FIELDS,
  setVerification,
  updateContact,
} from './contact-edits';
import { snapshotInput } from './contact-snapshot';
import { createContact } from './contacts';
import { updateOfficial } from './official-edits';

import { setupTestDatabase } from '../testing/database';
import {
  contactInput,
  makeAustinAndShoigu,
  makeOfficial,
  makeUser,
  MINDEF_POSITION,
  SECDEF_POSITION,
} from '../testing/factories';

setupTestDatabase();

const source = { url: 'https://www.defense.gov/News/Releases/' };

async function researcher(name: string): Promise<Actor> {
  return (await makeUser({ email: `${name}@example.org`, name, role: 'RESEARCHER' })).actor;
}

async function setup() {
  const ana = await researcher('ana');
  const ben = await researcher('ben');
  const { austin, shoigu } = await makeAustinAndShoigu({
    actor: ana,
    austin: { positions: [SECDEF_POSITION] },
    shoigu: { positions: [MINDEF_POSITION] },
  });
  const contact = await createContact(call('2022-05-13', [austin.slug, shoigu.slug]), ana);
  return { ana, ben, austin, shoigu, contact };
}

function call(date: string, participants: string[], extra: Record<string, unknown> = {}) {
  return contactInput({ date, participants, sources: [source], ...extra });
}

async function edit(id: string, change: Record<string, unknown>) {
  const current = (await getContactSnapshot(id))!;
  return ZContactInput.parse({ ...snapshotInput(current), ...change });
}

describe('editing a contact', () => {
  it('saves on the current version, bumps it and audits before and after', async () => {
    const { ben, contact } = await setup();
    const saved = await updateContact(contact.id, await edit(contact.id, { durationMinutes: 60 }), { version: 1 }, ben);
    expect(saved.version).toBe(2);
    expect(saved.changes).toEqual([{ field: 'durationMinutes', before: null, after: 60 }]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: contact.id, action: 'update' } });
    expect(audit).toMatchObject({ userId: ben.userId, via: 'ui' });
    expect(audit.before).toMatchObject({ version: 1, durationMinutes: null });
    expect(audit.after).toMatchObject({ version: 2, durationMinutes: 60 });
  });

  it('refuses a save based on an old version, saying who changed what, and keeps their change', async () => {
    const { ana, ben, contact } = await setup();
    const anaEdit = await edit(contact.id, { location: 'By phone' });
    const benEdit = await edit(contact.id, { durationMinutes: 60 });
    await updateContact(contact.id, anaEdit, { version: 1 }, ana);
    const attempt = updateContact(contact.id, benEdit, { version: 1 }, ben);
    await expect(attempt).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/changed by ana/),
      details: {
        current: { version: 2, location: 'By phone' },
        changes: [{ field: 'location', before: null, after: 'By phone' }],
        changedBy: 'ana',
      },
    });
    const stored = (await getContactSnapshot(contact.id))!;
    expect(stored).toMatchObject({ version: 2, location: 'By phone', durationMinutes: null });
  });

  it('makes a verified contact unverified when its date, participants or status change, not its summary', async () => {
    const { ben, ana, contact } = await setup();
    await setVerification(contact.id, 'VERIFIED', { version: 1 }, ben);
    const summary = await updateContact(
      contact.id,
      await edit(contact.id, { summary: 'About Ukraine.' }),
      { version: 2 },
      ana,
    );
    expect(summary).toMatchObject({ verification: 'VERIFIED', unverified: false });
    const moved = await updateContact(contact.id, await edit(contact.id, { date: '2022-05-12' }), { version: 3 }, ana);
    expect(moved).toMatchObject({ verification: 'UNVERIFIED', unverified: true });
    const row = await getDb().contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row.verifiedById).toBeNull();
  });

  it('moves each participant to the position held on the new date', async () => {
    const { ana, austin, shoigu, contact } = await setup();
    const input = await edit(contact.id, { date: '2020-06-01' });
    await updateContact(contact.id, input, { version: 1 }, ana);
    const rows = await getDb().participant.findMany({ where: { contactId: contact.id }, orderBy: { country: 'asc' } });
    // Austin took office in 2021: on 1 June 2020 he held no office.
    expect(rows.map((p) => [p.officialId, p.officeKey])).toEqual([
      [shoigu.id, 'RU:MINDEF'],
      [austin.id, null],
    ]);
  });
});

describe('what returns a verified contact to unverified', () => {
  const tass = { url: 'https://tass.ru/politika/14615263', publisher: 'TASS', side: 'Russian readout' };
  const pentagon = { url: source.url, publisher: 'US DoD', side: 'US readout', quote: 'Secretary Austin spoke' };

  /** A call verified by ben, as version 2, with a time, two sources and a claim to edit. */
  async function verifiedCall() {
    const made = await setup();
    const { austin, shoigu, ana, ben } = made;
    await createChannel(
      ZChannelInput.parse({ name: 'Defense hotline', countries: 'US, RU', establishedOn: '2022-03-01' }),
      ana,
    );
    const contact = await createContact(
      call('2022-05-13', [austin.slug, shoigu.slug], {
        time: '10:00',
        timeZone: 'America/New_York',
        sources: [pentagon, { ...tass, claims: { durationMinutes: 60 } }],
      }),
      ana,
    );
    await setVerification(contact.id, 'VERIFIED', { version: 1 }, ben);
    return { ...made, contact };
  }

  type Made = Awaited<ReturnType<typeof verifiedCall>>;
  const kirby = () => makeOfficial({ name: 'John Kirby', country: 'US' });

  const unverifying: [string, (made: Made) => Promise<Record<string, unknown>> | Record<string, unknown>][] = [
    ['the date', () => ({ date: '2022-05-12' })],
    [
      'the date precision',
      () => ({ datePrecision: 'MONTH', date: '2022-05-01', time: undefined, timeZone: undefined }),
    ],
    ['the time', () => ({ time: '11:00' })],
    ['the time zone', () => ({ timeZone: 'Europe/Moscow' })],
    ['the type', () => ({ type: 'VIDEO_CALL' })],
    ['the status', () => ({ status: 'REQUESTED' })],
    [
      'the participants',
      async ({ austin, shoigu }) => ({ participants: [austin.slug, shoigu.slug, (await kirby()).slug] }),
    ],
    ['the initiator', ({ shoigu }) => ({ initiator: shoigu.slug })],
    ['the duration', () => ({ durationMinutes: 60 })],
    ['the location', () => ({ location: 'Pentagon' })],
    ['the channel', () => ({ channel: 'defense-hotline' })],
    [
      'a source added',
      () => ({ sources: [pentagon, { ...tass, claims: { durationMinutes: 60 } }, { url: 'https://example.org/a' }] }),
    ],
    ['a source removed', () => ({ sources: [pentagon] })],
    [
      'a source’s address',
      () => ({
        sources: [pentagon, { ...tass, url: 'https://tass.com/politics/1450000', claims: { durationMinutes: 60 } }],
      }),
    ],
    [
      'a source’s quote',
      () => ({
        sources: [
          { ...pentagon, quote: 'Austin urged a ceasefire' },
          { ...tass, claims: { durationMinutes: 60 } },
        ],
      }),
    ],
    ['a source’s side', () => ({ sources: [pentagon, { ...tass, side: 'press', claims: { durationMinutes: 60 } }] })],
    ['a source’s claimed duration', () => ({ sources: [pentagon, { ...tass, claims: { durationMinutes: 45 } }] })],
    [
      'a source’s claimed date',
      () => ({ sources: [pentagon, { ...tass, claims: { durationMinutes: 60, date: '2022-05-12' } }] }),
    ],
    [
      'a source’s claimed initiator',
      ({ shoigu }) => ({ sources: [pentagon, { ...tass, claims: { durationMinutes: 60, initiator: shoigu.slug } }] }),
    ],
  ];

  it.each(unverifying)('unverifies: %s', async (_name, change) => {
    const made = await verifiedCall();
    const { ana, contact } = made;
    const saved = await updateContact(contact.id, await edit(contact.id, await change(made)), { version: 2 }, ana);
    expect(saved).toMatchObject({ verification: 'UNVERIFIED', unverified: true });
    const row = await getDb().contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row).toMatchObject({ verification: 'UNVERIFIED', verifiedById: null, verifiedAt: null });
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: contact.id, action: 'update' } });
    expect(audit.after).toMatchObject({ verification: 'UNVERIFIED' });
  });

  const keeping: [string, (made: Made) => Record<string, unknown>][] = [
    ['the summary', () => ({ summary: 'They discussed Ukraine.' })],
    ['the topics', () => ({ topics: ['ukraine', 'ceasefire'] })],
    ['saved with no change', () => ({})],
    [
      'the same sources in another order',
      () => ({ sources: [{ ...tass, claims: { durationMinutes: 60 } }, pentagon] }),
    ],
    ['participants named by id instead of slug', ({ austin, shoigu }) => ({ participants: [shoigu.id, austin.id] })],
  ];

  it.each(keeping)('stays verified: %s', async (_name, change) => {
    const made = await verifiedCall();
    const { ana, ben, contact } = made;
    const saved = await updateContact(contact.id, await edit(contact.id, change(made)), { version: 2 }, ana);
    expect(saved).toMatchObject({ verification: 'VERIFIED', unverified: false });
    const row = await getDb().contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row).toMatchObject({ verification: 'VERIFIED', verifiedById: ben.userId });
  });

  it('covers every field of a contact but its summary and topics', async () => {
    const { contact } = await verifiedCall();
    const snapshot = (await getContactSnapshot(contact.id))!;
    // Bookkeeping, not something a person states about the contact.
    const notStated = ['id', 'version', 'verification', 'resolvedById', 'deletedAt'];
    const exempt = ['summary', 'topics'];
    const stated = Object.keys(snapshot).filter((key) => !notStated.includes(key) && !exempt.includes(key));
    expect([...REVERIFIED_FIELDS].sort()).toEqual(stated.sort());
  });
});

describe('verifying a contact', () => {
  it('needs a second researcher: the one who logged it cannot', async () => {
    const { ana, ben, contact } = await setup();
    await expect(setVerification(contact.id, 'VERIFIED', { version: 1 }, ana)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const verified = await setVerification(contact.id, 'VERIFIED', { version: 1 }, ben);
    expect(verified).toEqual({ id: contact.id, version: 2, verification: 'VERIFIED' });
    const row = await getDb().contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(row.verifiedById).toBe(ben.userId);
  });

  it('can mark a contact disputed, and checks the version', async () => {
    const { ana, ben, contact } = await setup();
    await expect(setVerification(contact.id, 'DISPUTED', { version: 7 }, ben)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await setVerification(contact.id, 'DISPUTED', { version: 1 }, ana)).verification).toBe('DISPUTED');
  });
});

describe('deleting a contact', () => {
  it('keeps the row marked deleted, audits it whole, and hides it', async () => {
    const { ana, contact } = await setup();
    await deleteContact(contact.id, { version: 1 }, ana);
    expect(await getContactSnapshot(contact.id)).toBeNull();
    expect(await getDb().contact.count()).toBe(1);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityId: contact.id, action: 'delete' } });
    expect(audit.before).toMatchObject({ date: '2022-05-13', sources: [{ url: source.url }], deletedAt: null });
    await expect(deleteContact(contact.id, { version: 2 }, ana)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to delete a version someone changed since, and deletes nothing', async () => {
    const { ana, ben, contact } = await setup();
    await updateContact(contact.id, await edit(contact.id, { location: 'Pentagon' }), { version: 1 }, ben);
    await expect(deleteContact(contact.id, { version: 1 }, ana)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { current: { version: 2 }, changes: [{ field: 'location', before: null, after: 'Pentagon' }] },
    });
    expect(await getContactSnapshot(contact.id)).toMatchObject({ version: 2, deletedAt: null });
    expect(await getDb().auditLog.count({ where: { entityId: contact.id, action: 'delete' } })).toBe(0);
  });

  it('reopens the expected contact it had fulfilled', async () => {
    const { ana, austin, shoigu } = await setup();
    const expected = await createContact(call('2022-06-20', [austin.slug, shoigu.slug], { status: 'SCHEDULED' }), ana);
    const held = await createContact(call('2022-06-02', [austin.slug, shoigu.slug]), ana);
    expect(held.resolvedExpected).toEqual([expected.id]);
    await deleteContact(held.id, { version: held.version }, ana);
    const row = await getDb().contact.findUniqueOrThrow({ where: { id: expected.id } });
    expect(row.resolvedById).toBeNull();
  });
});

describe('possible duplicates', () => {
  it('finds contacts of the same officials within a day, either side, and nothing further', async () => {
    const { austin, shoigu, contact } = await setup();
    for (const date of ['2022-05-12', '2022-05-13', '2022-05-14']) {
      const nearby = await findNearbyContacts({ participants: [shoigu.slug, austin.id], date });
      expect(nearby.map((c) => c.id)).toEqual([contact.id]);
    }
    expect(await findNearbyContacts({ participants: [austin.slug, shoigu.slug], date: '2022-05-15' })).toEqual([]);
    expect(
      await findNearbyContacts({ participants: [austin.slug, shoigu.slug], date: '2022-05-13', excludeId: contact.id }),
    ).toEqual([]);
    // The first and last days a date may have: the day beyond is not asked of the database.
    for (const date of ['0001-01-01', '9999-12-31']) {
      expect(await findNearbyContacts({ participants: [austin.slug, shoigu.slug], date })).toEqual([]);
    }
  });
});

describe('editing an official', () => {
  it('re-resolves the office on existing contacts when a tenure changes', async () => {
    const { ana, shoigu, austin } = await setup();
    const early = await createContact(call('2024-06-01', [austin.slug, shoigu.slug]), ana);
    const officeOf = async (contactId: string) =>
      (await getDb().participant.findFirstOrThrow({ where: { contactId, officialId: shoigu.id } })).officeKey;
    expect(await officeOf(early.id)).toBe('RU:MINDEF');
    await updateOfficial(
      shoigu.slug,
      {
        positions: [
          { title: 'Minister of Defence', officeKey: 'RU:MINDEF', startDate: '2012-11-06', endDate: '2024-05-12' },
        ],
      },
      { version: 1 },
      ana,
    );
    expect(await officeOf(early.id)).toBeNull();
  });

  it('refuses a stale version and changes nothing', async () => {
    const { ana, shoigu } = await setup();
    await expect(updateOfficial(shoigu.slug, { bio: 'x' }, { version: 5 }, ana)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await getDb().official.findUniqueOrThrow({ where: { id: shoigu.id } })).bio).toBeNull();
  });
});
