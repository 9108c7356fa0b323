import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { refreshSearchKeys } from '../../scripts/lib/search-keys';
import { getDb } from '../db';
import { keyTrigrams, mayMatchByKey, searchKey, WORD_SIMILARITY } from '../search-key.mjs';
import { setupTestDatabase } from '../testing/database';
import { ZContactFilters } from '../validation/filters';
import type { Actor } from './actor';
import { listContacts } from './contacts';
import { mergeOfficials } from './merge';
import { updateOfficial } from './official-edits';
import { searchOfficials } from './officials';
import { makeContact, makeOfficial } from '../testing/factories';

setupTestDatabase();

const admin: Actor = { userId: null, via: 'cli' };

const official = (name: string, country: string, otherNames: string[] = []) =>
  makeOfficial({ name, country, otherNames, positions: [] }, admin);

const names = async (q: string, options: { country?: string[] } = {}) =>
  (await searchOfficials({ q, ...options })).items.map((o) => o.name);

describe('searching officials by any spelling', () => {
  it('finds Sergei Shoigu however his name is written, in Latin or Cyrillic, recorded or not', async () => {
    await official('Sergei Shoigu', 'RU');
    await official('Sergei Lavrov', 'RU');
    await official('Shoira Gulova', 'TJ');
    await official('Lloyd Austin', 'US');
    for (const q of ['Schoigu', 'Sergej Schojgu', 'Shoygu', 'Шойгу', 'Сергей Шойгу', 'shoigu', 'SHOIGU', 'Shoigo']) {
      const found = await names(q);
      expect(found[0], q).toBe('Sergei Shoigu');
      expect(found, q).not.toContain('Sergei Lavrov');
      expect(found, q).not.toContain('Lloyd Austin');
    }
    expect(await names('Lavrov')).toEqual(['Sergei Lavrov']);
    expect(await names('Austin', { country: ['RU'] })).toEqual([]);
    expect(await names('Schoigu', { country: ['RU'] })).toEqual(['Sergei Shoigu']);
  });

  it('finds a spelling in any script where it is recorded, and says which spelling matched', async () => {
    await official('Xi Jinping', 'CN', ['习近平']);
    await official('Xu Qiliang', 'CN', ['许其亮']);
    await official('Sergei Shoigu', 'RU', ['Шойгу', 'Shoygu']);
    expect(await names('习近平')).toEqual(['Xi Jinping']);
    expect(await names('近平')).toEqual(['Xi Jinping']);
    expect((await names('Xi Jinping'))[0]).toBe('Xi Jinping');
    expect((await names('xi jinping'))[0]).toBe('Xi Jinping');

    const byCyrillic = await searchOfficials({ q: 'Шойгу' });
    expect(byCyrillic.items.map((o) => [o.name, o.matchedName])).toEqual([['Sergei Shoigu', 'Шойгу']]);
    const byName = await searchOfficials({ q: 'Sergej Schojgu' });
    expect(byName.items.map((o) => [o.name, o.matchedName])).toEqual([['Sergei Shoigu', null]]);
  });

  it('ranks the whole name first, then its start, the start of a word, a part, then a likeness', async () => {
    await official('Boshoigu Tam', 'MN');
    await official('Shoygo Pel', 'KZ');
    await official('Sergei Shoigu', 'RU');
    await official('Shoigu Sergeevich', 'BY');
    await official('Nikolai Shoigu', 'UA', ['Шойгу']);
    await official('Anna Lindh', 'SE');
    expect(await names('Shoigu')).toEqual([
      'Nikolai Shoigu', // the spelling Шойгу is the whole of the query's key
      'Shoigu Sergeevich',
      'Sergei Shoigu',
      'Boshoigu Tam',
      'Shoygo Pel',
    ]);
    const page = await searchOfficials({ q: 'Shoigu', pageSize: 2, page: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((o) => o.name)).toEqual(['Sergei Shoigu', 'Boshoigu Tam']);
    expect((await searchOfficials({ q: 'Shoigu', pageSize: 2, page: 4 })).total).toBe(5);
  });

  it('keeps the keys in step with renames, new spellings and merges', async () => {
    const shoigu = await official('Sergei Ivanov', 'RU');
    const duplicate = await official('Сергей Кужугетович', 'RU');
    expect(await names('Schoigu')).toEqual([]);
    await updateOfficial(shoigu.slug, { name: 'Sergei Shoigu' }, { version: shoigu.version }, admin);
    expect(await names('Schoigu')).toEqual(['Sergei Shoigu']);
    expect(await names('Kuzhugetovich')).toEqual(['Сергей Кужугетович']);
    await mergeOfficials(
      {
        duplicateId: duplicate.id,
        keptId: shoigu.id,
        duplicateVersion: duplicate.version,
        keptVersion: shoigu.version + 1,
      },
      admin,
    );
    expect(await names('Kuschugetowitsch')).toEqual(['Sergei Shoigu']);
  });

  it('finds contacts by a misspelt or transliterated participant name', async () => {
    const austin = await official('Lloyd Austin', 'US');
    const shoigu = await official('Sergei Shoigu', 'RU');
    const lavrov = await official('Sergei Lavrov', 'RU');
    const contact = (participants: string[], date: string) =>
      makeContact(
        {
          date,
          participants,
        },
        admin,
      );
    const withShoigu = await contact([austin.slug, shoigu.slug], '2022-05-13');
    await contact([austin.slug, lavrov.slug], '2022-06-01');
    for (const q of ['Schoigu', 'Шойгу', 'Sergej Schojgu']) {
      const found = await listContacts(ZContactFilters.parse({ q }));
      expect(
        found.items.map((c) => c.id),
        q,
      ).toEqual([withShoigu.id]);
    }
  });

  it('gives names stored without a key (before the migration, or by older rules) their key', async () => {
    const owner = new pg.Client({ connectionString: inject('ownerDatabaseUrl') });
    await owner.connect();
    try {
      await owner.query(`INSERT INTO official (id, slug, name, name_search, search_key, country, updated_at)
                         VALUES ('old1', 'sergei-shoigu', 'Sergei Shoigu', 'sergei shoigu', '', 'RU', now())`);
      await owner.query(`INSERT INTO official_alias (id, official_id, name, name_search, search_key)
                         VALUES ('old2', 'old1', 'Шойгу', 'шойгу', 'stale')`);
      expect(await names('Schoigu')).toEqual([]);
      expect(await refreshSearchKeys(inject('ownerDatabaseUrl'))).toBe(2);
      expect(await names('Schoigu')).toEqual(['Sergei Shoigu']);
      expect(await refreshSearchKeys(inject('ownerDatabaseUrl'))).toBe(0);
    } finally {
      await owner.end();
    }
  });
});

describe('the trigrams the response cache counts', () => {
  const KEYS = [
    'sergei shoigu',
    'shoigu',
    'ksi yinping',
    'ksinping',
    'a',
    'ab cd',
    'loid austin',
    'boshoigu tam',
    'shoigo pel',
    'nikolai shoigu',
    'x1 2y 100',
    'aleksandr lukashenko',
    'sergei lavrov',
    'talks on ukraine',
    'no deal sanctions stay',
  ];
  const QUERIES = [
    'schoigu',
    'shoigo',
    'shoi',
    'sh',
    'xi',
    'lavrof',
    'austen',
    'jinping',
    'sanktions',
    'ukrain',
    'a b',
  ];

  it('are the trigrams pg_trgm makes of a key', async () => {
    const rows = await getDb().$queryRaw<{ key: string; trigrams: string[] }[]>`
      SELECT key, show_trgm(key) AS trigrams FROM unnest(${KEYS}::text[]) AS key`;
    for (const { key, trigrams } of rows) expect([...keyTrigrams(key)].sort(), key).toEqual([...trigrams].sort());
  });

  it('say a query may match a key whenever PostgreSQL matches them', async () => {
    const queries = QUERIES.map(searchKey);
    // Each word of the query: in the key, or (three letters or more) like a part of it.
    const rows = await getDb().$queryRaw<{ q: string; key: string; matches: boolean }[]>`
      SELECT q, key, key LIKE '%' || q || '%' OR bool_and(key LIKE '%' || word || '%' OR
                     (length(word) >= 3 AND word_similarity(word, key) >= ${WORD_SIMILARITY})) AS matches
        FROM unnest(${queries}::text[]) AS q, unnest(${KEYS}::text[]) AS key,
             unnest(string_to_array(q, ' ')) AS word
       GROUP BY q, key`;
    let matched = 0;
    for (const { q, key, matches } of rows) {
      if (matches) {
        matched++;
        expect(mayMatchByKey(q, key), `${q} ~ ${key}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(10);
    expect(rows.filter((r) => !mayMatchByKey(r.q, r.key)).length).toBeGreaterThan(rows.length / 2);
  });
});
