import { describe, expect, it } from 'vitest';
import { tagsForUrl } from '../cache/tags.mjs';
import { getDb } from '../db';
import { type CachePurge, listenForCachePurges } from '../testing/cache-purges';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import type { Actor } from './actor';
import { deleteContact, getContactSnapshot, updateContact } from './contact-edits';
import { snapshotInput } from './contact-snapshot';
import { createContact } from './contacts';
import { getPairPage } from './pair-page';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };
const AS_OF = '2022-06-01';

/**
 * A permalink (`?asOf=`) of a past day, its embed and its oEmbed answer are kept by the response cache under
 * the pair's tag. A past page still changes when a contact it shows is edited, moved to another pair or
 * deleted: each such write must notify a tag those addresses carry.
 */
describe('which writes purge a pair’s permalinks and embeds', () => {
  const { published } = listenForCachePurges();

  const purged = (notes: CachePurge[], url: string) => {
    const tags = tagsForUrl(url);
    expect(tags, url).not.toBeNull();
    return notes.some((note) => note.tags.includes('all') || note.tags.some((tag) => tags!.includes(tag)));
  };

  it('every write that changes a past page purges the page, its embed and its oEmbed', async () => {
    const make = (name: string, country: string) => makeOfficial({ name, country }, actor);
    const [a, b, c] = [
      await make('Ines Permalink', 'FR'),
      await make('Jonas Past', 'DE'),
      await make('Kai Other', 'PL'),
    ];
    const call = (date: string, participants: string[]) =>
      ZContactInput.parse({ date, type: 'CALL', status: 'HELD', participants, sources: [{ url: 'https://e.org/' }] });
    const first = await createContact(call('2022-01-10', [a.slug, b.slug]), actor);
    const second = await createContact(call('2022-03-01', [a.slug, b.slug]), actor);
    // Logged today: left out of the past page, though dated before it.
    await getDb().contact.updateMany({
      where: { id: { in: [first.id, second.id] } },
      data: { createdAt: new Date('2022-03-02') },
    });
    await published();

    const path = `/pairs/officials/${a.slug}/${b.slug}`;
    const addresses = [
      `${path}?asOf=${AS_OF}`,
      `/embed${path}?asOf=${AS_OF}`,
      `/api/oembed?url=${encodeURIComponent(`https://c.example${path}?asOf=${AS_OF}`)}`,
    ];
    const view = async () => {
      const page = (await getPairPage('OFFICIAL', a.slug, b.slug, AS_OF))!;
      return JSON.stringify([page.dataVersion, page.series, page.facts]);
    };

    const edit = async (id: string, change: Record<string, unknown>) => {
      const current = (await getContactSnapshot(id))!;
      await updateContact(
        id,
        ZContactInput.parse({ ...snapshotInput(current), ...change }),
        { version: current.version },
        actor,
      );
    };
    const writes: [string, () => Promise<unknown>][] = [
      ['edit the date of a contact it shows', () => edit(first.id, { date: '2022-01-12' })],
      ['move a contact it shows to another pair', () => edit(second.id, { participants: [a.slug, c.slug] })],
      ['move it back', () => edit(second.id, { participants: [a.slug, b.slug] })],
      [
        'delete a contact it shows',
        async () => deleteContact(first.id, { version: (await getContactSnapshot(first.id))!.version }, actor),
      ],
    ];
    for (const [name, write] of writes) {
      const before = await view();
      await write();
      const notes = await published();
      expect(await view(), name).not.toBe(before);
      for (const url of addresses) expect(purged(notes, url), `${name}: ${url}`).toBe(true);
    }
  });
});
