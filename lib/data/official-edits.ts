import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { normalizeName } from '../names';
import { ZOfficialInput, type OfficialInput } from '../validation/official';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { checkWikidataIdFree, ensureOffices } from './officials';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';

type Tx = Prisma.TransactionClient;

/** An official as the audit log keeps it and an edit starts from: the fields of ZOfficialInput, plus id, slug and version. */
async function officialSnapshot(tx: Tx, where: Prisma.OfficialWhereInput) {
  const o = await tx.official.findFirst({
    where,
    select: {
      id: true,
      slug: true,
      version: true,
      name: true,
      country: true,
      wikidataId: true,
      photoUrl: true,
      bio: true,
      links: true,
      mergedIntoId: true,
      aliases: { select: { name: true }, orderBy: { name: 'asc' } },
      positions: {
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        select: { title: true, officeKey: true, organisation: true, startDate: true, endDate: true },
      },
    },
  });
  if (o === null) return null;
  const { aliases, positions, ...fields } = o;
  return {
    ...fields,
    otherNames: aliases.map((a) => a.name),
    positions: positions.map((p) => ({
      ...p,
      organisation: p.organisation ?? undefined,
      startDate: isoFromDb(p.startDate),
      endDate: isoFromDbOrNull(p.endDate) ?? undefined,
    })),
  };
}

/**
 * Points every contact of an official at the position the official held on
 * that contact's date, after their tenures changed, so office pairs stay true.
 */
async function reresolvePositions(tx: Tx, officialId: string) {
  await tx.$executeRaw`
    UPDATE participant AS p
    SET position_id = held.id, office_key = held.office_key
    FROM contact AS c
    LEFT JOIN LATERAL (
      SELECT pos.id, pos.office_key FROM position AS pos
      WHERE pos.official_id = ${officialId} AND pos.start_date <= c.date
        AND (pos.end_date IS NULL OR pos.end_date >= c.date)
      ORDER BY pos.start_date DESC LIMIT 1
    ) AS held ON true
    WHERE p.contact_id = c.id AND p.official_id = ${officialId}`;
}

/**
 * Changes an official (admin): the fields given replace the current ones;
 * `otherNames` and `positions`, when given, replace the whole list. Saved only
 * on the version the editor started from (else 409). The slug stays, so links
 * keep working after a rename.
 */
export async function updateOfficial(
  ref: string,
  patch: Partial<Record<keyof OfficialInput, unknown>>,
  options: { version: number },
  actor: Actor,
) {
  return getDb().$transaction(async (tx) => {
    const before = await officialSnapshot(tx, { OR: [{ id: ref }, { slug: ref }], mergedIntoId: null });
    if (before === null) throw new AppError('NOT_FOUND', `No official “${ref}”`);
    if (before.version !== options.version) {
      throw new AppError(
        'CONFLICT',
        `This official was changed by someone else (your version ${options.version}, now ${before.version}). Review and save again.`,
        undefined,
        { current: before },
      );
    }
    const { id, name, country, otherNames, wikidataId, photoUrl, bio, links, positions } = before;
    const input = ZOfficialInput.parse({
      ...{ name, country, otherNames, wikidataId, photoUrl, bio, links, positions },
      ...patch,
    });
    if (input.wikidataId !== before.wikidataId) await checkWikidataIdFree(tx, input.wikidataId);
    await ensureOffices(tx, input);
    const { count } = await tx.official.updateMany({
      where: { id, version: options.version },
      data: {
        name: input.name,
        nameSearch: normalizeName(input.name),
        country: input.country,
        wikidataId: input.wikidataId ?? null,
        photoUrl: input.photoUrl ?? null,
        bio: input.bio ?? null,
        links: input.links,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError('CONFLICT', 'This official was changed by someone else just now. Save again.');
    if ('otherNames' in patch) {
      await tx.officialAlias.deleteMany({ where: { officialId: id } });
      const own = normalizeName(input.name);
      const spellings = new Map(input.otherNames.map((name) => [normalizeName(name), name]));
      spellings.delete(own);
      await tx.officialAlias.createMany({
        data: [...spellings].map(([nameSearch, name]) => ({ officialId: id, name, nameSearch })),
      });
    }
    if ('positions' in patch) {
      await tx.position.deleteMany({ where: { officialId: id } });
      await tx.position.createMany({
        data: input.positions.map((p) => ({
          officialId: id,
          officeKey: p.officeKey,
          title: p.title,
          organisation: p.organisation,
          startDate: dbDate(p.startDate),
          endDate: p.endDate === undefined ? null : dbDate(p.endDate),
        })),
      });
      await reresolvePositions(tx, id);
    }
    if (input.country !== before.country) {
      // A corrected country: the contacts count for the right country pair.
      await tx.participant.updateMany({ where: { officialId: id }, data: { country: input.country } });
    }
    const after = await officialSnapshot(tx, { id });
    await writeAudit(tx, actor, { action: 'update', entityType: 'official', entityId: id, before, after });
    return after!;
  });
}
