import type { GapSeries } from './types';

/**
 * How many past gaps a pair needs before its running silence can be called
 * unusual: with one or two, "longer than all its past gaps" says little (a pair
 * with one gap of 3 days is "unusual" a week later).
 */
export const MIN_PAST_GAPS = 3;

/** The measure of how unusual a running silence is, against the pair's own past gaps. */
export type Unusualness = {
  /** The running silence over the median past gap (a median of 0 counts as 1 day). */
  ratio: number;
  /** Running longer than every past gap. */
  longest: boolean;
};

/**
 * How unusual a pair's running silence is: its length as a multiple of the
 * pair's median past gap — 120 days where the pair usually talks every 10 is a
 * 12× silence, 120 days where it talks twice a year is not news. Null when the
 * silence has closed or never began (see `currentSilence`), or the pair has
 * fewer than `MIN_PAST_GAPS` past gaps to measure it against. The median, not
 * the mean, so that one long gap in the past does not excuse every later one.
 */
export function silenceUnusualness(series: Pick<GapSeries, 'currentSilence' | 'medianGapDays'>): Unusualness | null {
  const silence = series.currentSilence;
  if (silence === null || silence.rank.of < MIN_PAST_GAPS || series.medianGapDays === null) return null;
  return {
    ratio: silence.days / Math.max(1, series.medianGapDays),
    longest: silence.rank.longerThan === silence.rank.of,
  };
}

/**
 * Orders series most unusual running silence first: by ratio to the median past
 * gap, then the longer silence; series with no measure (closed, never held, too
 * few past gaps) after all measured ones, longest running silence first, and
 * those with no running silence last. A comparator for `Array.prototype.sort`.
 */
export function byUnusualness(
  x: Pick<GapSeries, 'currentSilence' | 'medianGapDays'>,
  y: Pick<GapSeries, 'currentSilence' | 'medianGapDays'>,
): number {
  const [ux, uy] = [silenceUnusualness(x), silenceUnusualness(y)];
  if (ux !== null && uy !== null && ux.ratio !== uy.ratio) return uy.ratio - ux.ratio;
  if (ux !== null && uy === null) return -1;
  if (ux === null && uy !== null) return 1;
  return (y.currentSilence?.days ?? -1) - (x.currentSilence?.days ?? -1);
}

/** The series' most unusual running silence (see `silenceUnusualness`), or null when none can be measured. */
export function mostUnusual<T extends { series: Pick<GapSeries, 'currentSilence' | 'medianGapDays'> }>(
  items: readonly T[],
): T | null {
  const measured = items.filter((item) => silenceUnusualness(item.series) !== null);
  if (measured.length === 0) return null;
  return [...measured].sort((x, y) => byUnusualness(x.series, y.series))[0];
}
