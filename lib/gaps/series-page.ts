/**
 * A page of a pair's gaps, counted back from the latest, for a series too long
 * to send whole. Every number of the series stays the whole series'; only its
 * gaps (and the markers that go with them) are cut.
 *
 * A page is asked for by a cursor, `DATE~ID`: the held contact the page ends
 * at. It holds the latest gaps that ended on or before that contact; the silence
 * that closed when an official left office (always the last gap) counts as
 * ending just after the last held contact. The cursor of the next older page is
 * the contact that began the oldest gap shown, so that page ends where this one
 * starts. This module is the rule in memory; lib/data/gaps.ts follows it in
 * PostgreSQL, and the tests hold the two together.
 */
import type { Cursor } from '../paging';
import type { Gap, GapSeries } from './types';

/** One page of a series: the series with only the page's gaps, how many there are in all, and what comes before. */
export type GapPage = {
  /**
   * The whole series' numbers with the page's gaps, oldest first. Its
   * `leadingMarkers` (before the first held contact) are set only on the page
   * that holds the first gap, or when the series has no gap.
   */
  series: GapSeries;
  /** Gaps in the whole series, a closed silence included. */
  total: number;
  /** The cursor of the next older page; null when this page reaches the first gap (or nothing is left). */
  older: Cursor | null;
  /** The latest page (asked for without a cursor): the one that also lists the running silence's markers. */
  newest: boolean;
  /** The whole series' silence closed when an official left office (its last gap), on this page or not. */
  closedSilence: Gap | null;
};

/** `x` comes before `y` in the order of a pair's contacts: date, then id in "C" collation. */
export function cursorBefore(x: Cursor, y: Cursor): boolean {
  return x.date < y.date || (x.date === y.date && x.id < y.id);
}

/** Whether a gap lies on or before the cursor: a held gap by the contact that ended it, a closed silence by the one that began it. */
export function gapWithin(gap: Gap, before: Cursor | null): boolean {
  if (before === null) return true;
  if (gap.toContactId === null) return cursorBefore({ date: gap.from, id: gap.fromContactId }, before);
  return !cursorBefore(before, { date: gap.to, id: gap.toContactId });
}

/** The cursor of the page older than one whose oldest gap is `gap`: the contact that began it. */
export function olderCursor(gap: Gap): Cursor {
  return { date: gap.from, id: gap.fromContactId };
}

/** Whether a page with these gaps and no older page holds the series' first gap (or the series has none). */
export function holdsFirstGap(page: Gap[], older: Cursor | null, total: number): boolean {
  return older === null && (page.length > 0 || total === 0);
}

/** The page of a whole series in memory: the latest `limit` gaps on or before `before` (the latest without it). */
export function pageOfSeries(series: GapSeries, before: Cursor | null, limit: number): GapPage {
  const end = series.gaps.filter((gap) => gapWithin(gap, before)).length;
  const start = Math.max(0, end - limit);
  const gaps = series.gaps.slice(start, end);
  const older = start > 0 ? olderCursor(gaps[0]) : null;
  const total = series.gaps.length;
  const last = series.gaps.at(-1);
  return {
    series: { ...series, gaps, leadingMarkers: holdsFirstGap(gaps, older, total) ? series.leadingMarkers : [] },
    total,
    older,
    newest: before === null,
    closedSilence: last?.closedBy ? last : null,
  };
}
