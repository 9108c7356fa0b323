import 'server-only';
import { cache } from 'react';
import { getDb } from '../db';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { nameSearchFields, normalizeName, slugForName } from '../names';
import type { OfficialInput } from '../validation/official';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';
import { photoSummary, storePhoto, type PhotoUpload } from './photos';
import { findOfficialMatches, matchingOfficialIds } from './official-search';
import { checkTenures, tenureErrorsMessage, type HeldTenure } from '../tenures';

type Tx = Prisma.TransactionClient;

/** A slug not yet taken: `lloyd-austin`, then `lloyd-austin-2`, … */
async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = slugForName(name);
  const taken = new Set(
    (await tx.official.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Refuses a Wikidata id that another official already has (409 naming them, not the index's 500). */
export async function checkWikidataIdFree(tx: Tx, wikidataId: string | undefined): Promise<void> {
  if (!wikidataId) return;
  const holder = await tx.official.findUnique({ where: { wikidataId }, select: { slug: true } });
  if (holder) {
    throw new AppError('CONFLICT', `Wikidata id ${wikidataId} already belongs to ${holder.slug}`, {
      wikidataId: [`Already used by ${holder.slug}`],
    });
  }
}

/** Creates the offices an official's positions name, when new. */
export async function ensureOffices(tx: Tx, input: Pick<OfficialInput, 'country' | 'positions'>): Promise<void> {
  for (const position of input.positions) {
    await tx.office.upsert({
      where: { key: position.officeKey },
      create: {
        key: position.officeKey,
        country: input.country,
        title: position.title,
        organisation: position.organisation,
      },
      update: {},
    });
  }
}

/**
 * Refuses tenures that break the rules (lib/data/tenures.ts) against each
 * other and against the other holders of the same offices, read inside the
 * transaction after locking those offices, so that two edits of one office
 * are checked one after the other. Throws INVALID with field errors
 * (`positions.N.startDate`) naming the other holder.
 */
export async function checkTenureRules(
  tx: Tx,
  officialId: string | null,
  positions: OfficialInput['positions'],
): Promise<void> {
  const keys = [...new Set(positions.map((p) => p.officeKey))];
  let others: HeldTenure[] = [];
  if (keys.length > 0) {
    await tx.$queryRaw`SELECT key FROM office WHERE key = ANY(${keys}::text[]) ORDER BY key FOR UPDATE`;
    const held = await tx.position.findMany({
      where: { officeKey: { in: keys }, ...(officialId ? { officialId: { not: officialId } } : {}) },
      orderBy: { startDate: 'asc' },
      select: { officeKey: true, startDate: true, endDate: true, official: { select: { name: true } } },
    });
    others = held.map((p) => ({
      officeKey: p.officeKey,
      startDate: isoFromDb(p.startDate),
      endDate: isoFromDbOrNull(p.endDate),
      holder: p.official.name,
    }));
  }
  const errors = checkTenures(positions, others);
  if (Object.keys(errors).length > 0) throw new AppError('INVALID', tenureErrorsMessage(errors), errors);
}

/**
 * The database's last word on one holder per office (the exclusion constraint
 * `position_single_holder`, SQLSTATE 23P01), as a 409 instead of a 500. It
 * fires only when two edits of one office race past checkTenureRules.
 */
export function singleHolderConflict(error: unknown): AppError | null {
  const seen = new Set<unknown>();
  const found = (value: unknown, depth: number): boolean => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 6) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    if (record.code === '23P01' || record.originalCode === '23P01') return true;
    if (typeof record.message === 'string' && record.message.includes('position_single_holder')) return true;
    return Object.values(record).some((v) => found(v, depth + 1)) || found(record.cause, depth + 1);
  };
  if (!found(error, 0)) return null;
  return new AppError(
    'CONFLICT',
    'Another holder of one of these offices was saved at the same moment, so an office would have two holders at ' +
      'once. Nothing was saved. Reload the page, check the tenures and save again.',
  );
}

/** Runs a write; a clash with the one-holder constraint becomes its 409. */
export async function withSingleHolder<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw singleHolderConflict(error) ?? error;
  }
}

