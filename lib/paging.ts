/*
 * Pages of long lists that a page already holds in order, so that no single
 * request renders a whole history however it is asked.
 */
import { isIsoDate } from './gaps/dates';

/** A contact's place in a list ordered by date, then id: `2022-05-13~cm1abc`. */
export type Cursor = { date: string; id: string };

/** Reads a cursor from a URL parameter; null when it is missing or not one (30 February is not). */
export function parseCursor(raw: string | string[] | undefined): Cursor | null {
  if (typeof raw !== 'string') return null;
  const match = /^(\d{4}-\d{2}-\d{2})~([\w-]{1,64})$/.exec(raw);
  return match && isIsoDate(match[1]) ? { date: match[1], id: match[2] } : null;
}

/** The cursor of an item, for a URL. */
export function cursorOf(item: Cursor): string {
  return `${item.date}~${item.id}`;
}

function before(x: Cursor, y: Cursor): boolean {
  return x.date < y.date || (x.date === y.date && x.id < y.id);
}

/** One page of a list ordered by (date, id) ascending, counted back from the newest. */
export type KeysetPage<T> = {
  items: T[];
  /** Position of the first item shown, from 1, and of the last. */
  from: number;
  to: number;
  total: number;
  /** The cursor that shows the page just older than this one, null on the oldest. */
  older: string | null;
  /** The cursor of the newer page: null for the latest page itself, '' when the newer page is the latest. */
  newer: string | null;
  /** The date of the first item after this page (null on the latest page). */
  nextDate: string | null;
};

/**
 * The `size` items just before `cursor` (the newest `size` without one): keyset
 * paging, latest first, so a page stays the same page while contacts are added.
 */
export function pageBefore<T extends Cursor>(items: T[], cursor: Cursor | null, size: number): KeysetPage<T> {
  let end = items.length;
  if (cursor !== null) {
    const at = items.findIndex((item) => !before(item, cursor));
    end = at === -1 ? items.length : at;
  }
  const start = Math.max(0, end - size);
  const newerEnd = end + size;
  return {
    items: items.slice(start, end),
    from: start + 1,
    to: end,
    total: items.length,
    older: start > 0 ? cursorOf(items[start]) : null,
    newer: end >= items.length ? null : newerEnd >= items.length ? '' : cursorOf(items[newerEnd]),
    nextDate: end < items.length ? items[end].date : null,
  };
}

/** Reads a page number (1, 2, …) from a URL parameter; 1 when it is missing or not a number. */
export function parsePageNumber(raw: string | string[] | undefined): number {
  const value = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, value);
}

/** One numbered page of a list: its items, the page actually shown (the last when asked past it) and the count. */
export function pageOf<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const shown = Math.min(page, pages);
  return { items: items.slice((shown - 1) * size, shown * size), page: shown, pages };
}
