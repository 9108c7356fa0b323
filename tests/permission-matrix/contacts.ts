import { contactForm, expect, form, getDb, NO_STATE, type Row } from './shared';

/** The contact form's actions (lib/actions/contacts.ts). */
export const ROWS: Record<string, Row> = {
  'contacts.ts#createContactAction': {
    permission: 'contact:create',
    run: (action, world) => action(NO_STATE, contactForm(world, { date: '2022-06-01' })),
    async expectChanged() {
      expect(await getDb().contact.count({ where: { date: new Date('2022-06-01') } })).toBe(1);
    },
  },
  'contacts.ts#updateContactAction': {
    permission: 'contact:update',
    run: (action, world) =>
      action(world.contactId, NO_STATE, contactForm(world, { date: '2022-05-13', summary: 'Edited.', version: '1' })),
    async expectChanged({ contactId }) {
      expect(await getDb().contact.findUnique({ where: { id: contactId } })).toMatchObject({
        version: 2,
        summary: 'Edited.',
      });
    },
  },
  'contacts.ts#setVerificationAction': {
    permission: 'contact:verify',
    run: (action, world) => action(world.contactId, NO_STATE, form({ verification: 'VERIFIED', version: '1' })),
    async expectChanged({ contactId }) {
      expect(await getDb().contact.findUnique({ where: { id: contactId } })).toMatchObject({
        version: 2,
        verification: 'VERIFIED',
      });
    },
  },
  'contacts.ts#deleteContactAction': {
    permission: 'contact:delete',
    run: (action, world) => action(world.contactId, NO_STATE, form({ version: '1' })),
    async expectChanged({ contactId }) {
      expect((await getDb().contact.findUnique({ where: { id: contactId } }))?.deletedAt).toBeInstanceOf(Date);
    },
  },
};