/**
 * Points every contact of an official (or of several) at the position the official held on that
 * contact's date, after their tenures changed, so office pairs stay true. One statement, whatever the
 * number of officials. Returns how many of their (undeleted) participations now count for a different
 * office.
 */
export async function reresolvePositions(tx: Tx, officialIds: string | string[]): Promise<number> {
  const ids = typeof officialIds === 'string' ? [officialIds] : officialIds;
  if (ids.length === 0) return 0;
  const [{ changed }] = await tx.$queryRaw<{ changed: number }[]>`
    WITH resolved AS (
      SELECT p.contact_id, p.official_id, p.office_key AS old_key, held.id AS new_id, held.office_key AS new_key,
             c.deleted_at IS NULL AS live
      FROM participant AS p
      JOIN contact AS c ON c.id = p.contact_id
      LEFT JOIN LATERAL (
        SELECT pos.id, pos.office_key FROM position AS pos
        WHERE pos.official_id = p.official_id AND pos.start_date <= c.date
          AND (pos.end_date IS NULL OR pos.end_date >= c.date)
        ORDER BY pos.start_date DESC LIMIT 1
      ) AS held ON true
      WHERE p.official_id = ANY(${ids}::text[])
    ), updated AS (
      UPDATE participant AS p SET position_id = r.new_id, office_key = r.new_key
      FROM resolved AS r
      WHERE p.contact_id = r.contact_id AND p.official_id = r.official_id
      RETURNING r.old_key, r.new_key, r.live
    )
    SELECT count(*) FILTER (WHERE live AND old_key IS DISTINCT FROM new_key)::int AS changed FROM updated`;
  return changed;
}

/**
 * Creates an official with spellings and positions (and their offices), and
 * an uploaded photo when given, audited. Tenures are checked against the
 * other holders of the same offices.
 */
export async function createOfficial(
  input: OfficialInput,
  actor: Actor,
  tx?: Tx,
  options: { photo?: PhotoUpload } = {},
) {
  const run = async (t: Tx) => {
    await checkWikidataIdFree(t, input.wikidataId);
    await ensureOffices(t, input);
    await checkTenureRules(t, null, input.positions);
    const nameSearch = normalizeName(input.name);
    const aliases = new Map<string, string>();
    for (const name of input.otherNames) {
      const key = normalizeName(name);
      if (key !== nameSearch) aliases.set(key, name);
    }
    const official = await t.official.create({
      data: {
        slug: await freeSlug(t, input.name),
        name: input.name,
        ...nameSearchFields(input.name),
        country: input.country,
        wikidataId: input.wikidataId,
        photoUrl: options.photo ? null : input.photoUrl,
        bio: input.bio,
        links: input.links,
        aliases: { create: [...aliases.values()].map((name) => ({ name, ...nameSearchFields(name) })) },
        positions: {
          create: input.positions.map((p) => ({
            officeKey: p.officeKey,
            title: p.title,
            organisation: p.organisation,
            startDate: dbDate(p.startDate),
            endDate: p.endDate === undefined ? null : dbDate(p.endDate),
          })),
        },
      },
      select: { id: true, slug: true, name: true, country: true, version: true },
    });
    if (options.photo) await storePhoto(t, official.id, options.photo);
    // A new official has no contacts yet; kept so that every change of tenures resolves positions.
    await reresolvePositions(t, official.id);
    await writeAudit(t, actor, {
      action: 'create',
      entityType: 'official',
      entityId: official.id,
      after: {
        ...input,
        ...(options.photo ? { photoUrl: undefined } : {}),
        slug: official.slug,
        photo: await photoSummary(t, official.id),
      },
    });
    return official;
  };
  return withSingleHolder(() => (tx ? run(tx) : getDb().$transaction(run)));
}

/**
 * Deletes an official who takes part in no contact (admin), audited with the
 * whole profile. One with contacts is refused: merge it into the right one
 * instead, so that its contacts are kept.
 */
