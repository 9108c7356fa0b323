/**
 * Keeps `pair_contact` and `pair_stat` exact, inside the transaction of every
 * write that changes a contact, its participants, its sources' claimed dates
 * or the offices its participants held (see lib/stats/sql.ts for the tables).
 *
 * A write calls `syncContactStats(tx, contactIds)` once, as its last step,
 * after it has changed the contacts. The pairs the contacts counted for before
 * and count for now are locked in one fixed order (transaction-scoped advisory
 * locks, sorted), so concurrent writes to the same pairs queue instead of
 * deadlocking, and two writes to different pairs never wait for each other.
 * If the transaction fails afterwards, the statistics roll back with it.
 */
import {
  ALL,
  CONTACTS,
  contactTag,
  countryTag,
  officeTag,
  officialTag,
  pairTag,
  publishInvalidation,
  SEARCH,
} from '../cache/invalidate';
import { normalizeName } from '../names';
import { Prisma } from '../generated/prisma/client';
import type { PairLevel } from '../gaps/types';
import {
  adjustGapLengthsSql,
  inScopeSql,
  pairRowsSql,
  relinkPairsSql,
  relinkSql,
  upsertStatsSql,
  WHOLE_TABLE_SETTINGS,
  type ContactScope,
  type PairDeltas,
} from './sql';

type Tx = Prisma.TransactionClient;

/**
 * The transaction options of writes that move a whole official's contacts (a
 * merge, its undo, changed tenures or country): their statistics step grows
 * with the official's history, so they get a minute rather than Prisma's 5 s.
 */
export const LONG_WRITE = { timeout: 60_000, maxWait: 10_000 };

/** The namespace of Counterpart's pair locks among PostgreSQL advisory locks. */
export const PAIR_LOCK_NAMESPACE = 7301;

/**
 * Past this many pairs, a write locks the statistics tables rather than each pair: PostgreSQL keeps 64
 * locks per connection by default (`max_locks_per_transaction`), shared across the server.
 */
const MAX_PAIR_LOCKS = 500;

/** A pair, as the statistics key it. */
export type StatPair = { level: PairLevel; a: string; b: string };

type PairRow = StatPair & { lock: number };
type ChangedRow = StatPair & { d: string; status: string };
/** A row's gap: its length in days, and whether it is approximate or disputed (all null: no gap). */
type GapColumns = { days: number | null; approximate: boolean | null; disputed: boolean | null };
type RemovedRow = ChangedRow & GapColumns;
type RelinkedRow = StatPair &
  GapColumns & { oldDays: number | null; oldApproximate: boolean | null; oldDisputed: boolean | null };

function columns(pairs: StatPair[]) {
  return { levels: pairs.map((p) => p.level), as: pairs.map((p) => p.a), bs: pairs.map((p) => p.b) };
}

/** Past this many changed days in one pair, the pair is re-linked whole, in one window. */
const WHOLE_PAIR_AFTER = 16;

/** The changed days of each pair to re-link around, or `-infinity` for the whole pair. */
function relinkDays(rows: ChangedRow[]): ChangedRow[] {
  const byPair = new Map<string, ChangedRow[]>();
  for (const row of rows) {
    const key = `${row.level}~${row.a}~${row.b}`;
    // Pushed, not copied: a bulk write brings tens of thousands of rows to one pair.
    const list = byPair.get(key);
    if (list) list.push(row);
    else byPair.set(key, [row]);
  }
  return [...byPair.values()].flatMap((list) =>
    new Set(list.map((row) => row.d)).size > WHOLE_PAIR_AFTER ? [{ ...list[0], d: '-infinity' }] : list,
  );
}

/**
 * Recomputes the pair rows of the given contacts (live or deleted) and the
 * statistics of every pair they count or counted for. Returns those pairs.
 */
