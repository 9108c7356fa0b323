import { nameSearchFields } from '../../lib/names';
import { expect, form, getDb, NO_STATE, type Row } from './shared';

/** An official without contacts, to delete; made outside the matrix. */
async function prepareLoneOfficial() {
  const official = await getDb().official.create({
    data: { slug: 'matrix-lone', name: 'Matrix Lone', ...nameSearchFields('Matrix Lone'), country: 'NO' },
  });
  return { officialId: official.id };
}

const position = {
  'positions.0.officeKey': 'NO:MATRIX',
  'positions.0.title': 'Matrix minister',
  'positions.0.startDate': '2020-01-01',
};

/** The admin's official form (lib/actions/officials.ts). */
export const ROWS: Record<string, Row> = {
  'officials.ts#createOfficialAction': {
    permission: 'official:create',
    run: (action) =>
      action(NO_STATE, form({ name: 'Matrix Minister', country: 'NO', otherNames: 'Matrix Ministeren', ...position })),
    async expectChanged() {
      const created = await getDb().official.findUnique({
        where: { slug: 'matrix-minister' },
        include: { aliases: true, positions: true },
      });
      expect(created?.aliases.map((a) => a.name)).toEqual(['Matrix Ministeren']);
      expect(created?.positions.map((p) => p.officeKey)).toEqual(['NO:MATRIX']);
    },
  },
  'officials.ts#updateOfficialAction': {
    permission: 'official:update',
    run: (action, { officials }) =>
      action(
        officials[1].slug,
        NO_STATE,
        form({ name: 'Sergei Shoigu', country: 'RU', bio: 'Edited.', photoChoice: 'keep', version: '1' }),
      ),
    async expectChanged({ officials }) {
      expect(await getDb().official.findUnique({ where: { id: officials[1].id } })).toMatchObject({
        bio: 'Edited.',
        version: 2,
      });
    },
  },
  'officials.ts#deleteOfficialAction': {
    permission: 'official:update',
    prepare: prepareLoneOfficial,
    run: (action) => action('matrix-lone', NO_STATE, form({ version: '1' })),
    async expectChanged({ prepared }) {
      expect(await getDb().official.findUnique({ where: { id: prepared.officialId } })).toBeNull();
    },
  },
};
