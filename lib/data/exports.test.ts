import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../testing/database';
import { ZContactFilters } from '../validation/filters';
import type { Actor } from './actor';
import { listContacts } from './contacts';
import { contactBatchesForExport, countContactsForExport } from './exports';
import { makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };

describe('contactBatchesForExport', () => {
  it('reads every matching contact once, newest first, in batches of the size asked', async () => {
    const us = await makeOfficial({ name: 'Export Tester', country: 'US' }, actor);
    const ru = await makeOfficial({ name: 'Export Partner', country: 'RU' }, actor);
    // Seven contacts, three on one day, so batches split inside a day.
    const dates = ['2022-01-05', '2022-02-01', '2022-02-01', '2022-02-01', '2022-03-10', '2022-04-02', '2022-05-13'];
    for (const date of dates) {
      await makeContact(
        {
          date,
          participants: [us.slug, ru.slug],
        },
        actor,
      );
    }
    const filters = ZContactFilters.parse({ official: us.slug });
    expect(await countContactsForExport(filters)).toBe(7);

    const batches: string[][] = [];
    for await (const batch of contactBatchesForExport(filters, 2)) batches.push(batch.map((c) => c.id));
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 1]);
    // The same order as the paged list, no contact twice, none missing.
    const listed = (await listContacts(ZContactFilters.parse({ official: us.slug, pageSize: 50 }))).items;
    expect(batches.flat()).toEqual(listed.map((c) => c.id));

    const none = ZContactFilters.parse({ official: us.slug, from: '2030-01-01' });
    const empty: unknown[] = [];
    for await (const batch of contactBatchesForExport(none, 2)) empty.push(batch);
    expect(empty).toEqual([]);
  });
});
