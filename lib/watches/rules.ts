/*
 * When a watched silence is past its threshold, and what the watch job records when that changes.
 * Pure: the job (job.ts) reads the pair's statistics and the watch's state, and writes what `decide`
 * returns in one transaction, so a re-run finds nothing left to do.
 */
import { daysBetween } from '../gaps/dates';
import type { IsoDate } from '../gaps/types';

/** A watch's threshold as set: a number of days, or a multiple of the pair's median gap. */
export type Threshold = { days: number; multiple?: undefined } | { days?: undefined; multiple: number };

/** The threshold in days: a multiple of the median rounded up; null while the pair has no gap to take a median of. */
export function thresholdDays(threshold: Threshold, medianDays: number | null): number | null {
  if (threshold.days !== undefined) return threshold.days;
  if (medianDays === null) return null;
  return Math.max(1, Math.ceil(threshold.multiple * medianDays - 1e-9));
}

/** How the threshold reads: "30 days", "2 × the median gap (84 days)". */
export function thresholdText(threshold: Threshold, medianDays: number | null): string {
  const count = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'day' : 'days'}`;
  if (threshold.days !== undefined) return count(threshold.days);
  const days = thresholdDays(threshold, medianDays);
  return `${threshold.multiple} × the median gap${days === null ? ' (no gap yet)' : ` (${count(days)})`}`;
}

/** A pair's silence as the job sees it today. */
export type PairNow = {
  /** The day of the last held contact, or null for a pair with none. */
  since: IsoDate | null;
  /** Whether the silence still runs (lib/stats/lists isRunning). */
  running: boolean;
  /** The day it closed when an official left office, if it did. */
  closedOn: IsoDate | null;
  /** The silence in days today (0 without a held contact). */
  days: number;
  threshold: number | null;
};

/** A watch's standing, for lists: past its threshold, watching, waiting for a median, or no running silence. */
export type WatchStatus = 'PAST' | 'BELOW' | 'NO_MEDIAN' | 'NOT_RUNNING';

export function watchStatus(now: PairNow): WatchStatus {
  if (!now.running || now.since === null) return 'NOT_RUNNING';
  if (now.threshold === null) return 'NO_MEDIAN';
  return now.days >= now.threshold ? 'PAST' : 'BELOW';
}

export type WatchEventDraft =
  | { kind: 'CROSSED'; since: IsoDate; days: number; thresholdDays: number; endedOn: null }
  | { kind: 'ENDED'; since: IsoDate; days: number; thresholdDays: number; endedOn: IsoDate | null };

/**
 * The events a watch owes and its new state, from its state (`crossedSince`: the silence it last fired
 * "crossed" for) and the pair today. A silence past its threshold fires CROSSED once; when a held contact
 * ends it (or an official leaves office), ENDED once; a silence already past again when the contact is
 * logged (one logged far back) fires its own CROSSED. A raised threshold, or a deleted last contact that
 * makes the same silence longer, changes the state quietly: no silence began or ended.
 */
export function decide(
  crossedSince: IsoDate | null,
  now: PairNow,
): { events: WatchEventDraft[]; crossedSince: IsoDate | null } {
  const events: WatchEventDraft[] = [];
  const past = watchStatus(now) === 'PAST';
  let state = crossedSince;
  const threshold = now.threshold ?? 0;
  if (state !== null) {
    if (now.since !== null && now.since > state) {
      events.push({
        kind: 'ENDED',
        since: state,
        days: daysBetween(state, now.since),
        thresholdDays: threshold,
        endedOn: now.since,
      });
      state = null;
    } else if (!now.running && now.closedOn !== null && now.since === state) {
      const days = Math.max(0, daysBetween(state, now.closedOn));
      events.push({ kind: 'ENDED', since: state, days, thresholdDays: threshold, endedOn: null });
      state = null;
    } else if (!past) {
      state = null;
    } else if (now.since !== state) {
      state = now.since;
    }
  }
  if (state === null && past && now.since !== null) {
    events.push({ kind: 'CROSSED', since: now.since, days: now.days, thresholdDays: threshold, endedOn: null });
    state = now.since;
  }
  return { events, crossedSince: state };
}
