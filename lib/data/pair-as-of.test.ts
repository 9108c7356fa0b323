/**
 * A pair page as of a past day (`?asOf=`): contacts logged (created) after that day, and contacts
 * dated after it, are left out; the silence counts to that day; the timeline, facts and data
 * version follow. Expected figures come from the same dates the test writes, never from today.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { daysBetween, todayUtc } from '../gaps/dates';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import type { Actor } from './actor';
import { deleteContact, getContactSnapshot, updateContact } from './contact-edits';
import { snapshotInput } from './contact-snapshot';
import { createContact } from './contacts';
import { getPairPage, getPairTimeline } from './pair-page';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };
const AS_OF = '2022-05-01';

function call(date: string, participants: string[], status = 'HELD') {
  return ZContactInput.parse({
    date,
    type: 'CALL',
    status,
    participants,
    sources: [{ url: `https://example.org/${date}` }],
  });
}

/** A contact dated `date` and logged (created) at `loggedAt`. */
async function logged(date: string, loggedAt: string, participants: string[], status = 'HELD') {
  const { id } = await createContact(call(date, participants, status), actor);
  await getDb().contact.update({ where: { id }, data: { createdAt: new Date(loggedAt) } });
  return id;
}

async function setup() {
  const make = (name: string, country: string, office: string) =>
    makeOfficial(
      {
        name,
        country,
        positions: [{ title: office, officeKey: office, startDate: '2010-01-01' }],
      },
      actor,
    );
  const a = await make('Ada Asof', 'US', 'US:SECDEF');
  const b = await make('Boris Before', 'RU', 'RU:MINDEF');
  const sides = [a.slug, b.slug];
  const ids = {
    first: await logged('2022-01-10', '2022-01-11T09:00:00Z', sides),
    // Dated before the day, but logged after it: a permalink of the day must not show it.
    lateLogged: await logged('2022-03-01', '2022-06-01T09:00:00Z', sides),
    // Logged in the last second of the day (UTC): still shown.
    second: await logged('2022-04-01', '2022-05-01T23:59:59Z', sides),
    refused: await logged('2022-04-20', '2022-04-20T12:00:00Z', sides, 'REFUSED'),
    // Dated after the day.
    after: await logged('2022-06-10', '2022-06-10T12:00:00Z', sides),
  };
  return { a, b, ids };
}

describe('a pair page as of a past day', () => {
  it('leaves out contacts logged or dated after the day and counts the silence to it', async () => {
    const { a, b, ids } = await setup();
    const today = (await getPairPage('OFFICIAL', a.slug, b.slug))!;
    const past = (await getPairPage('OFFICIAL', a.slug, b.slug, AS_OF))!;

    // Today: four held contacts, the silence running from the last.
    expect(today.series.heldCount).toBe(4);
    expect(today.facts.contactCount).toBe(5);
    expect(today.series.lastContact?.id).toBe(ids.after);

    expect(past.asOf).toBe(AS_OF);
    expect(past.today).toBe(AS_OF);
    expect(past.series.heldCount).toBe(2);
    expect(past.facts).toMatchObject({ contactCount: 3, gapCount: 1, markerCount: 1 });
    expect(past.series.gaps.map((gap) => [gap.fromContactId, gap.toContactId, gap.days])).toEqual([
      [ids.first, ids.second, daysBetween('2022-01-10', '2022-04-01')],
    ]);
    expect(past.series.currentSilence).toMatchObject({
      since: '2022-04-01',
      days: daysBetween('2022-04-01', AS_OF),
    });
    expect(past.series.currentSilence!.markers.map((m) => m.contactId)).toEqual([ids.refused]);

    const timeline = await getPairTimeline(past.pair, null, 150, AS_OF);
    expect(timeline.total).toBe(3);
    expect(timeline.items.map((c) => c.id)).toEqual([ids.first, ids.second, ids.refused]);
    expect(timeline.items.map((c) => c.id)).not.toContain(ids.lateLogged);
  });

  it('gives a data version that names the record as of the day, stable until a contact it shows changes', async () => {
    const { a, b, ids } = await setup();
    const version = async (asOf: string | null) => (await getPairPage('OFFICIAL', a.slug, b.slug, asOf))!.dataVersion;
    const past = await version(AS_OF);
    expect(past).toMatch(/^[0-9a-f]{12}$/);
    expect(await version(AS_OF)).toBe(past);
    // Today's page cites the record as of today, which holds more contacts.
    const now = await version(null);
    expect(now).not.toBe(past);
    expect(await version(todayUtc())).toBe(now);

    // A contact logged later changes today's version, not the past one.
    await logged('2022-02-01', new Date().toISOString(), [a.slug, b.slug]);
    expect(await version(AS_OF)).toBe(past);
    expect(await version(null)).not.toBe(now);

    // An edit that changes no figure (a summary) keeps the version.
    const plain = (await getContactSnapshot(ids.first))!;
    await updateContact(
      ids.first,
      ZContactInput.parse({ ...snapshotInput(plain), summary: 'A readout, worded again.' }),
      { version: plain.version },
      actor,
    );
    expect(await version(AS_OF)).toBe(past);

    // An edit of a contact the past page shows changes its version (the page shows the corrected record).
    const current = (await getContactSnapshot(ids.first))!;
    await updateContact(
      ids.first,
      ZContactInput.parse({ ...snapshotInput(current), date: '2022-01-12' }),
      { version: current.version },
      actor,
    );
    const edited = await version(AS_OF);
    expect(edited).not.toBe(past);
    const page = (await getPairPage('OFFICIAL', a.slug, b.slug, AS_OF))!;
    expect(page.series.gaps[0].days).toBe(daysBetween('2022-01-12', '2022-04-01'));

    // A deleted contact is left out of every view, past ones too (a deletion corrects the record).
    const second = (await getContactSnapshot(ids.second))!;
    await deleteContact(ids.second, { version: second.version }, actor);
    const afterDelete = (await getPairPage('OFFICIAL', a.slug, b.slug, AS_OF))!;
    expect(afterDelete.dataVersion).not.toBe(edited);
    expect(afterDelete.series.heldCount).toBe(1);
    expect(afterDelete.series.currentSilence).toMatchObject({
      since: '2022-01-12',
      days: daysBetween('2022-01-12', AS_OF),
    });
  });
});
