import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed/demo';
import { getDb } from '../db';
import { AppError } from '../errors';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZContactFilters } from '../validation/filters';
import type { Actor } from './actor';
import { deleteContact } from './contact-edits';
import { createContact, listContacts, textSearchWhere } from './contacts';
import { makeAustinAndShoigu, makeOfficial, MINDEF_POSITION, SECDEF_POSITION } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };
const source = { url: 'https://www.defense.gov/News/Releases/' };

async function twoOfficials() {
  return makeAustinAndShoigu({
    austin: { positions: [{ ...SECDEF_POSITION, endDate: '2025-01-20' }] },
    shoigu: { otherNames: ['Шойгу', 'Sergey Shoygu'], positions: [{ ...MINDEF_POSITION, endDate: '2024-05-12' }] },
  });
}

function call(date: string, participants: string[], extra: Record<string, unknown> = {}) {
  return ZContactInput.parse({ date, type: 'CALL', status: 'HELD', participants, sources: [source], ...extra });
}

describe('logging a contact', () => {
  it('says which silence a held contact ended', async () => {
    const { austin, shoigu } = await twoOfficials();
    const first = await createContact(call('2022-02-18', [austin.slug, shoigu.slug]), actor);
    expect(first.endedSilence).toBeNull();
    const second = await createContact(call('2022-05-13', [austin.id, shoigu.slug]), actor);
    expect(second.endedSilence).toMatchObject({
      days: 84,
      since: '2022-02-18',
      between: [{ name: 'Lloyd Austin' }, { name: 'Sergei Shoigu' }],
    });
  });

  it('records each participant’s position on that date and the country', async () => {
    const { austin, shoigu } = await twoOfficials();
    const { id } = await createContact(call('2024-06-01', [austin.slug, shoigu.slug]), actor);
    const participants = await getDb().participant.findMany({ where: { contactId: id }, orderBy: { country: 'asc' } });
    // Shoigu had left the ministry on 12 May 2024: no office on 1 June.
    expect(participants.map((p) => [p.country, p.officeKey])).toEqual([
      ['RU', null],
      ['US', 'US:SECDEF'],
    ]);
  });

  it('stores the instant of a local time but counts the date the source gives', async () => {
    const { austin, shoigu } = await twoOfficials();
    const { id, date } = await createContact(
      call('2022-05-12', [austin.slug, shoigu.slug], { time: '23:30', timeZone: 'America/New_York' }),
      actor,
    );
    expect(date).toBe('2022-05-12');
    const stored = await getDb().contact.findUniqueOrThrow({ where: { id } });
    expect(stored.occurredAt?.toISOString()).toBe('2022-05-13T03:30:00.000Z');
    expect(stored.timeZone).toBe('America/New_York');
  });

  it('refuses participants from a single country, naming the field', async () => {
    const { austin } = await twoOfficials();
    const milley = await makeOfficial({ name: 'Mark Milley', country: 'US' }, actor);
    const attempt = createContact(call('2022-02-11', [austin.slug, milley.slug]), actor);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID',
      fields: { participants: [expect.stringMatching(/another country/)] },
    });
    expect(await getDb().contact.count()).toBe(0);
  });

  it('refuses an unknown participant and writes nothing', async () => {
    const { austin } = await twoOfficials();
    await expect(createContact(call('2022-02-11', [austin.slug, 'nobody']), actor)).rejects.toMatchObject({
      fields: { participants: [expect.stringMatching(/nobody/)] },
    });
    expect(await getDb().contact.count()).toBe(0);
    expect(await getDb().auditLog.count({ where: { entityType: 'contact' } })).toBe(0);
  });

  it('writes an audit row in the same transaction', async () => {
    const { austin, shoigu } = await twoOfficials();
    const { id } = await createContact(call('2022-02-18', [austin.slug, shoigu.slug]), actor);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { entityType: 'contact', entityId: id } });
    expect(audit).toMatchObject({ action: 'create', via: 'cli' });
    expect(audit.after).toMatchObject({ date: '2022-02-18', status: 'HELD' });
  });

  it('keeps a month-precision contact on the first day of its month', async () => {
    const { austin, shoigu } = await twoOfficials();
    const { date } = await createContact(
      call('2022-03-17', [austin.slug, shoigu.slug], { datePrecision: 'MONTH' }),
      actor,
    );
    expect(date).toBe('2022-03-01');
  });
});

describe('listing contacts', () => {
  it('filters by official, by id, slug, or the slug of a duplicate merged into them', async () => {
    const { austin, shoigu } = await twoOfficials();
    await createContact(call('2022-02-18', [austin.slug, shoigu.slug]), actor);
    const duplicate = await makeOfficial({ name: 'Sergey Shoygu', country: 'RU' }, actor);
    await getDb().official.update({ where: { id: duplicate.id }, data: { mergedIntoId: shoigu.id } });
    for (const official of [shoigu.id, shoigu.slug, duplicate.slug]) {
      const { items, total } = await listContacts(ZContactFilters.parse({ official }));
      expect(total).toBe(1);
      expect(items[0].date).toBe('2022-02-18');
    }
    expect((await listContacts(ZContactFilters.parse({ official: 'nobody' }))).total).toBe(0);
  });
});

