import { expect, form, getDb, NO_STATE, type Row } from './shared';

/** An event to edit or delete, made outside the matrix. */
async function prepareEvent() {
  const event = await getDb().contextEvent.create({
    data: { date: new Date('2022-02-24'), title: 'Russia invades Ukraine', countries: ['UA', 'RU'] },
  });
  return { eventId: event.id };
}

/** The admin's context-event actions (lib/actions/events.ts). */
export const ROWS: Record<string, Row> = {
  'events.ts#createEventAction': {
    permission: 'event:manage',
    run: (action) => action(NO_STATE, form({ date: '2022-03-01', title: 'Matrix event', countries: 'US RU' })),
    async expectChanged() {
      expect(await getDb().contextEvent.findFirst({ where: { title: 'Matrix event' } })).toMatchObject({
        countries: ['RU', 'US'],
      });
    },
  },
  'events.ts#updateEventAction': {
    permission: 'event:manage',
    prepare: prepareEvent,
    run: (action, { prepared }) =>
      action(prepared.eventId, NO_STATE, form({ date: '2022-02-24', title: 'Edited', countries: '', version: '1' })),
    async expectChanged({ prepared }) {
      expect(await getDb().contextEvent.findUnique({ where: { id: prepared.eventId } })).toMatchObject({
        title: 'Edited',
        countries: [],
        version: 2,
      });
    },
  },
  'events.ts#deleteEventAction': {
    permission: 'event:manage',
    prepare: prepareEvent,
    run: (action, { prepared }) => action(prepared.eventId, NO_STATE, form({ version: '1' })),
    async expectChanged({ prepared }) {
      expect(await getDb().contextEvent.findUnique({ where: { id: prepared.eventId } })).toBeNull();
    },
  },
};
