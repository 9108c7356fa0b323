import { describe, expect, it } from 'vitest';
import { setupTestDatabase } from '../testing/database';
import { ZContactInput } from '../validation/contact';
import type { Actor } from './actor';
import { deleteContact } from './contact-edits';
import { createContact } from './contacts';
import { listFeedContacts } from './feeds';
import { makeOfficial } from '../testing/factories';

setupTestDatabase();

const actor: Actor = { userId: null, via: 'cli' };

function contact(date: string, participants: string[], summary: string, extra: Record<string, unknown> = {}) {
  return ZContactInput.parse({
    date,
    type: 'CALL',
    status: 'HELD',
    participants,
    summary,
    sources: [{ url: `https://example.org/${summary}` }],
    ...extra,
  });
}

describe("a pair's feed", () => {
  it('holds the pair’s newest contacts, newest first, ties by when they were logged, none deleted or of others', async () => {
    const official = (name: string, country: string) => makeOfficial({ name, country, positions: [] }, actor);
    const [austin, shoigu, gerasimov, li] = await Promise.all([
      official('Lloyd Austin', 'US'),
      official('Sergei Shoigu', 'RU'),
      official('Valery Gerasimov', 'RU'),
      official('Li Shangfu', 'CN'),
    ]);
    const pair = [austin.slug, shoigu.slug];
    for (const [date, summary] of [
      ['2022-02-18', 'oldest'],
      ['2022-05-13', 'may'],
      ['2022-10-21', 'october, first logged'],
      ['2022-10-21', 'october, logged second'],
    ] as const) {
      await createContact(contact(date, pair, summary), actor);
    }
    const deleted = await createContact(contact('2022-11-01', pair, 'deleted'), actor);
    await deleteContact(deleted.id, { version: deleted.version }, actor);
    await createContact(contact('2022-12-01', [austin.slug, gerasimov.slug], 'another official'), actor);
    await createContact(contact('2022-12-02', [austin.slug, li.slug], 'another country'), actor);
    // Russia named without its officials: the country pair's, not the official pair's.
    await createContact(contact('2022-12-03', [austin.slug], 'unnamed', { unnamedCountries: ['RU'] }), actor);

    const summaries = async (level: 'OFFICIAL' | 'COUNTRY', a: string, b: string, limit: number) =>
      (await listFeedContacts({ pair: { level, a, b }, limit })).map((c) => c.summary);
    const [a, b] = [austin.id, shoigu.id].sort();
    expect(await summaries('OFFICIAL', a, b, 2)).toEqual(['october, logged second', 'october, first logged']);
    expect(await summaries('OFFICIAL', a, b, 3)).toEqual(['october, logged second', 'october, first logged', 'may']);
    expect(await summaries('OFFICIAL', a, b, 10)).toEqual([
      'october, logged second',
      'october, first logged',
      'may',
      'oldest',
    ]);
    expect(await summaries('COUNTRY', 'RU', 'US', 3)).toEqual([
      'unnamed',
      'another official',
      'october, logged second',
    ]);
  });
});
