import 'server-only';
import { addDays } from 'date-fns';
import { getDb } from '../db';
import { AppError } from '../errors';
import { daysBetween, localTimeToInstant, parseIsoDate, toIsoDate } from '../gaps/dates';
import type { Prisma } from '../generated/prisma/client';
import { makePairKey } from '../gaps/engine';
import type { PairKey } from '../gaps/types';
import type { ContactInput } from '../validation/contact';
import type { ContactFilters } from '../validation/filters';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { syncContactStats } from '../stats/maintain';
import { CONTACT_FIELDS, contactSnapshot, SOURCE_FIELDS } from './contact-snapshot';
import { dbDate, isoFromDb } from './dates';
import { positionsOn, resolveOfficialRefs } from './officials';
import { matchingOfficialIds } from './official-search';

type Tx = Prisma.TransactionClient;

/** How long after its expected date a held contact still fulfils an expected one. */
const EXPECTED_CONTACT_GRACE_DAYS = 30;

/** A silence that a newly logged held contact ended, between two of its participants. */
export type EndedSilence = {
  days: number;
  since: string;
  sinceContactId: string;
  between: [{ id: string; slug: string; name: string }, { id: string; slug: string; name: string }];
};

export type Participant = { id: string; slug: string; name: string; country: string };

/**
 * The longest silence the contact ended among its cross-country pairs of officials: each pair's latest
 * other held contact on or before its date, one index lookup in `pair_contact` (which this transaction
 * has not yet re-synced, so the contact's own old row, if any, is skipped by id).
 */
async function findEndedSilences(
  tx: Tx,
  contact: { id: string; date: string },
  participants: Participant[],
): Promise<EndedSilence[]> {
  const ended: EndedSilence[] = [];
  for (const [i, a] of participants.entries()) {
    for (const b of participants.slice(i + 1)) {
      if (a.country === b.country) continue;
      const { a: x, b: y } = makePairKey('OFFICIAL', a.id, b.id);
      const [previous] = await tx.$queryRaw<{ id: string; date: string }[]>`
        SELECT contact_id AS id, to_char(date, 'YYYY-MM-DD') AS date FROM pair_contact
        WHERE level = 'OFFICIAL' AND a = ${x} AND b = ${y} AND status = 'HELD'
          AND date <= ${contact.date}::date AND contact_id <> ${contact.id}
        ORDER BY date DESC, contact_id DESC LIMIT 1`;
      if (previous === undefined) continue;
      const since = previous.date;
      ended.push({
        days: daysBetween(since, contact.date),
        since,
        sinceContactId: previous.id,
        between: [
          { id: a.id, slug: a.slug, name: a.name },
          { id: b.id, slug: b.slug, name: b.name },
        ],
      });
    }
  }
  return ended.sort((x, y) => y.days - x.days);
}

/**
 * A held contact fulfils the open expected contacts of the same officials dated
 * up to a month after it: "a call is expected" is answered by the call.
 */
