import 'server-only';
import { getDb } from '../db';
import { CHANNEL_DETAILS_SELECT, withIsoChannelDates } from './channel-edits';
import { isoFromDb } from './dates';

/** Context events that concern any of these countries (or everyone), oldest first. */
export async function listContextEvents(countries: string[]) {
  const events = await getDb().contextEvent.findMany({
    where: { OR: [{ countries: { isEmpty: true } }, { countries: { hasSome: countries } }] },
    orderBy: { date: 'asc' },
    select: { id: true, date: true, title: true, description: true, url: true, countries: true },
  });
  return events.map((e) => ({ ...e, date: isoFromDb(e.date) }));
}

/** Standing channels (hotlines, deconfliction lines) between any of these countries. */
export async function listChannels(countries: string[]) {
  const channels = await getDb().channel.findMany({
    where: { countries: { hasSome: countries } },
    orderBy: { establishedOn: 'asc' },
    select: { id: true, slug: true, ...CHANNEL_DETAILS_SELECT },
  });
  return channels
    .filter((c) => countries.every((code) => c.countries.includes(code)))
    .map((c) => withIsoChannelDates(c));
}
