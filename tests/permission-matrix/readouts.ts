import { expect, form, getDb, NO_STATE, type ActionResult, type Row } from './shared';

let last: ActionResult | undefined;

/** The "Paste a readout" panel's action (lib/actions/readouts.ts): it reads, and writes nothing. */
export const ROWS: Record<string, Row> = {
  'readouts.ts#parseReadoutAction': {
    permission: 'contact:create',
    async run(action) {
      last = await action(
        NO_STATE,
        form({ text: 'Lloyd Austin spoke with Sergei Shoigu on Friday.', url: '', publishedAt: '2022-05-16' }),
      );
      return last;
    },
    async expectChanged({ officials }) {
      // Allowed, it proposes the contact; it saves nothing (the world's one contact stays alone).
      const { analysis } = last as ActionResult & {
        analysis: { proposal: { date: { value: { date: string } }; participants: { value: { id: string } }[] } };
      };
      expect(analysis.proposal.date.value.date).toBe('2022-05-13');
      expect(analysis.proposal.participants.map((p) => p.value.id)).toEqual(officials.map((o) => o.id));
      expect(await getDb().contact.count()).toBe(1);
    },
  },
};
