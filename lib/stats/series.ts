/**
 * A pair's gap series read from the kept statistics: its held rows carry their
 * gaps already, so one indexed range scan answers it, with no participant join
 * and no window over the pair's history. The numbers come from the engine's
 * shared summary, as on every other path.
 */
import type { PrismaClient } from '../generated/prisma/client';
import { seriesFromRows, type HeldRow } from '../gaps/sql';
import type { ContactStatus, ContactType, GapSeries, IsoDate, PairKey } from '../gaps/types';

type Db = Pick<PrismaClient, '$queryRaw'>;

export async function seriesFromStats(db: Db, pair: PairKey, today: IsoDate): Promise<GapSeries> {
  const [held, others] = await Promise.all([
    db.$queryRaw<HeldRow[]>`
      SELECT a, b, contact_id AS id, to_char(date, 'YYYY-MM-DD') AS date,
             to_char(earliest, 'YYYY-MM-DD') AS earliest, to_char(latest, 'YYYY-MM-DD') AS latest,
             approximate, disputed, prev_contact_id AS "prevId", to_char(prev_date, 'YYYY-MM-DD') AS "prevDate",
             gap_days AS days, gap_min_days AS "minDays", gap_max_days AS "maxDays",
             gap_approximate AS "gapApproximate", gap_disputed AS "gapDisputed"
      FROM pair_contact
      WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND status = 'HELD'
      ORDER BY date, contact_id COLLATE "C"`,
    db.$queryRaw<{ id: string; date: IsoDate; status: Exclude<ContactStatus, 'HELD'>; type: ContactType }[]>`
      SELECT contact_id AS id, to_char(date, 'YYYY-MM-DD') AS date, status::text AS status, type::text AS type
      FROM pair_contact
      WHERE level = ${pair.level}::"PairLevel" AND a = ${pair.a} AND b = ${pair.b} AND status <> 'HELD'
      ORDER BY date, contact_id COLLATE "C"`,
  ]);
  return seriesFromRows(pair, held, others, today);
}
