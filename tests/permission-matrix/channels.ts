import { expect, form, getDb, NO_STATE, type Row } from './shared';

/** A channel to edit or delete, made outside the matrix. */
async function prepareChannel() {
  const channel = await getDb().channel.create({
    data: {
      slug: 'matrix-line',
      name: 'Matrix line',
      countries: ['RU', 'US'],
      establishedOn: new Date('2022-03-01'),
    },
  });
  return { channelId: channel.id };
}

const fields = { name: 'Matrix line', countries: 'US, RU', establishedOn: '2022-03-01' };

/** The admin's channel actions (lib/actions/channels.ts). */
export const ROWS: Record<string, Row> = {
  'channels.ts#createChannelAction': {
    permission: 'channel:manage',
    run: (action) => action(NO_STATE, form(fields)),
    async expectChanged() {
      expect(await getDb().channel.findUnique({ where: { slug: 'matrix-line' } })).toMatchObject({
        name: 'Matrix line',
      });
    },
  },
  'channels.ts#updateChannelAction': {
    permission: 'channel:manage',
    prepare: prepareChannel,
    run: (action, { prepared }) =>
      action(prepared.channelId, NO_STATE, form({ ...fields, closedOn: '2023-01-01', version: '1' })),
    async expectChanged({ prepared }) {
      expect(await getDb().channel.findUnique({ where: { id: prepared.channelId } })).toMatchObject({
        closedOn: new Date('2023-01-01'),
        version: 2,
      });
    },
  },
  'channels.ts#deleteChannelAction': {
    permission: 'channel:manage',
    prepare: prepareChannel,
    run: (action, { prepared }) => action(prepared.channelId, NO_STATE, form({ version: '1' })),
    async expectChanged({ prepared }) {
      expect(await getDb().channel.findUnique({ where: { id: prepared.channelId } })).toBeNull();
    },
  },
};
