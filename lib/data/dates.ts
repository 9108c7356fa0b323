import { parseIsoDate, toIsoDate } from '../gaps/dates';
import type { IsoDate } from '../gaps/types';

/** A `YYYY-MM-DD` date as the Date Prisma writes to a `date` column (UTC midnight). */
export function dbDate(date: IsoDate): Date {
  return parseIsoDate(date);
}

/** A `date` column's value back as `YYYY-MM-DD`. */
export function isoFromDb(date: Date): IsoDate {
  return toIsoDate(date);
}

/** The same for a nullable column. */
export function isoFromDbOrNull(date: Date | null): IsoDate | null {
  return date === null ? null : toIsoDate(date);
}
