import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import { parseIsoDate } from './gaps/dates';
import type { DatePrecision, IsoDate } from './gaps/types';
import { countryName } from './countries';

const integer = new Intl.NumberFormat('en-GB');

/** An unambiguous date for people: "13 May 2022", "May 2022" or "2022" by precision. */
export function formatDate(date: IsoDate, precision: DatePrecision = 'DAY'): string {
  const day = new UTCDate(parseIsoDate(date));
  if (precision === 'YEAR') return format(day, 'yyyy');
  if (precision === 'MONTH') return format(day, 'MMMM yyyy');
  return format(day, 'd MMM yyyy');
}

/** "1 day", "84 days", "1,658 days". */
export function formatDays(days: number): string {
  return `${integer.format(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** A day count with its possible range when it is not exact: "90–97 days". */
export function formatDayRange(gap: { days: number; minDays: number; maxDays: number }): string {
  if (gap.minDays === gap.maxDays) return formatDays(gap.days);
  return `${integer.format(gap.minDays)}–${integer.format(gap.maxDays)} days`;
}

/** A plain number with thousands separators. */
export function formatNumber(value: number): string {
  return integer.format(value);
}

/** "met officials of France", "met officials of France and Japan": the side of a contact a record does not name. */
export function unnamedPhrase(countries: readonly string[]): string {
  const names = countries.map(countryName);
  const list = names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `met officials of ${list}`;
}

/** A chart's last day in words: "today, 5 Dec 2026", or "as of 1 Apr 2022" on a permalink of a past day. */
export function nowText(nowLabel: string, today: IsoDate): string {
  return nowLabel === 'today' ? `today, ${formatDate(today)}` : `${nowLabel} ${formatDate(today)}`;
}

/** An instant as "13 May 2022 14:03 UTC". */
export function formatInstant(value: string | Date): string {
  const at = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(at.getTime())) return String(value);
  const iso = at.toISOString();
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}
