import { describe, expect, it } from 'vitest';
import { searchTags, searchTextMatches } from '../cache/tags.mjs';
import { type CachePurge, listenForCachePurges } from '../testing/cache-purges';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import { ZContactFilters } from '../validation/filters';
import type { Actor } from './actor';
import { deleteContact, updateContact } from './contact-edits';
import { createContact, listContacts, SEARCH_COUNT_LIMIT } from './contacts';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };

/**
 * The response cache keeps a search page across a contact write unless the write's texts may match it
 * (lib/cache/tags.mjs). That is safe only if every search whose answer the write changed is purged: here the
 * real search answers many queries before and after each kind of write, and every changed answer must be one
 * the write's notifications purge.
 */
describe('which search pages a contact write purges', () => {
  const { published } = listenForCachePurges();

  const purges = (notes: CachePurge[], q: string) => {
    const tags = searchTags(q);
    return notes.some(
      (note) =>
        note.tags.includes('all') ||
        note.tags.some((tag) => tags.includes(tag)) ||
        (note.texts !== undefined && tags.some((tag) => searchTextMatches(tag, note.texts!))),
    );
  };

  const QUERIES = [
    'xu',
    'Xu',
    'XU QILIANG',
    'qiliang',
    'shoigu',
    'SHOI',
    'Шойгу',
    'jose',
    'José',
    'marti',
    'austin',
    'lloyd austin',
    'talks',
    'sanctions',
    'grain',
    'ukraine',
    'deal',
    'ai',
    'e',
    'o s',
    '100%',
    'a_b',
    'defence',
    'hotline',
    'nothing matches this',
    // Misspelt and transliterated names, which officials' search finds by key and trigrams.
    'Schoigu',
    'Sergej Schojgu',
    'shoigo',
    'Choigou',
    'Сергей Шойгу',
    'Hsu Chiliang',
    'Jose Marty',
    'Loyd Austen',
    'Marti Xu',
  ];

  /** What each query's search page shows: the matching contacts' rows and their count. */
  async function answers() {
    const result = new Map<string, string>();
    for (const q of QUERIES) {
      const found = await listContacts(ZContactFilters.parse({ q, pageSize: 50 }), { countUpTo: SEARCH_COUNT_LIMIT });
      result.set(q, JSON.stringify(found));
    }
    return result;
  }

  it('every search whose answer a write changed is purged, and searches it cannot change are kept', async () => {
    const official = (name: string, country: string, otherNames: string[] = []) =>
      makeOfficial({ name, country, otherNames, positions: [] }, actor);
    const shoigu = await official('Sergei Shoigu', 'RU', ['Шойгу', 'Shoygu']);
    const xu = await official('Xu Qiliang', 'CN');
    const marti = await official('José Martí', 'CU');
    const austin = await official('Lloyd Austin', 'US');
    const contact = (participants: string[], summary: string, topics: string[], date = '2023-03-01') =>
      ZContactInput.parse({
        date,
        type: 'CALL',
        status: 'HELD',
        participants,
        summary,
        topics,
        sources: [{ url: 'https://example.org/readout' }],
      });
    await createContact(contact([austin.slug, shoigu.slug], 'Talks on Ukraine', ['ukraine']), actor);
    await createContact(contact([austin.slug, xu.slug], 'Hotline test', ['hotline'], '2023-01-10'), actor);
    await published();

    let changed = 0;
    let kept = 0;
    const check = async (write: () => Promise<unknown>) => {
      const before = await answers();
      await write();
      const notes = await published();
      const after = await answers();
      for (const q of QUERIES) {
        if (before.get(q) !== after.get(q)) {
          changed++;
          expect(purges(notes, q), `the search for "${q}" changed but was not purged`).toBe(true);
        } else if (!purges(notes, q)) kept++;
      }
    };

    let made = { id: '', version: 0 };
    await check(async () => {
      made = await createContact(contact([austin.slug, marti.slug], 'A grain deal, 100% agreed', ['trade']), actor);
    });
    await check(async () => {
      made = await updateContact(
        made.id,
        contact([austin.slug, marti.slug], 'No deal: sanctions stay', ['trade']),
        { version: made.version },
        actor,
      );
    });
    // The participants change: the old official's searches and the new one's both change.
    await check(async () => {
      made = await updateContact(
        made.id,
        contact([shoigu.slug, xu.slug], 'No deal: sanctions stay', ['defence']),
        { version: made.version },
        actor,
      );
    });
    await check(async () => {
      await deleteContact(made.id, { version: made.version }, actor);
    });

    // Not vacuous: the writes changed answers, and left others cached.
    expect(changed).toBeGreaterThan(20);
    expect(kept).toBeGreaterThan(10);
  });
});