async function resolveExpectedContacts(
  tx: Tx,
  actor: Actor,
  contact: { id: string; date: string },
  officialIds: string[],
) {
  // The open expected contacts that share a cross-country pair of officials with this one: the pairs'
  // expected rows in `pair_contact` (one index range each), still open on the contact itself.
  const pairs = officialIds.flatMap((a, i) => officialIds.slice(i + 1).map((b) => makePairKey('OFFICIAL', a, b)));
  const latest = toIsoDate(addDays(parseIsoDate(contact.date), EXPECTED_CONTACT_GRACE_DAYS));
  const matching = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT c.id, c.date FROM unnest(${pairs.map((p) => p.a)}::text[], ${pairs.map((p) => p.b)}::text[]) AS p(a, b)
    JOIN pair_contact pc ON pc.level = 'OFFICIAL' AND pc.a = p.a AND pc.b = p.b AND pc.status = 'SCHEDULED'
      AND pc.date <= ${latest}::date AND pc.contact_id <> ${contact.id}
    JOIN contact c ON c.id = pc.contact_id AND c.status = 'SCHEDULED' AND c.resolved_by_id IS NULL AND c.deleted_at IS NULL
    ORDER BY c.date, c.id`;
  for (const { id } of matching) {
    const before = await contactSnapshot(tx, id);
    await tx.contact.update({ where: { id }, data: { resolvedById: contact.id, version: { increment: 1 } } });
    await writeAudit(tx, actor, {
      action: 'resolve',
      entityType: 'contact',
      entityId: id,
      before,
      after: await contactSnapshot(tx, id),
    });
  }
  return matching.map((e) => e.id);
}

/**
 * Checks a contact's input against the database and works out what to store:
 * its officials (two or more, from two or more countries), the position each
 * held that day, its channel and the instant of its local time.
 */
export async function prepareContact(tx: Tx, input: ContactInput, keptUnnamed: string[] = []) {
  const unnamedCountries = [...(input.unnamedCountries ?? keptUnnamed)].sort();
  const refs = [
    ...input.participants,
    ...(input.initiator ? [input.initiator] : []),
    ...input.sources.flatMap((s) => (s.claims?.initiator ? [s.claims.initiator] : [])),
  ];
  const officials = await resolveOfficialRefs(tx, refs);
  // Held (in id order, as a merge takes them) until the contact commits: a delete or merge of one
  // of them waits for it. One deleted since it was read above is gone now, and missing below.
  const ids = [...new Set([...officials.values()].map((o) => o.id))].sort();
  const held = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM official WHERE id = ANY(${ids}::text[]) ORDER BY id FOR KEY SHARE`;
  const present = new Set(held.map((row) => row.id));
  for (const [ref, official] of officials) if (!present.has(official.id)) officials.delete(ref);
  const missing = input.participants.filter((ref) => !officials.has(ref));
  if (missing.length > 0) {
    throw new AppError('INVALID', 'Some participants are not in Counterpart', {
      participants: missing.map((ref) => `No official “${ref}”: add them first or check the spelling`),
    });
  }
  const participants = [
    ...new Map(input.participants.map((ref) => [officials.get(ref)!.id, officials.get(ref)!])).values(),
  ];
  if (participants.length + unnamedCountries.length < 2) {
    throw new AppError('INVALID', 'A contact needs two different officials', {
      participants: [
        new Set(input.participants).size < input.participants.length || input.participants.length >= 2
          ? 'These all name the same official'
          : 'A contact needs at least two participants',
      ],
    });
  }
  const named = unnamedCountries.find((country) => participants.some((p) => p.country === country));
  if (named !== undefined) {
    throw new AppError('INVALID', 'A country is both named and unnamed', {
      unnamedCountries: [`Officials of ${named} are named among the participants: leave ${named} out here`],
    });
  }
  if (new Set([...participants.map((p) => p.country), ...unnamedCountries]).size < 2) {
    throw new AppError('INVALID', 'Participants must come from at least two countries', {
      participants: ['Add an official of another country: Counterpart tracks contacts between countries'],
    });
  }
  const unknownClaimant = input.sources.findIndex((s) => s.claims?.initiator && !officials.has(s.claims.initiator));
  if (unknownClaimant !== -1) {
    throw new AppError('INVALID', 'A source names an unknown initiator', {
      [`sources.${unknownClaimant}.claims.initiator`]: ['No such official'],
    });
  }
  const channel = input.channel
    ? await tx.channel.findFirst({
        where: { OR: [{ id: input.channel }, { slug: input.channel }] },
        select: { id: true },
      })
    : null;
  if (input.channel && channel === null) {
    throw new AppError('INVALID', 'Unknown channel', { channel: [`No channel “${input.channel}”`] });
  }
  const positions = await positionsOn(
    tx,
    participants.map((p) => p.id),
    input.date,
  );
  const participantRows = participants.map((p) => ({
    officialId: p.id,
    country: p.country,
    positionId: positions.get(p.id)?.id ?? null,
    officeKey: positions.get(p.id)?.officeKey ?? null,
  }));
  const sourceRows = input.sources.map((s) => ({
    url: s.url,
    publisher: s.publisher ?? null,
    title: s.title ?? null,
    publishedAt: s.publishedAt ? dbDate(s.publishedAt) : null,
    side: s.side ?? null,
    quote: s.quote ?? null,
    archiveUrl: s.archiveUrl ?? null,
    claimedDate: s.claims?.date ? dbDate(s.claims.date) : null,
    claimedInitiatorId: s.claims?.initiator ? officials.get(s.claims.initiator)!.id : null,
    claimedDurationMinutes: s.claims?.durationMinutes ?? null,
  }));
  const fields = {
    date: dbDate(input.date),
    datePrecision: input.datePrecision,
    time: input.time ?? null,
    timeZone: input.time ? (input.timeZone ?? 'UTC') : null,
    occurredAt: input.time ? localTimeToInstant(input.date, input.time, input.timeZone ?? 'UTC') : null,
    type: input.type,
    status: input.status,
    initiatorId: input.initiator ? officials.get(input.initiator)!.id : null,
    durationMinutes: input.durationMinutes ?? null,
    location: input.location ?? null,
    summary: input.summary ?? null,
    topics: [...new Set(input.topics)],
    channelId: channel?.id ?? null,
    unnamedCountries,
  };
  return { participants, participantRows, sourceRows, fields };
}

