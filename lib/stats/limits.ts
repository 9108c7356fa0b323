/**
 * The bounds of what a page draws from the statistics, in a module with no
 * database import, so that client components may read them too.
 */

/** The most bars a gap chart draws: past it, each bar is the longest of several consecutive gaps. */
export const MAX_CHART_BARS = 400;

/** Past gaps a pair needs before its silence can be called unusual: one gap is no pattern. */
export const UNUSUAL_MIN_GAPS = 3;