export async function deleteOfficial(ref: string, options: { version: number; tx?: Tx }, actor: Actor) {
  const run = async (tx: Tx) => {
    // Locked first: an edit of the official, a merge or a contact naming it that is under way
    // finishes before the checks below read the official and its contacts, and one that
    // starts later waits for this delete (and then finds the official gone).
    const [official] = await tx.$queryRaw<{ id: string; slug: string; name: string; version: number }[]>`
      SELECT id, slug, name, version FROM official
      WHERE (id = ${ref} OR slug = ${ref}) AND merged_into_id IS NULL
      ORDER BY id = ${ref} DESC LIMIT 1 FOR UPDATE`;
    if (official === undefined) throw new AppError('NOT_FOUND', `No official “${ref}”`);
    if (official.version !== options.version) {
      throw new AppError(
        'CONFLICT',
        `${official.name} was changed by someone else since you opened the page (your version ${options.version}, now ${official.version}). Reload and check before deleting.`,
      );
    }
    const contacts = await tx.participant.count({ where: { officialId: official.id, contact: { deletedAt: null } } });
    if (contacts > 0) {
      throw new AppError(
        'CONFLICT',
        `${official.name} takes part in ${contacts} ${contacts === 1 ? 'contact' : 'contacts'}, so deleting would lose ${contacts === 1 ? 'it' : 'them'}. ` +
          'If this is a duplicate, merge it into the official to keep instead.',
      );
    }
    const merged = await tx.official.count({ where: { mergedIntoId: official.id } });
    if (merged > 0) {
      throw new AppError(
        'CONFLICT',
        `Other officials were merged into ${official.name}; their old addresses lead here, so it cannot be deleted.`,
      );
    }
    const before = await officialAuditSnapshot(tx, official.id);
    // Contacts deleted earlier still hold the official's row; the audit log keeps their copies.
    const purged = await tx.contact.findMany({
      where: { deletedAt: { not: null }, participants: { some: { officialId: official.id } } },
      select: { id: true },
    });
    await tx.contact.deleteMany({ where: { id: { in: purged.map((c) => c.id) } } });
    try {
      await tx.official.delete({ where: { id: official.id } });
    } catch (error) {
      // A row that still names the official (one the lock cannot hold off): a conflict, not a crash.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
        throw new AppError(
          'CONFLICT',
          `${official.name} was just named in a contact or another record, so deleting would lose it. Reload and check before deleting.`,
        );
      }
      throw error;
    }
    await writeAudit(tx, actor, {
      action: 'delete',
      entityType: 'official',
      entityId: official.id,
      before: { ...before, deletedContactsPurged: purged.map((c) => c.id) },
    });
    return { id: official.id, slug: official.slug, name: official.name };
  };
  return options.tx ? run(options.tx) : getDb().$transaction(run);
}

/** An official's whole profile as an edit or an audit row reads it: fields, spellings, tenures in order. */
export const OFFICIAL_PROFILE_SELECT = {
  id: true,
  slug: true,
  version: true,
  name: true,
  country: true,
  wikidataId: true,
  photoUrl: true,
  bio: true,
  links: true,
  aliases: { select: { name: true }, orderBy: { name: 'asc' } },
  positions: {
    orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    select: { title: true, officeKey: true, organisation: true, startDate: true, endDate: true },
  },
} satisfies Prisma.OfficialSelect;

/** The whole profile as the audit log keeps it on a delete. */
async function officialAuditSnapshot(tx: Tx, id: string) {
  const o = await tx.official.findUniqueOrThrow({
    where: { id },
    select: OFFICIAL_PROFILE_SELECT,
  });
  return {
    ...o,
    aliases: undefined,
    otherNames: o.aliases.map((a) => a.name),
    positions: o.positions.map(withIsoTenure),
    photo: await photoSummary(tx, id),
  };
}

/**
 * Finds officials by id or slug, following merges to the official kept.
 * Returns a map from each reference given to the official it names.
 */
