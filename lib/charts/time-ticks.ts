import { UTCDate } from '@date-fns/utc';
import { format, isFirstDayOfMonth, startOfDay } from 'date-fns';
import { scaleUtc } from 'd3-scale';

/** The calendar unit the ticks of a time axis fall on, which decides how they are labelled. */
export type TimeTickUnit = 'day' | 'month' | 'year';

export type TimeTicks = { ticks: number[]; unit: TimeTickUnit };

const isMidnight = (time: number) => startOfDay(new UTCDate(time)).getTime() === time;

/** True for 1 January, 00:00 UTC. */
export function isYearStart(time: number): boolean {
  const date = new UTCDate(time);
  return isMidnight(time) && isFirstDayOfMonth(date) && date.getMonth() === 0;
}

function unitOf(ticks: number[]): TimeTickUnit {
  if (ticks.every(isYearStart)) return 'year';
  if (ticks.every((tick) => isFirstDayOfMonth(new UTCDate(tick)))) return 'month';
  return 'day';
}

/**
 * Ticks for a time axis of UTC calendar days (times in ms), at most `maxTicks`: d3's UTC scale picks
 * the interval (days, weeks, months, quarters, years, decades), so ticks fall on real calendar
 * boundaries. Dates on the axis are whole days, so ticks inside a day (hours) are left out.
 */
export function timeTicks(start: number, end: number, maxTicks: number): TimeTicks {
  const scale = scaleUtc().domain([start, end]);
  // d3 treats the count as a hint and may return more; ask for fewer until the labels fit.
  for (let count = Math.max(1, Math.floor(maxTicks)); count >= 1; count -= 1) {
    const ticks = scale
      .ticks(count)
      .map((date) => date.getTime())
      .filter(isMidnight);
    if (ticks.length <= maxTicks || count === 1) return { ticks, unit: unitOf(ticks) };
  }
  return { ticks: [], unit: 'day' };
}

/**
 * A tick's label: "2024" on a yearly axis; "Mar" on a monthly one, with the year on the first
 * tick and on each January; "5 Mar" on a daily one, with the year likewise.
 */
export function timeTickLabel(time: number, unit: TimeTickUnit, isFirst: boolean): string {
  const date = new UTCDate(time);
  if (unit === 'year') return format(date, 'yyyy');
  const showsYear = isFirst || (date.getMonth() === 0 && (unit === 'month' || date.getDate() === 1));
  if (unit === 'month') return format(date, showsYear ? 'MMM yyyy' : 'MMM');
  return format(date, showsYear ? 'd MMM yyyy' : 'd MMM');
}
