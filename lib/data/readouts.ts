import 'server-only';
import { getDb } from '../db';
import { todayUtc } from '../gaps/dates';
import { analyseReadout } from '../readouts/analyse';
import { countriesNamed } from '../readouts/mentions';
import { publisherOf } from '../readouts/source';
import { nameTokens } from '../readouts/text';
import type { DirectoryOfficial, ReadoutAnalysis, ReadoutInput } from '../readouts/types';
import { isoFromDb, isoFromDbOrNull } from './dates';

/** Officials loaded for one readout at most: the names in a readout are few, and a title is one office. */
const MAX_OFFICIALS = 500;

/**
 * The officials a readout may name: those with a spelling that shares a word
 * with the text's capitalised words, and those holding a position in a
 * country it names or publishes it (for "the Russian Minister of Defense", or
 * a government's "the Defence Secretary"). Merged officials
 * are left out: their spellings moved to the official they were merged into.
 */
export async function loadReadoutDirectory(
  text: string,
  homeCountry: string | null = null,
): Promise<DirectoryOfficial[]> {
  const tokens = nameTokens(text);
  const countries = [...new Set([...countriesNamed(text), ...(homeCountry ? [homeCountry] : [])])];
  const db = getDb();
  const byName =
    tokens.length === 0
      ? []
      : await db.$queryRaw<{ id: string }[]>`
          SELECT o.id FROM official o
           WHERE o.merged_into_id IS NULL
             AND (string_to_array(o.name_search, ' ') && ${tokens}::text[]
                  OR EXISTS (SELECT 1 FROM official_alias a
                              WHERE a.official_id = o.id AND string_to_array(a.name_search, ' ') && ${tokens}::text[]))
           LIMIT ${MAX_OFFICIALS}`;
  const byOffice =
    countries.length === 0
      ? []
      : await db.position.findMany({
          where: { office: { country: { in: countries } }, official: { mergedIntoId: null } },
          select: { officialId: true },
          take: MAX_OFFICIALS,
        });
  const ids = [...new Set([...byName.map((r) => r.id), ...byOffice.map((p) => p.officialId)])];
  if (ids.length === 0) return [];
  const rows = await db.official.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      slug: true,
      name: true,
      country: true,
      aliases: { select: { name: true } },
      positions: {
        select: { title: true, officeKey: true, startDate: true, endDate: true },
        orderBy: { startDate: 'asc' },
      },
    },
    orderBy: { name: 'asc' },
  });
  return rows.map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    country: o.country,
    spellings: [o.name, ...o.aliases.map((a) => a.name)],
    positions: o.positions.map((p) => ({
      title: p.title,
      officeKey: p.officeKey,
      startDate: isoFromDb(p.startDate),
      endDate: isoFromDbOrNull(p.endDate),
    })),
  }));
}

/** Reads a readout into a proposed contact; writes nothing. Relative dates resolve against `publishedAt`, else today (UTC). */
export async function parseReadout(input: ReadoutInput, now: Date = new Date()): Promise<ReadoutAnalysis> {
  const homeCountry = input.url ? (publisherOf(input.url)?.country ?? null) : null;
  const officials = await loadReadoutDirectory(input.text, homeCountry);
  return analyseReadout({ ...input, today: todayUtc(now), officials });
}
