import { addDays } from 'date-fns';
import { isIsoDate, parseIsoDate } from '../gaps/dates';
import type { IsoDate } from '../gaps/types';

/** The query parameter of a permalink: the pair as it stood on that day. */
export const AS_OF_PARAM = 'asOf';

/** What an `asOf` parameter says: no date (today's page), a date, or why it is refused. */
export type AsOfResult = { ok: true; asOf: IsoDate | null } | { ok: false; message: string };

/**
 * Reads an `asOf` query value against today's UTC date: absent is today's page; a real
 * calendar date written YYYY-MM-DD, up to today, is a permalink; anything else is refused
 * with a sentence for the reader (the caller answers 400).
 */
export function parseAsOf(value: string | string[] | null | undefined, today: IsoDate): AsOfResult {
  if (value === null || value === undefined) return { ok: true, asOf: null };
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: true, asOf: null };
    if (value.length > 1) return { ok: false, message: 'Give one asOf date, not several.' };
    return parseAsOf(value[0], today);
  }
  const text = value.trim();
  if (!isIsoDate(text)) {
    return {
      ok: false,
      message: `asOf must be a calendar date written YYYY-MM-DD, such as 2022-05-13; "${value}" is not.`,
    };
  }
  if (text > today) {
    return {
      ok: false,
      message: `asOf (${text}) is in the future: the record can only be shown up to today, ${today} (UTC).`,
    };
  }
  return { ok: true, asOf: text };
}

/** The first instant after the day `asOf` (UTC): contacts logged from then on are left out. */
export function endOfDayUtc(asOf: IsoDate): Date {
  return new Date(addDays(parseIsoDate(asOf), 1));
}

/** An address with `asOf` set (or removed, for null), keeping its other parameters. */
export function withAsOf(href: string, asOf: IsoDate | null): string {
  const url = new URL(href, 'http://localhost');
  if (asOf === null) url.searchParams.delete(AS_OF_PARAM);
  else url.searchParams.set(AS_OF_PARAM, asOf);
  return `${url.pathname}${url.search}${url.hash}`;
}
