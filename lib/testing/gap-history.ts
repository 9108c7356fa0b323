/**
 * A small history with every case a page of gaps must get right, written
 * straight into the tables and then rebuilt into the statistics: markers
 * inside gaps, on the day of the held contact that ended one, before the
 * first held contact and after the last; two held contacts on one day (a
 * 0-day gap); month-precision dates; dates the sources dispute. Lana Long (US,
 * US:SECDEF) talks to Boris Bulk (RU, RU:MINDEF) and to Cleo Chief (RU,
 * RU:CGS), so that the official, office and country pairs differ.
 */
import type { Actor } from '../data/actor';
import { createOfficial } from '../data/officials';
import { getDb } from '../db';
import { addIsoDays } from '../gaps/dates';
import { makePairKey } from '../gaps/engine';
import type { PairKey } from '../gaps/types';
import { rebuildPairStats } from '../stats/rebuild';
import { ZOfficialInput } from '../validation/official';

const actor: Actor = { userId: null, via: 'cli' };

type Row = { id: string; date: string; precision: 'DAY' | 'MONTH'; status: string; with: 'b' | 'c'; claimed?: string };

function rows(): Row[] {
  const list: Row[] = [{ id: 'a0lead', date: '1999-12-01', precision: 'DAY', status: 'REFUSED', with: 'b' }];
  let date = '2000-01-01';
  for (let i = 1; i <= 40; i++) {
    // Every ninth on the day of the one before it.
    if (i % 9 !== 0) date = addIsoDays(date, 17 + (i % 4) * 5);
    const month = i % 11 === 0;
    const row: Row = {
      id: `c${String(i).padStart(3, '0')}`,
      date: month ? `${date.slice(0, 8)}01` : date,
      precision: month ? 'MONTH' : 'DAY',
      status: i === 1 ? 'REQUESTED' : i % 5 === 0 ? 'REFUSED' : i % 7 === 0 ? 'SCHEDULED' : 'HELD',
      with: i % 4 === 3 ? 'c' : 'b',
      ...(i % 6 === 0 && { claimed: addIsoDays(date, 3) }),
    };
    list.push(row);
    // A refusal on the day of some held contacts: it belongs to the gap they ended.
    if (i === 12 || i === 18 || i === 27)
      list.push({ ...row, id: `m${row.id}`, status: 'REFUSED', claimed: undefined });
  }
  list.push({ id: 'z0after', date: addIsoDays(date, 40), precision: 'DAY', status: 'REQUESTED', with: 'b' });
  return list;
}

/** Writes the history; `borisLeft`: the day Boris Bulk left office (his pair's silence closes), or null. */
export async function writeGapHistory(borisLeft: string | null) {
  const make = (name: string, country: string, office: string, end: string | null) =>
    createOfficial(
      ZOfficialInput.parse({
        name,
        country,
        positions: [{ title: office, officeKey: office, startDate: '1990-01-01', endDate: end ?? undefined }],
      }),
      actor,
    );
  const lana = await make('Lana Long', 'US', 'US:SECDEF', null);
  const boris = await make('Boris Bulk', 'RU', 'RU:MINDEF', borisLeft);
  const cleo = await make('Cleo Chief', 'RU', 'RU:CGS', null);
  const history = rows();
  const db = getDb();
  await db.$executeRaw`
    INSERT INTO contact (id, date, date_precision, type, status, updated_at)
    SELECT id, date::date, precision::"DatePrecision", 'CALL', status::"ContactStatus", now()
    FROM unnest(${history.map((r) => r.id)}::text[], ${history.map((r) => r.date)}::text[],
                ${history.map((r) => r.precision)}::text[], ${history.map((r) => r.status)}::text[])
      AS t(id, date, precision, status)`;
  const other = (row: Row) => (row.with === 'b' ? boris : cleo);
  const otherOffice = (row: Row) => (row.with === 'b' ? 'RU:MINDEF' : 'RU:CGS');
  await db.$executeRaw`
    INSERT INTO participant (contact_id, official_id, country, office_key)
    SELECT contact_id, official_id, country, office_key
    FROM unnest(${[...history.map((r) => r.id), ...history.map((r) => r.id)]}::text[],
                ${[...history.map(() => lana.id), ...history.map((r) => other(r).id)]}::text[],
                ${[...history.map(() => 'US'), ...history.map(() => 'RU')]}::text[],
                ${[...history.map(() => 'US:SECDEF'), ...history.map(otherOffice)]}::text[])
      AS t(contact_id, official_id, country, office_key)`;
  await db.$executeRaw`
    INSERT INTO source (id, contact_id, url, claimed_date)
    SELECT 's' || id, id, 'https://example.org/' || id, claimed::date
    FROM unnest(${history.map((r) => r.id)}::text[], ${history.map((r) => r.claimed ?? null)}::text[]) AS t(id, claimed)`;
  await rebuildPairStats(db);
  const pairs: Record<string, PairKey> = {
    'Lana–Boris': makePairKey('OFFICIAL', lana.id, boris.id),
    'Lana–Cleo': makePairKey('OFFICIAL', lana.id, cleo.id),
    'SECDEF–MINDEF': makePairKey('OFFICE', 'US:SECDEF', 'RU:MINDEF'),
    'US–RU': makePairKey('COUNTRY', 'US', 'RU'),
  };
  return { lana, boris, cleo, pairs };
}