describe('the database itself', () => {
  it('rejects a tenure that ends before it starts, even past the application', async () => {
    const { austin } = await twoOfficials();
    await expect(
      getDb().position.create({
        data: {
          officialId: austin.id,
          officeKey: 'US:SECDEF',
          title: 'Secretary of Defense',
          startDate: new Date('2021-01-22'),
          endDate: new Date('2020-01-01'),
        },
      }),
    ).rejects.toThrow(/check/i);
  });

  it('rejects a negative duration', async () => {
    await expect(
      getDb().contact.create({
        data: { date: new Date('2022-01-01'), type: 'CALL', status: 'HELD', durationMinutes: -5 },
      }),
    ).rejects.toThrow(/check/i);
  });
});

describe('the demo data', () => {
  it('loads once and changes nothing when loaded again', async () => {
    const first = await seedDemo();
    expect(first).toEqual({ officials: 5, contacts: 7, other: 2 });
    const counts = async () => ({
      officials: await getDb().official.count(),
      contacts: await getDb().contact.count(),
      sources: await getDb().source.count(),
      audit: await getDb().auditLog.count(),
    });
    const before = await counts();
    expect(await seedDemo()).toEqual({ officials: 0, contacts: 0, other: 0 });
    expect(await counts()).toEqual(before);
  });

  it('gives every contact at least one source with a quote', async () => {
    await seedDemo();
    const contacts = await getDb().contact.findMany({ select: { sources: { select: { url: true, quote: true } } } });
    for (const contact of contacts) {
      expect(contact.sources.length).toBeGreaterThan(0);
      for (const s of contact.sources) {
        expect(s.url).toMatch(/^https?:\/\//);
        expect(s.quote?.length).toBeGreaterThan(20);
      }
    }
  });
});

describe('listContacts with a count limit', () => {
  it('counts only so far, and says when there are more, with the same first page', async () => {
    await seedDemo();
    const filters = ZContactFilters.parse({ pageSize: 2 });
    const exact = await listContacts(filters);
    expect(exact.total).toBeGreaterThan(2);
    expect(exact.totalIsLowerBound).toBe(false);

    const capped = await listContacts(filters, { countUpTo: exact.total - 1 });
    expect(capped).toMatchObject({ total: exact.total - 1, totalIsLowerBound: true });
    expect(capped.items.map((c) => c.id)).toEqual(exact.items.map((c) => c.id));

    expect(await listContacts(filters, { countUpTo: exact.total })).toMatchObject({
      total: exact.total,
      totalIsLowerBound: false,
    });
  });
});

describe('text search', () => {
  async function found(text: string, idLimit?: number) {
    const rows = await getDb().contact.findMany({
      where: (await textSearchWhere(text, idLimit)).where,
      select: { summary: true },
    });
    return rows.map((r) => r.summary).sort();
  }

  it('finds the summary in any case, a topic, and any spelling of a participant, read by ids or by the OR alike', async () => {
    const { austin, shoigu } = await twoOfficials();
    const other = await makeOfficial({ name: 'Li Shangfu', country: 'CN' }, actor);
    await createContact(call('2022-02-18', [austin.slug, shoigu.slug], { summary: 'Ukraine: 100% agreed' }), actor);
    await createContact(
      call('2022-05-13', [austin.slug, other.slug], { summary: 'Taiwan', topics: ['arms control'] }),
      actor,
    );
    await createContact(call('2022-06-10', [austin.slug, other.slug], { summary: 'Shangri-La dialogue' }), actor);

    for (const limit of [undefined, 0]) {
      expect(await found('UKRAINE', limit)).toEqual(['Ukraine: 100% agreed']);
      expect(await found('Arms Control', limit)).toEqual(['Taiwan']);
      expect(await found('Шойгу', limit)).toEqual(['Ukraine: 100% agreed']);
      expect(await found('shoygu', limit)).toEqual(['Ukraine: 100% agreed']);
      expect(await found('Shang', limit)).toEqual(['Shangri-La dialogue', 'Taiwan']);
      // LIKE's wildcards are the text itself, not patterns.
      expect(await found('100%', limit)).toEqual(['Ukraine: 100% agreed']);
      expect(await found('1_0', limit)).toEqual([]);
      expect(await found('nothing like it', limit)).toEqual([]);
    }
  });

  it('knows a text matching more live contacts than its limit, counting each once and none deleted', async () => {
    const { austin, shoigu } = await twoOfficials();
    // Matched by the summary and by a participant's name alike: one contact.
    await createContact(call('2022-02-18', [austin.slug, shoigu.slug], { summary: 'Shoigu called' }), actor);
    expect((await textSearchWhere('shoigu', 1)).atLeast).toBe(0);
    const second = await createContact(call('2022-05-13', [austin.slug, shoigu.slug]), actor);
    expect((await textSearchWhere('shoigu', 1)).atLeast).toBe(2);
    await deleteContact(second.id, { version: second.version }, actor);
    expect((await textSearchWhere('shoigu', 1)).atLeast).toBe(0);
  });
});
