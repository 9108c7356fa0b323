import { UTCDate } from '@date-fns/utc';
import { TZDate } from '@date-fns/tz';
import {
  addDays,
  differenceInCalendarDays,
  endOfMonth,
  endOfYear,
  formatISO,
  isValid,
  startOfMonth,
  startOfYear,
} from 'date-fns';
import type { DatePrecision, IsoDate } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses `YYYY-MM-DD` as a UTC calendar day; throws on anything else. */
export function parseIsoDate(value: IsoDate): UTCDate {
  // Midnight UTC, explicitly: date-fns' parseISO reads a bare date as local midnight, which
  // east of UTC is the day before in UTC (and every date failed the check below).
  const date = new UTCDate(ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN);
  // 2022-02-30 may roll over into March; a real date must survive the round trip.
  if (!isValid(date) || toIsoDate(date) !== value) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  }
  return date;
}

/** True for a real calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

/** Formats a date's UTC calendar day as `YYYY-MM-DD`. */
export function toIsoDate(date: Date): IsoDate {
  return formatISO(new UTCDate(date), { representation: 'date' });
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseIsoDate(to), parseIsoDate(from));
}

/** The calendar day `days` after `date` (before it, for a negative count). */
export function addIsoDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(addDays(parseIsoDate(date), days));
}

/** Today's calendar date in UTC, which is what current silences count to. */
export function todayUtc(now: Date = new Date()): IsoDate {
  return toIsoDate(now);
}

/** The last day a date of this precision can stand for (31 Dec for a YEAR). */
export function periodEnd(date: IsoDate, precision: DatePrecision): IsoDate {
  if (precision === 'DAY') return date;
  const day = parseIsoDate(date);
  return toIsoDate(precision === 'MONTH' ? endOfMonth(day) : endOfYear(day));
}

/**
 * The instant of a local time in an IANA time zone: 23:30 in America/New_York on
 * 2022-05-12 is 2022-05-13T03:30Z. The counted date stays the one the source gives.
 */
export function localTimeToInstant(date: IsoDate, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const instant = new TZDate(year, month - 1, day, hours, minutes, timeZone);
  if (!isValid(instant)) throw new RangeError(`Not a valid time in ${timeZone}: ${date} ${time}`);
  return new Date(instant.getTime());
}

/** The first day of the month or year a date falls in (the date itself for DAY). */
export function periodStart(date: IsoDate, precision: DatePrecision): IsoDate {
  if (precision === 'DAY') return date;
  const day = parseIsoDate(date);
  return toIsoDate(precision === 'MONTH' ? startOfMonth(day) : startOfYear(day));
}
