import type { ChartGap, ChartSilence, GapChartData } from '../pair-view';
import { time } from './scales';

/** A bar of the chart: a past gap, or the running silence (always last). */
export type Row = {
  x: number;
  days: number;
  /** ErrorBar offsets below and above `days`, when the gap can be shorter or longer. */
  range: [number, number] | null;
  index: number;
  gap: ChartGap | null;
  silence: ChartSilence | null;
  isLongest: boolean;
};

/** The bars: every past gap at the date of the contact that ended it, then the running silence at today. */
export function chartRows(data: GapChartData, todayTime: number, isZoomed: boolean): Row[] {
  const longest = data.gaps.reduce<ChartGap | null>((best, g) => (best && best.days >= g.days ? best : g), null);
  const rows: Row[] = data.gaps.map((gap, index) => ({
    x: time(gap.to),
    days: gap.days,
    range: gap.minDays === gap.maxDays ? null : [gap.days - gap.minDays, gap.maxDays - gap.days],
    index,
    gap,
    silence: null,
    isLongest: gap === longest && (data.silence === null || data.silence.days > 0),
  }));
  if (data.silence && !isZoomed) {
    const s = data.silence;
    rows.push({
      x: todayTime,
      days: s.days,
      range: s.minDays === s.maxDays ? null : [s.days - s.minDays, s.maxDays - s.days],
      index: rows.length,
      gap: null,
      silence: s,
      isLongest: false,
    });
  }
  return rows;
}
