import { milliseconds } from 'date-fns';
import { timeTicks } from '@/lib/charts/time-ticks';
import { parseIsoDate } from '@/lib/gaps/dates';
import type { IsoDate } from '@/lib/gaps/types';
import type { GapChartData } from '../pair-view';

/*
 * The gap chart's geometry: the plot's margins, the time axis (dates to pixels, and its ticks, from
 * d3's UTC scale) and the day axis (round numbers, with headroom for the labels above the bars).
 */
export const Y_AXIS_WIDTH = 48;
export const MARGIN = { top: 30, right: 16, bottom: 22, left: 0 };
export const X_AXIS_HEIGHT = 28;

export const barWidthFor = (width: number) => (width > 0 && width < 520 ? 7 : 11);

/** A calendar date as the time axis's number (ms since the epoch, at midnight UTC). */
export const time = (date: IsoDate) => parseIsoDate(date).getTime();

export type TimeAxis = {
  domain: [number, number];
  todayTime: number;
  /** Where the drawn record ends: today, or zoomed, the last held contact. */
  endTime: number;
  plotLeft: number;
  plotWidth: number;
  toPixel: (x: number) => number;
  ticks: ReturnType<typeof timeTicks>;
};

/** The time axis for a chart `width` pixels wide: the record, padded a little at both ends, and its ticks. */
export function timeAxis(data: GapChartData, isZoomed: boolean, width: number): TimeAxis {
  const todayTime = time(data.today);
  const startTime = Math.min(time(data.start), todayTime);
  // Zoomed, the time axis ends at the last held contact and the running silence is off the scale.
  const lastGap = data.gaps.at(-1);
  const endTime = isZoomed && lastGap ? time(lastGap.to) : todayTime;
  const pad = Math.max(milliseconds({ days: 4 }), (endTime - startTime) * (isZoomed ? 0.06 : 0.035));
  const domain: [number, number] = [startTime - pad, endTime + pad];
  const isNarrow = width > 0 && width < 520;
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  const plotWidth = Math.max(1, width - plotLeft - MARGIN.right);
  const toPixel = (x: number) => plotLeft + ((x - domain[0]) / (domain[1] - domain[0])) * plotWidth;
  const ticks = timeTicks(
    domain[0],
    Math.min(todayTime, domain[1]),
    Math.max(2, Math.floor(plotWidth / (isNarrow ? 62 : 80))),
  );
  return { domain, todayTime, endTime, plotLeft, plotWidth, toPixel, ticks };
}

/**
 * The day axis: its top leaves `headroom` (a share of the height) for the labels
 * above the bars, and its ticks are round numbers below that top.
 */
export function dayTicks(max: number, headroom: number) {
  const top = Math.max(4, max / (1 - headroom));
  const rough = top / 4.5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => Math.round(i * step));
  return { top, ticks };
}