/**
 * What a held contact changes beyond itself: the silences it ended (longest
 * first) and the expected contacts it fulfils.
 */
export async function settleHeldContact(
  tx: Tx,
  actor: Actor,
  contact: { id: string; date: string },
  participants: Participant[],
) {
  const endedSilences = await findEndedSilences(tx, contact, participants);
  const resolvedExpected = await resolveExpectedContacts(
    tx,
    actor,
    contact,
    participants.map((p) => p.id),
  );
  return { endedSilences, resolvedExpected };
}

/**
 * Logs a contact with its participants (each with the position held that day)
 * and sources, in one transaction with its audit row. For a held contact it
 * returns the silences it ended and resolves the expected contacts it fulfils.
 */
export async function createContact(input: ContactInput, actor: Actor, options: { importKey?: string; tx?: Tx } = {}) {
  const run = async (tx: Tx) => {
    const prepared = await prepareContact(tx, input);
    const contact = await tx.contact.create({
      data: {
        ...prepared.fields,
        importKey: options.importKey,
        createdById: actor.userId,
        updatedById: actor.userId,
        participants: { create: prepared.participantRows },
        sources: { create: prepared.sourceRows },
      },
      select: { id: true, version: true, date: true },
    });
    const settled =
      input.status === 'HELD'
        ? await settleHeldContact(tx, actor, { id: contact.id, date: input.date }, prepared.participants)
        : { endedSilences: [], resolvedExpected: [] };
    await writeAudit(
      tx,
      actor,
      {
        action: 'create',
        entityType: 'contact',
        entityId: contact.id,
        after: await contactSnapshot(tx, contact.id),
      },
      { publish: false },
    );
    await syncContactStats(tx, [contact.id], { searchBefore: [] });
    return {
      id: contact.id,
      version: contact.version,
      date: toIsoDate(contact.date),
      endedSilence: settled.endedSilences[0] ?? null,
      ...settled,
    };
  };
  return options.tx ? run(options.tx) : getDb().$transaction(run);
}

/** What every contact list shows of a contact: who, when, what, and where it is reported. */
export const CONTACT_ROW_SELECT = {
  ...CONTACT_FIELDS,
  importKey: true,
  initiator: { select: { slug: true, name: true } },
  channel: { select: { slug: true, name: true } },
  participants: {
    orderBy: { country: 'desc' },
    select: {
      country: true,
      officeKey: true,
      official: { select: { id: true, slug: true, name: true, country: true } },
      position: { select: { title: true } },
    },
  },
  sources: {
    orderBy: { createdAt: 'asc' },
    select: { ...SOURCE_FIELDS, claimedInitiator: { select: { slug: true, name: true } } },
  },
} satisfies Prisma.ContactSelect;

type ContactRowRecord = Prisma.ContactGetPayload<{ select: typeof CONTACT_ROW_SELECT }>;

export function toContactRow(c: ContactRowRecord) {
  return {
    ...c,
    date: isoFromDb(c.date),
    participants: c.participants.map((p) => ({
      ...p.official,
      officeKey: p.officeKey,
      positionTitle: p.position?.title ?? null,
    })),
    sources: c.sources.map((s) => ({
      ...s,
      publishedAt: s.publishedAt ? isoFromDb(s.publishedAt) : null,
      claimedDate: s.claimedDate ? isoFromDb(s.claimedDate) : null,
    })),
  };
}