export async function resolveOfficialRefs(tx: Tx, refs: string[]) {
  const officials = await tx.official.findMany({
    where: { OR: [{ id: { in: refs } }, { slug: { in: refs } }] },
    select: {
      id: true,
      slug: true,
      name: true,
      country: true,
      mergedInto: { select: { id: true, slug: true, name: true, country: true } },
    },
  });
  const found = new Map<string, { id: string; slug: string; name: string; country: string }>();
  for (const ref of refs) {
    const match = officials.find((o) => o.id === ref || o.slug === ref);
    if (match) found.set(ref, match.mergedInto ?? match);
  }
  return found;
}

/** The position an official held on a date, preferring the most recently started. */
export async function positionsOn(tx: Tx, officialIds: string[], date: string) {
  const day = dbDate(date);
  const positions = await tx.position.findMany({
    where: {
      officialId: { in: officialIds },
      startDate: { lte: day },
      OR: [{ endDate: null }, { endDate: { gte: day } }],
    },
    orderBy: { startDate: 'desc' },
    select: { id: true, officialId: true, officeKey: true },
  });
  const byOfficial = new Map<string, { id: string; officeKey: string }>();
  for (const position of positions) {
    if (!byOfficial.has(position.officialId)) byOfficial.set(position.officialId, position);
  }
  return byOfficial;
}

/** A stored position, its tenure as `YYYY-MM-DD` dates: what a merge's undo record keeps and an import compares. */
export type IsoPosition = {
  id: string;
  officeKey: string;
  title: string;
  organisation: string | null;
  startDate: string;
  endDate: string | null;
};

/** A position with its tenure as `YYYY-MM-DD` dates, as pages and the API show it. */
function withIsoTenure<T extends { startDate: Date; endDate: Date | null }>(
  position: T,
): Omit<T, 'startDate' | 'endDate'> & { startDate: string; endDate: string | null } {
  return { ...position, startDate: isoFromDb(position.startDate), endDate: isoFromDbOrNull(position.endDate) };
}

/** Who an official is, as the profile and the search list both select it. */
const OFFICIAL_IDENTITY_SELECT = {
  id: true,
  version: true,
  slug: true,
  name: true,
  country: true,
  wikidataId: true,
} satisfies Prisma.OfficialSelect;

/** An official's public profile by slug, or null. */
export const getOfficialBySlug = cache(async function getOfficialBySlug(slug: string) {
  const official = await getDb().official.findUnique({
    where: { slug },
    select: {
      ...OFFICIAL_IDENTITY_SELECT,
      bio: true,
      links: true,
      photoUrl: true,
      photo: { select: { updatedAt: true } },
      mergedInto: { select: { slug: true } },
      aliases: { select: { name: true }, orderBy: { name: 'asc' } },
      positions: {
        select: { title: true, officeKey: true, organisation: true, startDate: true, endDate: true },
        orderBy: { startDate: 'desc' },
      },
    },
  });
  if (official === null) return null;
  const { photo, photoUrl, ...rest } = official;
  return {
    ...rest,
    photoSrc: photoSrc(official.slug, photo, photoUrl),
    aliases: official.aliases.map((a) => a.name),
    positions: official.positions.map(withIsoTenure),
  };
});

/**
 * Where an official's photo is: the uploaded one, served by this app (the
 * `v` parameter changes with each upload, so caches never show an old one),
 * else the address an admin gave, else none.
 */
function photoSrc(slug: string, photo: { updatedAt: Date } | null, photoUrl: string | null): string | null {
  return photo ? `/officials/${slug}/photo?v=${photo.updatedAt.getTime().toString(36)}` : photoUrl;
}

/**
 * Officials whose name or any other spelling matches the query however it is
 * written ("Shoygu", "Schoigu", "Шойгу" all find Sergei Shoigu: see
 * official-search.ts), closest first, optionally in some countries; with no
 * query, all of them by name. Each says which spelling matched best.
 */