export async function syncContactStats(
  tx: Tx,
  contactIds: string[],
  options: { bulk?: boolean; searchBefore?: SearchedText[] } = {},
): Promise<StatPair[]> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return [];
  // Many contacts (an import) go into a table to join with; a few, into the statements themselves.
  const many = ids.length > 1000;
  if (many) {
    await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS sync_ids (id text PRIMARY KEY) ON COMMIT DROP`;
    await tx.$executeRaw`DELETE FROM sync_ids`;
    await tx.$executeRaw`INSERT INTO sync_ids SELECT DISTINCT unnest(${ids}::text[])`;
    await tx.$executeRaw`ANALYZE sync_ids`;
  }
  const scope: ContactScope = many ? { table: 'sync_ids' } : { ids };

  const pairs = await tx.$queryRaw<PairRow[]>`
    WITH touched AS (
      SELECT level::text AS level, a, b FROM pair_contact WHERE true ${inScopeSql(scope, Prisma.raw('contact_id'))}
      UNION
      SELECT level::text, a, b FROM (${pairRowsSql(scope)}) r
    )
    SELECT level, a, b, hashtext(level || '~' || a || '~' || b) AS lock FROM touched`;
  if (pairs.length === 0) return [];

  const bulk = options.bulk === true || pairs.length > MAX_PAIR_LOCKS;
  if (bulk) {
    // A bulk write (an import) would need more locks than PostgreSQL keeps per transaction: it takes the
    // tables instead, as a rebuild does. Other writes' statistics steps wait for it; reads go on.
    await tx.$executeRaw`LOCK TABLE pair_contact, pair_stat, pair_gap_length IN EXCLUSIVE MODE`;
    // Hash joins over the many rows, whatever the estimates (as a rebuild plans).
    for (const setting of WHOLE_TABLE_SETTINGS) await tx.$executeRawUnsafe(setting);
  } else {
    // One order for every transaction: by lock key, then pair. unnest() hands the keys to
    // pg_advisory_xact_lock in array order.
    const locks = [...new Set(pairs.map((p) => p.lock))].sort((x, y) => x - y);
    await tx.$queryRaw`
      SELECT count(pg_advisory_xact_lock(${PAIR_LOCK_NAMESPACE}::int, k)) FROM unnest(${locks}::int[]) AS k`;
  }

  const removed = await tx.$queryRaw<RemovedRow[]>`
    DELETE FROM pair_contact WHERE true ${inScopeSql(scope, Prisma.raw('contact_id'))}
    RETURNING level::text AS level, a, b, to_char(date, 'YYYY-MM-DD') AS d, status::text AS status,
              gap_days AS days, gap_approximate AS approximate, gap_disputed AS disputed`;
  const added = await tx.$queryRaw<ChangedRow[]>`
    INSERT INTO pair_contact (level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed)
    SELECT level, a, b, contact_id, date, status, type, earliest, latest, approximate, disputed
    FROM (${pairRowsSql(scope)}) r
    RETURNING level::text AS level, a, b, to_char(date, 'YYYY-MM-DD') AS d, status::text AS status`;

  const changed = relinkDays([...removed, ...added].filter((row) => row.status === 'HELD'));
  const relinked =
    changed.length === 0
      ? []
      : await tx.$queryRaw<RelinkedRow[]>(
          // A bulk write re-links its pairs whole, in one window; another, around its changed days.
          bulk
            ? relinkPairsSql(columns(changed))
            : relinkSql({ ...columns(changed), days: changed.map((row) => row.d) }),
        );

  const { deltas, lengths } = figureChanges(pairs, removed, added, relinked);
  if (lengths.days.length > 0) {
    const { upsert, prune } = adjustGapLengthsSql(lengths);
    await tx.$executeRaw(upsert);
    // Only a removal can leave a length with no gap.
    if (lengths.gaps.some((gaps) => gaps < 0)) {
      const dropped = await tx.$queryRaw<{ gaps: number }[]>(prune);
      // Only a bug, or rows changed by hand, can take away gaps a pair did not have.
      if (dropped.some((row) => row.gaps < 0))
        throw new Error('The pair statistics are out of step: run `npm run cli -- rebuild`');
    }
  }
  await tx.$executeRaw(upsertStatsSql(deltas));
  // Only a write that removed rows can leave a pair with none.
  if (removed.length > 0) {
    const scope = columns(pairs);
    await tx.$executeRaw`
      DELETE FROM pair_stat s
      USING unnest(${scope.levels}::text[], ${scope.as}::text[], ${scope.bs}::text[]) AS t(level, a, b)
      WHERE s.level = t.level::"PairLevel" AND s.a = t.a AND s.b = t.b
        AND NOT EXISTS (SELECT 1 FROM pair_contact pc WHERE pc.level = s.level AND pc.a = s.a AND pc.b = s.b)`;
  }
  const synced = pairs.map(({ level, a, b }) => ({ level, a, b }));
  if (bulk) {
    // A bulk write may have touched any page: every server empties its cache when it commits.
    await publishInvalidation(tx, [ALL]);
  } else if (options.searchBefore === undefined) {
    await publishInvalidation(tx, [...(await tagsOfPairs(tx, synced, ids)), SEARCH]);
  } else {
    const texts = await searchedTexts(tx, ids, options.searchBefore);
    await publishInvalidation(tx, await tagsOfPairs(tx, synced, ids), texts);
  }
  return synced;
}

/**
 * What a write changed in each pair's figures, from the rows it removed (with their gaps), the rows it
 * added (no gap yet) and the rows it re-linked (gap before and after): the deltas of `pair_stat`'s counts
 * and sums, and of `pair_gap_length`, one entry per pair and per pair and length.
 */
function figureChanges(
  pairs: StatPair[],
  removed: RemovedRow[],
  added: ChangedRow[],
  relinked: RelinkedRow[],
): { deltas: PairDeltas; lengths: { levels: string[]; as: string[]; bs: string[]; days: number[]; gaps: number[] } } {
  const key = (p: StatPair) => `${p.level}~${p.a}~${p.b}`;
  const zero = { contacts: 0, held: 0, gaps: 0, days: 0, approximate: 0, disputed: 0 };
  const byPair = new Map(pairs.map((p) => [key(p), { pair: p, ...zero }]));
  const byLength = new Map<string, { pair: StatPair; days: number; gaps: number }>();
  const entry = (p: StatPair) => {
    const found = byPair.get(key(p));
    if (found === undefined) throw new Error(`Pair ${key(p)} changed without its lock`);
    return found;
  };
  const count = (p: StatPair, gap: GapColumns, sign: 1 | -1) => {
    if (gap.days === null) return;
    const figures = entry(p);
    figures.gaps += sign;
    figures.days += sign * gap.days;
    if (gap.approximate) figures.approximate += sign;
    if (gap.disputed) figures.disputed += sign;
    const lengthKey = `${key(p)}~${gap.days}`;
    const length = byLength.get(lengthKey) ?? { pair: p, days: gap.days, gaps: 0 };
    length.gaps += sign;
    byLength.set(lengthKey, length);
  };
  for (const row of removed) {
    entry(row).contacts -= 1;
    if (row.status === 'HELD') entry(row).held -= 1;
    count(row, row, -1);
  }
  for (const row of added) {
    entry(row).contacts += 1;
    if (row.status === 'HELD') entry(row).held += 1;
  }
  for (const row of relinked) {
    count(row, { days: row.oldDays, approximate: row.oldApproximate, disputed: row.oldDisputed }, -1);
    count(row, row, 1);
  }
  const figures = [...byPair.values()];
  const lengths = [...byLength.values()].filter((length) => length.gaps !== 0);
  return {
    deltas: {
      ...columns(figures.map((f) => f.pair)),
      contacts: figures.map((f) => f.contacts),
      held: figures.map((f) => f.held),
      gaps: figures.map((f) => f.gaps),
      days: figures.map((f) => f.days),
      approximate: figures.map((f) => f.approximate),
      disputed: figures.map((f) => f.disputed),
    },
    lengths: {
      ...columns(lengths.map((l) => l.pair)),
      days: lengths.map((l) => l.days),
      gaps: lengths.map((l) => l.gaps),
    },
  };
}

/** What search matched a contact on before a write changed it (its snapshot has these). */
export type SearchedText = { summary: string | null; topics: string[]; participants: string[] };

/**
 * The texts search matches the contacts on (lib/data/contacts.ts's textSearchWhere), folded, before and after
 * the write: their summaries and topics, and their participants' names and aliases (participants before the
 * write by slug). A search page for a text none of these contains shows the same after the write as before
 * (lib/cache/tags.mjs), so its cached copy may stay.
 */
async function searchedTexts(tx: Tx, contactIds: string[], before: SearchedText[]): Promise<string[]> {
  const slugsBefore = before.flatMap((b) => b.participants);
  const rows = await tx.$queryRaw<{ text: string | null }[]>`
    WITH named AS (
      SELECT official_id AS id FROM participant WHERE contact_id = ANY(${contactIds}::text[])
      UNION SELECT id FROM official WHERE slug = ANY(${slugsBefore}::text[])
    )
    SELECT summary AS text FROM contact WHERE id = ANY(${contactIds}::text[])
    UNION ALL SELECT unnest(topics) FROM contact WHERE id = ANY(${contactIds}::text[])
    UNION ALL SELECT name FROM official WHERE id IN (SELECT id FROM named)
    UNION ALL SELECT name FROM official_alias WHERE official_id IN (SELECT id FROM named)`;
  const texts = [...rows.map((row) => row.text), ...before.flatMap((b) => [b.summary, ...b.topics])];
  return [...new Set(texts.filter((text): text is string => text !== null).map(normalizeName))];
}

/**
 * The response-cache tags of pages that show these pairs or contacts (lib/cache/tags.mjs): each
 * pair's page, its sides' pages, the contacts' own, and every list of contacts (search pages aside:
 * the caller purges them, all or by text).
 */
async function tagsOfPairs(tx: Tx, pairs: StatPair[], contactIds: string[]): Promise<string[]> {
  const officialIds = [...new Set(pairs.filter((p) => p.level === 'OFFICIAL').flatMap((p) => [p.a, p.b]))];
  const officials =
    officialIds.length === 0
      ? []
      : await tx.$queryRaw<{ id: string; slug: string }[]>`
          SELECT id, slug FROM official WHERE id = ANY(${officialIds}::text[])`;
  const slugOf = new Map(officials.map((o) => [o.id, o.slug]));
  const sideTag = {
    OFFICIAL: (id: string) => officialTag(slugOf.get(id) ?? id),
    OFFICE: officeTag,
    COUNTRY: countryTag,
  };
  const ref = (level: PairLevel, key: string) => (level === 'OFFICIAL' ? (slugOf.get(key) ?? key) : key);
  return [
    CONTACTS,
    ...contactIds.map(contactTag),
    ...pairs.flatMap((p) => [
      pairTag(p.level, ref(p.level, p.a), ref(p.level, p.b)),
      sideTag[p.level](p.a),
      sideTag[p.level](p.b),
    ]),
  ];
}

/**
 * Purges the cached pages that show these contacts, for a write that changes what they show but
 * not their statistics (verification, an expected contact resolved, a channel cleared).
 */
export async function publishContactChange(tx: Tx, contactIds: string[]): Promise<void> {
  const pairs = await tx.$queryRaw<StatPair[]>`
    SELECT DISTINCT level::text AS level, a, b FROM pair_contact WHERE contact_id = ANY(${contactIds}::text[])`;
  await publishInvalidation(tx, [...(await tagsOfPairs(tx, pairs, contactIds)), SEARCH]);
}

/** The live and deleted contacts one of these officials takes part in: what a change to them moves. */
export async function contactIdsOfOfficials(tx: Tx, officialIds: string[]): Promise<string[]> {
  if (officialIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT contact_id AS id FROM participant WHERE official_id = ANY(${officialIds}::text[])`;
  return rows.map((row) => row.id);
}
