import 'server-only';
import { getDb } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { nameSearchFields, normalizeName } from '../names';
import { contactIdsOfOfficials, LONG_WRITE, syncContactStats } from '../stats/maintain';
import { ZOfficialInput, type OfficialInput } from '../validation/official';
import type { PhotoState } from '../validation/official-form';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import {
  checkTenureRules,
  checkWikidataIdFree,
  ensureOffices,
  OFFICIAL_PROFILE_SELECT,
  reresolvePositions,
  withSingleHolder,
} from './officials';
import { dbDate, isoFromDb, isoFromDbOrNull } from './dates';
import { photoSummary, removePhoto, storePhoto, type PhotoUpload } from './photos';

type Tx = Prisma.TransactionClient;

/**
 * An official as the audit log keeps it and an edit starts from: the fields of
 * ZOfficialInput, plus id, slug, version and what is known of an uploaded photo.
 */
export async function officialSnapshot(tx: Tx, where: Prisma.OfficialWhereInput) {
  const o = await tx.official.findFirst({
    where,
    select: { ...OFFICIAL_PROFILE_SELECT, mergedIntoId: true },
  });
  if (o === null) return null;
  const { aliases, positions, ...fields } = o;
  return {
    ...fields,
    photo: await photoSummary(tx, o.id),
    otherNames: aliases.map((a) => a.name),
    positions: positions.map((p) => ({
      ...p,
      organisation: p.organisation ?? undefined,
      startDate: isoFromDb(p.startDate),
      endDate: isoFromDbOrNull(p.endDate) ?? undefined,
    })),
  };
}

/** An official as an edit starts from and the audit log keeps it. */
export type OfficialSnapshot = NonNullable<Awaited<ReturnType<typeof officialSnapshot>>>;

/** A change of uploaded photo: a new one, or none (a `photoUrl` in the patch also replaces an upload). */
export type PhotoChange = PhotoUpload | 'remove';

/**
 * Changes an official (admin): the fields given replace the current ones;
 * `otherNames` and `positions`, when given, replace the whole list, and
 * tenures are checked against the other holders of the same offices. Saved
 * only on the version the editor started from (else 409). The slug stays, so
 * links keep working after a rename. Returns the official as saved and how
 * many of their contacts now count for a different office.
 */
export async function updateOfficial(
  ref: string,
  patch: Partial<Record<keyof OfficialInput, unknown>>,
  options: { version: number; photo?: PhotoChange },
  actor: Actor,
) {
  return withSingleHolder(() =>
    getDb().$transaction(async (tx) => {
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
      if ('positions' in patch) await checkTenureRules(tx, id, input.positions);
      const photo = options.photo;
      // An upload or a removal clears the address; a new address replaces an upload.
      const newPhotoUrl = photo === undefined ? (input.photoUrl ?? null) : null;
      const { count } = await tx.official.updateMany({
        where: { id, version: options.version },
        data: {
          name: input.name,
          ...nameSearchFields(input.name),
          country: input.country,
          wikidataId: input.wikidataId ?? null,
          photoUrl: newPhotoUrl,
          bio: input.bio ?? null,
          links: input.links,
          version: { increment: 1 },
        },
      });
      if (count === 0)
        throw new AppError('CONFLICT', 'This official was changed by someone else just now. Save again.');
      if (photo === 'remove' || (photo === undefined && newPhotoUrl !== null && newPhotoUrl !== photoUrl)) {
        await removePhoto(tx, id);
      } else if (photo !== undefined) {
        await storePhoto(tx, id, photo);
      }
      if ('otherNames' in patch) {
        await tx.officialAlias.deleteMany({ where: { officialId: id } });
        const own = normalizeName(input.name);
        const spellings = new Map(input.otherNames.map((name) => [normalizeName(name), name]));
        spellings.delete(own);
        await tx.officialAlias.createMany({
          data: [...spellings.values()].map((name) => ({ officialId: id, name, ...nameSearchFields(name) })),
        });
      }
      let reresolved = 0;
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
        reresolved = await reresolvePositions(tx, id);
      }
      if (input.country !== before.country) {
        // A corrected country: the contacts count for the right country pair.
        await tx.participant.updateMany({ where: { officialId: id }, data: { country: input.country } });
      }
      // Tenures move contacts between office pairs; a country moves them between country pairs.
      if ('positions' in patch || input.country !== before.country) {
        await syncContactStats(tx, await contactIdsOfOfficials(tx, [id]));
      }
      const after = await officialSnapshot(tx, { id });
      await writeAudit(tx, actor, { action: 'update', entityType: 'official', entityId: id, before, after });
      return { ...after!, reresolved };
    }, LONG_WRITE),
  );
}

/**
 * An official as the admin's edit form starts from (by id or slug, not
 * following a merge), with what its photo is now; null when unknown.
 */
export async function getOfficialForEdit(ref: string) {
  const snapshot = await getDb().$transaction((tx) => officialSnapshot(tx, { OR: [{ id: ref }, { slug: ref }] }));
  if (snapshot === null) return null;
  const photoState: PhotoState = snapshot.photo
    ? { kind: 'stored', src: `/officials/${snapshot.slug}/photo?v=${snapshot.photo.sha256.slice(0, 12)}` }
    : snapshot.photoUrl
      ? { kind: 'url', src: snapshot.photoUrl }
      : { kind: 'none' };
  return { ...snapshot, photoState };
}
