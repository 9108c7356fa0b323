import 'server-only';
import { getDb } from '../db';
import { Prisma } from '../generated/prisma/client';
import { normalizeName } from '../names';
import { FUZZY_MIN_LENGTH, keyWords, searchKey, WORD_SIMILARITY } from '../search-key.mjs';

/*
 * Finding officials however their name is written. Each name and other spelling is stored folded
 * (`name_search`: no accents, no case) and as its search key (`search_key`: transliterated to a normalised
 * Latin form, lib/search-key.mjs). A query matches a spelling when
 *   - its folded form is in the folded spelling (any script: "习近平" finds the spelling 习近平), or
 *   - its key is in the spelling's key ("Шойгу", "Schoigu" and "Shoygu" all have the key "shoigu"), or
 *   - each word of its key is in the spelling's key or, three letters or more, like a part of it by trigrams
 *     (pg_trgm's `word_similarity` at least WORD_SIMILARITY: "Shoigo", "Choïgou"); a shorter word must begin
 *     a word of it. Each word, not the whole query: "Sergej Schojgu" must not find every Sergei.
 * The trigram condition is the operator `<%`, which the GIN indexes on the keys answer, with its threshold
 * set for the transaction. lib/cache/tags.mjs relies on these rules (mayMatchByKey): change them together.
 *
 * Closeness ranks the officials: the whole name or key (1), the start of it (0.9), the start of a word
 * (0.85), inside it (0.8), else the trigram similarity scaled below those (at most 0.75), and a hair more
 * for a spelling that holds the query as written; an official counts with their best-matching spelling.
 */

/** One official a search found: how close, and the spelling that matched best. */
export type OfficialMatch = { id: string; score: number; matchedName: string; matchedAlias: boolean };

const likePattern = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The condition and closeness of a spelling (a row with `name_search` and `search_key`) for a query. */
function matchSql(q: string) {
  const folded = normalizeName(q);
  const key = searchKey(q);
  const inFolded = `%${likePattern(folded)}%`;
  const fuzzy = key.length >= FUZZY_MIN_LENGTH;
  const keyed = key !== '';
  const words = keyWords(key);
  const eachWord = words.map((word) =>
    word.length >= FUZZY_MIN_LENGTH
      ? Prisma.sql`(search_key LIKE ${`%${word}%`} OR ${word} <% search_key)`
      : Prisma.sql`' ' || search_key LIKE ${`% ${word}%`}`,
  );
  const condition = Prisma.sql`(name_search LIKE ${inFolded}
    ${words.length > 1 ? Prisma.sql`OR search_key LIKE ${`%${key}%`}` : Prisma.empty}
    ${keyed ? Prisma.sql`OR (${Prisma.join(eachWord, ' AND ')})` : Prisma.empty})`;
  const score = Prisma.sql`CASE
    WHEN name_search = ${folded} ${keyed ? Prisma.sql`OR search_key = ${key}` : Prisma.empty} THEN 1
    WHEN name_search LIKE ${`${likePattern(folded)}%`} ${keyed ? Prisma.sql`OR search_key LIKE ${`${key}%`}` : Prisma.empty} THEN 0.9
    WHEN name_search LIKE ${`% ${likePattern(folded)}%`} ${keyed ? Prisma.sql`OR search_key LIKE ${`% ${key}%`}` : Prisma.empty} THEN 0.85
    WHEN name_search LIKE ${inFolded} ${keyed ? Prisma.sql`OR search_key LIKE ${`%${key}%`}` : Prisma.empty} THEN 0.8
    ELSE ${fuzzy ? Prisma.sql`0.75 * greatest(similarity(search_key, ${key}), word_similarity(${key}, search_key))` : Prisma.sql`0`}
  END + CASE WHEN name_search LIKE ${inFolded} THEN 0.01 ELSE 0 END`;
  return { condition, score };
}

/**
 * Runs a read with the trigram threshold of this search set for its transaction, and with the trigram
 * indexes preferred to reading every row: PostgreSQL underrates what the similarity of each row costs, and
 * read 5,000 other spellings one by one (40 ms) where the index answered in 3 ms.
 */
async function withThresholds<T>(read: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true),
                              set_config('enable_seqscan', 'off', true)`;
    return read(tx);
  });
}

/**
 * The officials (not merged away) any of whose spellings matches `q`, closest first (then by name), a page of
 * them, and how many there are in all. Optionally only officials of some countries.
 */
export async function findOfficialMatches(options: {
  q: string;
  country?: string[];
  skip?: number;
  take?: number;
}): Promise<{ matches: OfficialMatch[]; total: number }> {
  const { q, country, skip = 0, take } = options;
  if (normalizeName(q) === '') return { matches: [], total: 0 };
  const { condition, score } = matchSql(q);
  const inCountry = country?.length ? Prisma.sql`AND o.country = ANY(${country}::text[])` : Prisma.empty;
  const rows = await withThresholds(
    (tx) => tx.$queryRaw<{ id: string; score: number; matched: string; alias: boolean; total: number }[]>`
      WITH spellings AS (
        SELECT id AS official_id, name, false AS alias, ${score} AS score
          FROM official WHERE merged_into_id IS NULL AND ${condition}
        UNION ALL
        SELECT official_id, name, true, ${score} FROM official_alias WHERE ${condition}
      ), best AS (
        SELECT DISTINCT ON (official_id) official_id, name, alias, score
          FROM spellings ORDER BY official_id, score DESC, alias, name
      )
      SELECT b.official_id AS id, b.score::float8 AS score, b.name AS matched, b.alias, count(*) OVER ()::int AS total
        FROM best b JOIN official o ON o.id = b.official_id AND o.merged_into_id IS NULL ${inCountry}
       ORDER BY b.score DESC, o.name, o.id
       ${take === undefined ? Prisma.empty : Prisma.sql`LIMIT ${take}`} OFFSET ${skip}`,
  );
  // A page past the last: count them on their own.
  const total = rows[0]?.total ?? (skip > 0 ? (await findOfficialMatches({ q, country, take: 1 })).total : 0);
  return {
    total,
    matches: rows.map((r) => ({ id: r.id, score: r.score, matchedName: r.matched, matchedAlias: r.alias })),
  };
}

/** The ids of every official (merged or not) any of whose spellings matches `q`: contact search by participant. */
export async function matchingOfficialIds(q: string): Promise<string[]> {
  if (normalizeName(q) === '') return [];
  const { condition } = matchSql(q);
  const rows = await withThresholds(
    (tx) => tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM official WHERE ${condition}
      UNION SELECT official_id FROM official_alias WHERE ${condition}`,
  );
  return rows.map((r) => r.id);
}
