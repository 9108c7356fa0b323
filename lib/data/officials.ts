import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { normalizeName, slugForName } from '../names';
import type { OfficialInput } from '../validation/official';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';

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

/** Creates an official with spellings and positions (and their offices), audited. */
export async function createOfficial(input: OfficialInput, actor: Actor, tx?: Tx) {
  const run = async (t: Tx) => {
    await checkWikidataIdFree(t, input.wikidataId);
    await ensureOffices(t, input);
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
        nameSearch,
        country: input.country,
        wikidataId: input.wikidataId,
        photoUrl: input.photoUrl,
        bio: input.bio,
        links: input.links,
        aliases: { create: [...aliases].map(([key, name]) => ({ name, nameSearch: key })) },
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
    await writeAudit(t, actor, {
      action: 'create',
      entityType: 'official',
      entityId: official.id,
      after: { ...input, slug: official.slug },
    });
    return official;
  };
  return tx ? run(tx) : getDb().$transaction(run);
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

/** A position with its tenure as `YYYY-MM-DD` dates, as pages and the API show it. */
function withIsoTenure<T extends { startDate: Date; endDate: Date | null }>(
  position: T,
): Omit<T, 'startDate' | 'endDate'> & { startDate: string; endDate: string | null } {
  return { ...position, startDate: isoFromDb(position.startDate), endDate: isoFromDbOrNull(position.endDate) };
}

/** An official's public profile by slug, or null. */
export async function getOfficialBySlug(slug: string) {
  const official = await getDb().official.findUnique({
    where: { slug },
    select: {
      id: true,
      version: true,
      slug: true,
      name: true,
      country: true,
      wikidataId: true,
      bio: true,
      mergedInto: { select: { slug: true } },
      aliases: { select: { name: true }, orderBy: { name: 'asc' } },
      positions: {
        select: { title: true, officeKey: true, organisation: true, startDate: true, endDate: true },
        orderBy: { startDate: 'desc' },
      },
    },
  });
  if (official === null) return null;
  return {
    ...official,
    aliases: official.aliases.map((a) => a.name),
    positions: official.positions.map(withIsoTenure),
  };
}

/**
 * Officials whose name or any other spelling contains the query ("Shoygu",
 * "Шойгу" and "shoigu" all find Sergei Shoigu), optionally in some countries.
 */
export async function searchOfficials(options: { q?: string; country?: string[]; page?: number; pageSize?: number }) {
  const { q, country, page = 1, pageSize = 20 } = options;
  const needle = q ? normalizeName(q) : undefined;
  const where: Prisma.OfficialWhereInput = {
    mergedIntoId: null,
    ...(country?.length ? { country: { in: country } } : {}),
    ...(needle
      ? { OR: [{ nameSearch: { contains: needle } }, { aliases: { some: { nameSearch: { contains: needle } } } }] }
      : {}),
  };
  const [items, total] = await Promise.all([
    getDb().official.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        version: true,
        slug: true,
        name: true,
        country: true,
        wikidataId: true,
        aliases: { select: { name: true }, orderBy: { name: 'asc' } },
        positions: {
          orderBy: { startDate: 'desc' },
          select: { title: true, officeKey: true, startDate: true, endDate: true },
        },
      },
    }),
    getDb().official.count({ where }),
  ]);
  return {
    total,
    items: items.map((o) => ({
      ...o,
      aliases: o.aliases.map((a) => a.name),
      positions: o.positions.map(withIsoTenure),
    })),
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