export async function searchOfficials(options: { q?: string; country?: string[]; page?: number; pageSize?: number }) {
  const { q, country, page = 1, pageSize = 20 } = options;
  const found = q ? await findOfficialMatches({ q, country, skip: (page - 1) * pageSize, take: pageSize }) : null;
  const where: Prisma.OfficialWhereInput = found
    ? { id: { in: found.matches.map((m) => m.id) } }
    : { mergedIntoId: null, ...(country?.length ? { country: { in: country } } : {}) };
  const [rows, total] = await Promise.all([
    getDb().official.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      ...(found ? {} : { skip: (page - 1) * pageSize, take: pageSize }),
      select: {
        ...OFFICIAL_IDENTITY_SELECT,
        aliases: { select: { name: true }, orderBy: { name: 'asc' } },
        positions: {
          orderBy: { startDate: 'desc' },
          select: { title: true, officeKey: true, startDate: true, endDate: true },
        },
      },
    }),
    found ? found.total : getDb().official.count({ where }),
  ]);
  const byId = new Map(rows.map((o) => [o.id, o]));
  const items = found ? found.matches.flatMap((m) => byId.get(m.id) ?? []) : rows;
  const matchOf = new Map(found?.matches.map((m) => [m.id, m]));
  return {
    total,
    items: items.map((o) => {
      const match = matchOf.get(o.id);
      return {
        ...o,
        aliases: o.aliases.map((a) => a.name),
        positions: o.positions.map(withIsoTenure),
        /** The other spelling that matched the query best, when it was not the name. */
        matchedName: match?.matchedAlias ? match.matchedName : null,
      };
    }),
  };
}

/** An official by id or slug, following a merge to the official kept; null when unknown. */
export async function findOfficialRef(ref: string) {
  const official = await getDb().official.findFirst({
    where: { OR: [{ id: ref }, { slug: ref }] },
    select: { slug: true, mergedInto: { select: { slug: true } } },
  });
  if (official === null) return null;
  return getOfficialBySlug(official.mergedInto?.slug ?? official.slug);
}

/**
 * Officials for the admin list: any spelling matches `q`, optionally one
 * country; each with the office held now (or last), how many contacts they
 * take part in, and their photo's address.
 */
export async function listOfficialsForAdmin(options: { q?: string; country?: string; page?: number; today: string }) {
  const { q, country, page = 1, today } = options;
  const pageSize = 50;
  const where: Prisma.OfficialWhereInput = {
    mergedIntoId: null,
    ...(country ? { country } : {}),
    ...(q ? { id: { in: await matchingOfficialIds(q) } } : {}),
  };
  const [items, total, countries] = await Promise.all([
    getDb().official.findMany({
      where,
      orderBy: [{ country: 'asc' }, { name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        slug: true,
        name: true,
        country: true,
        photoUrl: true,
        photo: { select: { updatedAt: true } },
        aliases: { select: { name: true }, orderBy: { name: 'asc' } },
        positions: {
          orderBy: { startDate: 'desc' },
          select: { title: true, officeKey: true, startDate: true, endDate: true },
        },
        _count: { select: { participations: { where: { contact: { deletedAt: null } } } } },
      },
    }),
    getDb().official.count({ where }),
    getDb().official.groupBy({ by: ['country'], where: { mergedIntoId: null }, orderBy: { country: 'asc' } }),
  ]);
  return {
    total,
    page,
    pageSize,
    countries: countries.map((c) => c.country),
    items: items.map((o) => {
      const positions = o.positions.map(withIsoTenure);
      const current = positions.find((p) => p.startDate <= today && (p.endDate === null || p.endDate >= today));
      return {
        id: o.id,
        slug: o.slug,
        name: o.name,
        country: o.country,
        aliases: o.aliases.map((a) => a.name),
        office: current ?? null,
        lastOffice: current ? null : (positions[0] ?? null),
        contacts: o._count.participations,
        photoSrc: photoSrc(o.slug, o.photo, o.photoUrl),
      };
    }),
  };
}

/** How many (undeleted) contacts an official takes part in. */
export async function countOfficialContacts(officialId: string): Promise<number> {
  return getDb().participant.count({ where: { officialId, contact: { deletedAt: null } } });
}