/** A contact as lists, timelines, the API and exports show it. */
export type ContactRow = ReturnType<typeof toContactRow>;

/** The most recently dated contacts. */
export async function listLatestContacts(limit = 6): Promise<ContactRow[]> {
  const contacts = await getDb().contact.findMany({
    where: { deletedAt: null },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
    take: limit,
    select: CONTACT_ROW_SELECT,
  });
  return contacts.map(toContactRow);
}

/**
 * The ids a contact filter's official stands for: the official named (by id or slug) and the one it was
 * merged into, whose contacts carry it now. Read before the contacts, so that the filter on participants is
 * a list of ids PostgreSQL finds by index; phrased as a join through officials it scanned every contact.
 */
export async function officialFilterIds(ref: string): Promise<string[]> {
  const found = await getDb().official.findMany({
    where: { OR: [{ id: ref }, { slug: ref }] },
    select: { id: true, mergedIntoId: true },
  });
  return [...new Set(found.flatMap((o) => (o.mergedIntoId === null ? [o.id] : [o.id, o.mergedIntoId])))];
}

/**
 * Past this many matches a text search is "broad": its contacts are found by walking the date index, where
 * matches are dense enough for a page to fill quickly. Below it their ids are read first (see below).
 */
export const TEXT_SEARCH_ID_LIMIT = 5_000;

/**
 * The condition of a text search: the summary contains the text (any case), a topic is the text, or a
 * participant's name or another spelling of it contains it. Read as one OR over a million contacts, a rare
 * text made PostgreSQL walk every contact by date (15 s and a timeout); so the officials it names are read
 * first, then each branch by its own index (the summary's trigram index, the topics' GIN index, the
 * participants' official index), each stopping at TEXT_SEARCH_ID_LIMIT + 1 live contacts. A narrower search
 * is then those ids; a broader one is the OR, whose first page the date walk finds at once, and it is known
 * to match more than TEXT_SEARCH_ID_LIMIT live contacts (`atLeast`) without counting them.
 */
