import { ZOfficialInput } from '../../lib/validation/official';
import { createOfficial } from '../../lib/data/officials';
import { mergeOfficials } from '../../lib/data/merge';
import { expect, form, getDb, NO_STATE, type Row } from './shared';

const SEED = { userId: null, via: 'cli' } as const;

/** A duplicate of the world's Russian official, with the world's contact moved onto it. */
async function duplicateOf(world: Parameters<NonNullable<Row['prepare']>>[0]) {
  const kept = world.officials[1];
  const duplicate = await createOfficial(ZOfficialInput.parse({ name: 'Sergey Shoygu', country: kept.country }), SEED);
  await getDb().participant.update({
    where: { contactId_officialId: { contactId: world.contactId, officialId: kept.id } },
    data: { officialId: duplicate.id },
  });
  return { duplicateId: duplicate.id, keptId: kept.id };
}

/** Merging officials and undoing a merge (lib/actions/merge.ts). */
export const ROWS: Record<string, Row> = {
  'merge.ts#mergeOfficialsAction': {
    permission: 'official:merge',
    prepare: duplicateOf,
    run: (action, { prepared }) => action(NO_STATE, form({ ...prepared, duplicateVersion: '1', keptVersion: '1' })),
    async expectChanged({ prepared, contactId }) {
      expect(await getDb().official.findUnique({ where: { id: prepared.duplicateId } })).toMatchObject({
        mergedIntoId: prepared.keptId,
      });
      expect(await getDb().participant.count({ where: { contactId, officialId: prepared.keptId } })).toBe(1);
    },
  },
  'merge.ts#undoMergeAction': {
    permission: 'official:merge',
    async prepare(world) {
      const ids = await duplicateOf(world);
      const merged = await mergeOfficials({ ...ids, duplicateVersion: 1, keptVersion: 1 }, SEED);
      return { ...ids, auditId: merged.auditId };
    },
    run: (action, { prepared }) => action(NO_STATE, form({ auditId: prepared.auditId })),
    async expectChanged({ prepared, contactId }) {
      expect(await getDb().official.findUnique({ where: { id: prepared.duplicateId } })).toMatchObject({
        mergedIntoId: null,
      });
      expect(await getDb().participant.count({ where: { contactId, officialId: prepared.duplicateId } })).toBe(1);
    },
  },
};