export async function textSearchWhere(
  text: string,
  idLimit = TEXT_SEARCH_ID_LIMIT,
): Promise<{ where: Prisma.ContactWhereInput; atLeast: number }> {
  // Participants by any spelling of their names, as the officials' search finds them.
  const officialIds = await matchingOfficialIds(text);
  const pattern = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  const topic = text.toLowerCase();
  // Each branch stops at the limit: a UNION of the three would read every match of a common name first.
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    SELECT DISTINCT id FROM (
      (SELECT id FROM contact WHERE summary ILIKE ${pattern} AND deleted_at IS NULL LIMIT ${idLimit + 1})
      UNION ALL
      (SELECT id FROM contact WHERE topics @> ARRAY[${topic}]::text[] AND deleted_at IS NULL LIMIT ${idLimit + 1})
      UNION ALL
      (SELECT p.contact_id FROM participant p JOIN contact c ON c.id = p.contact_id AND c.deleted_at IS NULL
        WHERE p.official_id = ANY(${officialIds}::text[]) LIMIT ${idLimit + 1})
    ) matches
    LIMIT ${idLimit + 1}`;
  if (rows.length <= idLimit) return { where: { id: { in: rows.map((r) => r.id) } }, atLeast: 0 };
  return {
    where: {
      OR: [
        { summary: { contains: text, mode: 'insensitive' } },
        { topics: { has: topic } },
        ...(officialIds.length > 0 ? [{ participants: { some: { officialId: { in: officialIds } } } }] : []),
      ],
    },
    atLeast: rows.length,
  };
}

/**
 * The condition a list's filters put on contacts (their page aside), shared by lists and exports, and how
 * many contacts it is known to match at least without counting them (a broad text search and nothing else).
 */
export async function contactFilter(
  filters: Omit<ContactFilters, 'page' | 'pageSize'>,
): Promise<{ where: Prisma.ContactWhereInput; atLeast: number }> {
  const and: Prisma.ContactWhereInput[] = [{ deletedAt: null }];
  const text = filters.q ? await textSearchWhere(filters.q) : null;
  if (text) and.push(text.where);
  if (filters.official) {
    // An official merged into another is found by its old id or slug too.
    and.push({ participants: { some: { officialId: { in: await officialFilterIds(filters.official) } } } });
  }
  if (filters.country?.length) {
    and.push({
      OR: [
        { participants: { some: { country: { in: filters.country } } } },
        { unnamedCountries: { hasSome: filters.country } },
      ],
    });
  }
  if (filters.type?.length) and.push({ type: { in: filters.type } });
  if (filters.status?.length) and.push({ status: { in: filters.status } });
  if (filters.from) and.push({ date: { gte: dbDate(filters.from) } });
  if (filters.to) and.push({ date: { lte: dbDate(filters.to) } });
  const onlyText = text !== null && and.length === 2;
  return { where: { AND: and }, atLeast: onlyText ? text.atLeast : 0 };
}

/** The condition of contactFilter alone. */
export async function contactFilterWhere(
  filters: Omit<ContactFilters, 'page' | 'pageSize'>,
): Promise<Prisma.ContactWhereInput> {
  return (await contactFilter(filters)).where;
}

/** How far the search page counts a text search's matches: past it, "1,000+". */
export const SEARCH_COUNT_LIMIT = 1_000;

/**
 * The contacts matching a list's filters, newest first, one page of them, with the total. With `countUpTo`,
 * matches are counted only that far (`totalIsLowerBound` past it): counting every contact that mentions a
 * common name reads most of a million-contact history, while its first page is found in milliseconds.
 */
export async function listContacts(
  filters: ContactFilters,
  options: { countUpTo?: number } = {},
): Promise<{ items: ContactRow[]; total: number; totalIsLowerBound: boolean }> {
  const { where, atLeast } = await contactFilter(filters);
  const limit = options.countUpTo;
  // A text known to match more than the count goes to needs no counting (a common name: 1.5 s at 1,000,000).
  const known = limit !== undefined && atLeast > limit;
  const [items, counted] = await Promise.all([
    getDb().contact.findMany({
      where,
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: CONTACT_ROW_SELECT,
    }),
    known
      ? atLeast
      : limit === undefined
        ? getDb().contact.count({ where })
        : getDb()
            .contact.findMany({ where, select: { id: true }, take: limit + 1 })
            .then((rows) => rows.length),
  ]);
  const totalIsLowerBound = limit !== undefined && counted > limit;
  return { items: items.map(toContactRow), total: totalIsLowerBound ? limit : counted, totalIsLowerBound };
}

/** Every contact of one pair (held or not), oldest first, for its timeline. */
export async function listPairContacts(pair: PairKey): Promise<ContactRow[]> {
  const column = { OFFICIAL: 'officialId', OFFICE: 'officeKey', COUNTRY: 'country' } as const;
  const side = (value: string) => ({ [column[pair.level]]: value });
  const contacts = await getDb().contact.findMany({
    where: {
      deletedAt: null,
      AND: [{ participants: { some: side(pair.a) } }, { participants: { some: side(pair.b) } }],
    },
    orderBy: [{ date: 'asc' }, { id: 'asc' }],
    select: CONTACT_ROW_SELECT,
  });
  return contacts.map(toContactRow);
}

/** Live contacts by id, oldest first (a pair page's timeline page and the contacts its numbers name). */
export async function listContactsByIds(ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  const contacts = await getDb().contact.findMany({
    where: { id: { in: [...new Set(ids)] }, deletedAt: null },
    select: CONTACT_ROW_SELECT,
  });
  return contacts
    .map(toContactRow)
    .sort((x, y) => (x.date !== y.date ? (x.date < y.date ? -1 : 1) : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Expected contacts whose date has passed without the held contact that fulfils them. */
export async function listOverdueExpected(today: string, limit = 10): Promise<ContactRow[]> {
  const contacts = await getDb().contact.findMany({
    where: { status: 'SCHEDULED', resolvedById: null, deletedAt: null, date: { lt: dbDate(today) } },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
    take: limit,
    select: CONTACT_ROW_SELECT,
  });
  return contacts.map(toContactRow);
}
