'use client';

import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type Dispatch,
  type KeyboardEvent,
  type RefObject,
  type SetStateAction,
} from 'react';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
  ZIndexLayer,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  type BarShapeProps,
} from 'recharts';
import { formatDate, formatDayRange, formatDays, formatNumber, nowText } from '@/lib/format';
import { parseIsoDate } from '@/lib/gaps/dates';
import type { IsoDate } from '@/lib/gaps/types';
import { isUncertain, MarkerSymbol } from './gap-chart-marks';
import type { ChartGap, ChartMarker, ChartSilence, GapChartData } from './pair-view';

/*
 * The drawing of the gap chart (components/gap-chart.tsx), with Recharts: its own chunk, which the pair page
 * loads after it has shown, so that Recharts is not part of the page's first load.
 */
const DAY_MS = 86_400_000;
const Y_AXIS_WIDTH = 48;
const MARGIN = { top: 30, right: 16, bottom: 22, left: 0 };
const X_AXIS_HEIGHT = 28;

const barWidthFor = (width: number) => (width > 0 && width < 520 ? 7 : 11);

/** A bar of the chart: a past gap, or the running silence (always last). */
type Row = {
  x: number;
  days: number;
  /** ErrorBar offsets below and above `days`, when the gap can be shorter or longer. */
  range: [number, number] | null;
  index: number;
  gap: ChartGap | null;
  silence: ChartSilence | null;
  isLongest: boolean;
};

type Active =
  | { kind: 'bar'; index: number; x: number; y: number; via: 'focus' | 'hover' }
  | { kind: 'marker'; marker: ChartMarker; x: number; y: number };

const time = (date: IsoDate) => parseIsoDate(date).getTime();

/** Month-aligned ticks, as many as fit: monthly up to every ten years. */
function timeTicks(start: number, end: number, maxTicks: number) {
  const steps = [1, 2, 3, 6, 12, 24, 60, 120];
  const spanMonths = (end - start) / (30.44 * DAY_MS);
  const step = steps.find((s) => spanMonths / s <= maxTicks) ?? 240;
  const first = new UTCDate(start);
  let year = first.getUTCFullYear();
  let month = first.getUTCMonth() + 1;
  const ticks: number[] = [];
  for (let guard = 0; guard < 400; guard += 1) {
    if (month > 11) {
      year += Math.floor(month / 12);
      month %= 12;
    }
    const tick = Date.UTC(year, month, 1);
    if (tick > end) break;
    const aligned = step >= 12 ? month === 0 && year % (step / 12) === 0 : month % step === 0;
    if (tick >= start && aligned) ticks.push(tick);
    month += 1;
  }
  return { ticks, step };
}

function tickLabel(value: number, step: number, isFirst: boolean) {
  const date = new UTCDate(value);
  if (step >= 12) return format(date, 'yyyy');
  return isFirst || date.getUTCMonth() === 0 ? format(date, 'MMM yyyy') : format(date, 'MMM');
}

/**
 * The day axis: its top leaves `headroom` (a share of the height) for the labels
 * above the bars, and its ticks are round numbers below that top.
 */
function dayTicks(max: number, headroom: number) {
  const top = Math.max(4, max / (1 - headroom));
  const rough = top / 4.5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const ticks = Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => Math.round(i * step));
  return { top, ticks };
}

function dayWords(g: { days: number; minDays: number; maxDays: number }) {
  return g.minDays === g.maxDays ? formatDays(g.days) : `${formatNumber(g.minDays)} to ${formatNumber(g.maxDays)} days`;
}

function barLabel(row: Row, today: IsoDate, nowLabel: string): string {
  if (row.gap?.closed) {
    const g = row.gap;
    return `${dayWords(g)}, ${formatDate(g.from)} to ${formatDate(g.to)}, closed when ${g.closed!.name} left office: no longer running`;
  }
  if (row.gap) {
    const g = row.gap;
    return `${dayWords(g)}, ${formatDate(g.from)} to ${formatDate(g.to)}, ended by ${g.endedBy}`;
  }
  const s = row.silence!;
  return `${dayWords(s)} and counting, from ${formatDate(s.since)} to ${nowText(nowLabel, today)}: the silence running ${nowLabel === 'today' ? 'now' : 'then'}`;
}

const HALO = {
  paintOrder: 'stroke',
  stroke: 'var(--color-paper)',
  strokeWidth: 3,
  strokeLinejoin: 'round',
} as const;

/** Approximate or disputed gaps are hatched; the pattern is drawn in the history grey. */
function HatchDefs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="5" height="5" style={{ fill: 'var(--color-paper)' }} />
        <line x1="0" y1="0" x2="0" y2="5" style={{ stroke: 'var(--color-history)', strokeWidth: 2 }} />
      </pattern>
    </defs>
  );
}

const BarCtx = createContext<BarContext | null>(null);

/** Stable across renders, so Recharts keeps the bars (and their focus) when the tooltip changes. */
const renderBar = (props: BarShapeProps) => <GapBarShape {...props} />;

type BarContext = {
  rows: Row[];
  barWidth: number;
  today: IsoDate;
  nowLabel: string;
  hatchId: string;
  tooltipId: string;
  rover: number;
  active: Active | null;
  activate: (active: Active) => void;
  deactivate: (via: 'focus' | 'hover') => void;
  move: (from: number, key: string) => boolean;
};

/**
 * One bar, focusable: the chart is one stop in the tab order (the bar last
 * focused), and the arrow keys, Home and End move between bars, as the WAI-ARIA
 * practices advise for a composite widget. Hover and focus show the same tooltip.
 */
function GapBarShape(props: BarShapeProps) {
  const ctx = useContext(BarCtx)!;
  const plot = usePlotArea();
  const row = ctx.rows[props.index];
  if (!row || !plot) return null;
  // Recharts narrows bars on a time axis to the closest pair of dates; keep them readable instead.
  const width = ctx.barWidth;
  const x = props.x + props.width / 2 - width / 2;
  // A gap of 0 days (two contacts on one day) still shows, as a sliver on the axis.
  const height = row.days === 0 ? 2 : Math.max(props.height, 1.5);
  const y = props.y + props.height - height;
  const centre = x + width / 2;
  const isActive = ctx.active?.kind === 'bar' && ctx.active.index === row.index;
  const anchor = { x: centre, y };
  const hitWidth = Math.max(width + 8, 16);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Escape') {
      ctx.deactivate('focus');
      return;
    }
    if (ctx.move(row.index, event.key)) event.preventDefault();
  };

  let bar;
  if (row.gap?.closed) {
    // Closed by a departure: a pale bar with a flat cap at the leaving day's height — over, unlike
    // the running silence's open accent outline; hatched when its start is approximate or disputed.
    bar = (
      <>
        <rect
          x={x + 0.75}
          y={y + 0.75}
          width={Math.max(0, width - 1.5)}
          height={Math.max(0, height - 0.75)}
          fill={isUncertain(row.gap) ? `url(#${ctx.hatchId})` : undefined}
          style={{
            ...(isUncertain(row.gap) ? {} : { fill: 'var(--color-history)', fillOpacity: isActive ? 0.55 : 0.3 }),
            stroke: isActive ? 'var(--color-ink)' : 'var(--color-history)',
            strokeWidth: 1.5,
          }}
          data-closed=""
        />
        <line
          x1={x - 2}
          x2={x + width + 2}
          y1={y}
          y2={y}
          style={{ stroke: isActive ? 'var(--color-ink)' : 'var(--color-history)', strokeWidth: 2.5 }}
        />
      </>
    );
  } else if (row.silence) {
    bar = (
      <rect
        x={x + 1}
        y={y + 1}
        width={Math.max(0, width - 2)}
        height={Math.max(0, height - 1)}
        style={{ fill: 'var(--color-paper)', stroke: 'var(--color-silence)', strokeWidth: 2 }}
      />
    );
  } else if (row.gap && isUncertain(row.gap)) {
    bar = (
      <rect
        x={x + 0.5}
        y={y + 0.5}
        width={Math.max(0, width - 1)}
        height={Math.max(0, height - 0.5)}
        fill={`url(#${ctx.hatchId})`}
        style={{ stroke: 'var(--color-history)', strokeWidth: 1 }}
      />
    );
  } else {
    bar = (
      <rect
        x={x}
        y={y}
        width={width}
        height={height}
        style={{
          fill: isActive ? 'var(--color-ink)' : 'var(--color-history)',
          stroke: 'var(--color-paper)',
          strokeWidth: 1,
        }}
      />
    );
  }

  return (
    <g
      data-bar-index={row.index}
      role="img"
      aria-label={barLabel(row, ctx.today, ctx.nowLabel)}
      aria-describedby={isActive ? ctx.tooltipId : undefined}
      tabIndex={row.index === ctx.rover ? 0 : -1}
      className="group cursor-default outline-none"
      onFocus={() => ctx.activate({ kind: 'bar', index: row.index, ...anchor, via: 'focus' })}
      onBlur={() => ctx.deactivate('focus')}
      onMouseEnter={() => ctx.activate({ kind: 'bar', index: row.index, ...anchor, via: 'hover' })}
      onMouseLeave={() => ctx.deactivate('hover')}
      onKeyDown={onKeyDown}
    >
      <rect x={centre - hitWidth / 2} y={plot.y} width={hitWidth} height={plot.height} fill="transparent" />
      {bar}
      <rect
        x={x - 3}
        y={y - 3}
        width={width + 6}
        height={height + 6}
        rx={2}
        className="invisible group-focus-visible:visible"
        style={{ fill: 'none', stroke: 'var(--color-ink)', strokeWidth: 1.5 }}
      />
      {row.silence && (
        <text
          x={x + width}
          y={y - 8}
          textAnchor="end"
          className="text-[12px] font-semibold tabular-nums"
          style={{ ...HALO, fill: 'var(--color-silence)' }}
        >
          {formatDayRange(row.silence)} and counting
        </text>
      )}
      {row.gap?.closed && (
        <text
          x={x + width}
          y={y - (row.range ? 14 : 8)}
          textAnchor="end"
          className="text-[12px] font-medium tabular-nums"
          style={{ ...HALO, fill: 'var(--color-muted)' }}
        >
          {formatDayRange(row.gap)}, closed: {row.gap.closed.name} left office
        </text>
      )}
      {row.gap && row.isLongest && !row.gap.closed && (
        <text
          x={centre}
          y={y - (row.range ? 14 : 6) - (row.gap.markers.some((m) => m.elapsed >= row.days - 1) ? 10 : 0)}
          textAnchor="middle"
          className="text-[12px] font-medium tabular-nums"
          style={{ ...HALO, fill: 'var(--color-ink)' }}
        >
          {formatDayRange(row.gap).replace(' days', '')}
        </text>
      )}
    </g>
  );
}

/**
 * The silence growing: a faint line from each held contact up to the bar of
 * the contact that ended the silence. Markers sit on it, at the height the
 * silence had reached on their date.
 */
function SilenceGuides({ gaps, silence, today }: { gaps: ChartGap[]; silence: ChartSilence | null; today: IsoDate }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  const point = (date: IsoDate, days: number) => [xScale(time(date)) ?? 0, yScale(days) ?? 0];
  const line = (from: number[], to: number[]) => `M${from[0]} ${from[1]}L${to[0]} ${to[1]}`;
  return (
    <g aria-hidden="true">
      {gaps.map((g) => (
        <path
          key={g.id}
          d={line(point(g.from, 0), point(g.to, g.days))}
          style={{
            fill: 'none',
            stroke: 'var(--color-history)',
            strokeWidth: 1,
            strokeOpacity: 0.45,
            strokeDasharray: g.closed ? '3 3' : undefined,
          }}
        />
      ))}
      {silence && (
        <path
          d={line(point(silence.since, 0), point(today, silence.days))}
          style={{
            fill: 'none',
            stroke: 'var(--color-silence)',
            strokeWidth: 1,
            strokeOpacity: 0.5,
            strokeDasharray: '3 3',
          }}
        />
      )}
    </g>
  );
}

/** Sought, refused, expected and cancelled contacts, inside the silence they fell in. */
function MarkerLayer({
  markers,
  onHover,
}: {
  markers: ChartMarker[];
  onHover: (marker: ChartMarker | null, x: number, y: number) => void;
}) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  if (!xScale || !yScale) return null;
  const seen = new Map<string, number>();
  return (
    <g aria-hidden="true" data-markers="">
      {markers.map((m) => {
        const key = `${m.date}~${m.elapsed}`;
        const stacked = seen.get(key) ?? 0;
        seen.set(key, stacked + 1);
        const x = xScale(time(m.date)) ?? 0;
        const y = (yScale(m.elapsed) ?? 0) - stacked * 11;
        return (
          <g
            key={m.id}
            data-marker={m.status}
            onMouseEnter={() => onHover(m, x, y - 6)}
            onMouseLeave={() => onHover(null, x, y)}
          >
            <circle cx={x} cy={y} r={9} fill="transparent" />
            <MarkerSymbol status={m.status} x={x} y={y} />
          </g>
        );
      })}
    </g>
  );
}

/** The axis titles, set horizontally where they are read first. */
function AxisTitles() {
  const plot = usePlotArea();
  if (!plot) return null;
  return (
    <g aria-hidden="true" className="text-[12px]" style={{ fill: 'var(--color-muted)' }}>
      <text x={plot.x - Y_AXIS_WIDTH + 4} y={plot.y - 14}>
        Days of silence
      </text>
      <text x={plot.x + plot.width} y={plot.y + plot.height + 44} textAnchor="end">
        Date the silence ended →
      </text>
    </g>
  );
}

/** Before a first held contact there is no silence to draw, only the markers. */
function EmptyNote() {
  const plot = usePlotArea();
  if (!plot) return null;
  return (
    <text
      x={plot.x + plot.width / 2}
      y={plot.y + plot.height / 2}
      textAnchor="middle"
      className="text-[13px]"
      style={{ fill: 'var(--color-muted)' }}
    >
      No silence is counted before a first held contact
    </text>
  );
}

/** Zoomed to the past gaps, the running silence is named where its bar would be. */
function OffScaleNote({ silence }: { silence: ChartSilence }) {
  const plot = usePlotArea();
  if (!plot) return null;
  return (
    <text
      x={plot.x + plot.width}
      y={plot.y - 14}
      textAnchor="end"
      className="text-[12px] font-semibold tabular-nums"
      style={{ ...HALO, fill: 'var(--color-silence)' }}
    >
      {plot.width < 420
        ? `Now ${formatDayRange(silence)}, off scale →`
        : `Since then: ${formatDayRange(silence)} and counting, off this scale →`}
    </text>
  );
}

type RefKind = 'event' | 'channel' | 'channel-open';

/** A labelled line: an event, a channel set up or closed, or (no line) a channel already open where the chart begins. */
type RefMark = { id: string; x: number; text: string; kind: RefKind; row: number; side: 'left' | 'right' };

/**
 * Labels of reference lines, stacked in rows so that neighbours do not overlap,
 * each on the side of its line where it fits (shortened when neither side does).
 */
function placeReferences(
  items: { id: string; x: number; text: string; kind: RefKind }[],
  toPixel: (x: number) => number,
  left: number,
  right: number,
): RefMark[] {
  const charWidth = 6;
  const rows: [number, number][][] = [];
  return [...items]
    .sort((p, q) => p.x - q.x)
    .map((item) => {
      const px = toPixel(item.x);
      const roomRight = right - px - 5;
      const roomLeft = px - left - 5;
      const needed = item.text.length * charWidth + 4;
      const side = needed <= roomRight || roomRight >= roomLeft ? 'right' : 'left';
      const room = side === 'right' ? roomRight : roomLeft;
      const chars = Math.floor((room - 4) / charWidth);
      const text = needed <= room ? item.text : `${item.text.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
      const width = Math.min(needed, room) + 6;
      const extent: [number, number] = side === 'right' ? [px, px + width] : [px - width, px];
      let row = rows.findIndex((taken) => taken.every(([a, b]) => extent[1] < a || extent[0] > b));
      if (row === -1) {
        rows.push([]);
        row = rows.length - 1;
      }
      rows[row].push(extent);
      return { ...item, text, row, side };
    });
}

/** More rows of labels would crowd the bars; further events keep their line and their place in the timeline. */
const MAX_LABEL_ROWS = 4;

function ReferenceLabel({ viewBox, mark }: { viewBox?: { x?: number; y?: number }; mark: RefMark }) {
  if (mark.row >= MAX_LABEL_ROWS) return null;
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + 13 + mark.row * 15;
  return (
    <text
      x={mark.side === 'right' ? x + 5 : x - 5}
      y={y}
      textAnchor={mark.side === 'right' ? 'start' : 'end'}
      className="text-[11px]"
      style={{ ...HALO, fill: mark.kind === 'event' ? 'var(--color-ink)' : 'var(--color-muted)' }}
    >
      {mark.text}
    </text>
  );
}

function TooltipBody({
  active,
  rows,
  today,
  nowLabel,
}: {
  active: Active;
  rows: Row[];
  today: IsoDate;
  nowLabel: string;
}) {
  if (active.kind === 'marker') {
    return (
      <>
        <p className="font-medium">{active.marker.label}</p>
        <p className="text-muted tabular-nums">
          {formatDate(active.marker.date)}, {formatDays(active.marker.elapsed)} into the silence
        </p>
      </>
    );
  }
  const row = rows[active.index];
  if (!row) return null;
  const item = row.gap ?? row.silence!;
  return (
    <>
      <p className="text-base font-semibold tabular-nums">
        {formatDayRange(item)}
        {row.silence && <span className="text-silence"> and counting</span>}
      </p>
      <p className="text-muted tabular-nums">
        {row.gap
          ? `${formatDate(row.gap.from)} → ${formatDate(row.gap.to)}`
          : `${formatDate(row.silence!.since)} → ${nowText(nowLabel, today)}`}
      </p>
      <p className="mt-1">
        {row.gap?.closed
          ? `Closed when ${row.gap.closed.name} left office on ${formatDate(row.gap.closed.on)}; no longer running`
          : row.gap
            ? `Ended by ${row.gap.endedBy}`
            : 'No held contact since'}
      </p>
      {row.silence?.rank && <p className="text-muted">{capitalise(row.silence.rank)}</p>}
      {row.gap?.closed?.rank && <p className="text-muted">{capitalise(row.gap.closed.rank)}</p>}
      {item.minDays !== item.maxDays && (
        <p className="text-muted tabular-nums">
          {formatDays(item.days)} by the recorded dates;{' '}
          {item.disputed ? 'sources disagree on a date' : 'a date is known only to the month or year'}
        </p>
      )}
      {item.markers.length > 0 && (
        <ul className="border-rule mt-2 space-y-0.5 border-t pt-2">
          {item.markers.map((m) => (
            <li key={m.id} className="text-refusal">
              <span className="tabular-nums">{formatDate(m.date)}</span> · {m.label}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
/** The bars: every past gap at the date of the contact that ended it, then the running silence at today. */
function chartRows(data: GapChartData, todayTime: number, isZoomed: boolean): Row[] {
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

type PlotProps = {
  data: GapChartData;
  rows: Row[];
  size: { width: number; height: number };
  hatchId: string;
  isZoomed: boolean;
  onResize: (width: number, height: number) => void;
  setActive: Dispatch<SetStateAction<Active | null>>;
};

/**
 * The Recharts chart itself, memoised: tooltips and focus change only the bars
 * (through context), never the chart's props. Recharts keys its bars by the
 * identity of their computed rectangles, so re-rendering the chart would
 * remount them and drop the keyboard focus.
 */
const ChartPlot = memo(function ChartPlot({ data, rows, size, hatchId, isZoomed, onResize, setActive }: PlotProps) {
  const todayTime = time(data.today);
  const startTime = Math.min(time(data.start), todayTime);
  // Zoomed, the time axis ends at the last held contact and the running silence is off the scale.
  const lastGap = data.gaps.at(-1);
  const endTime = isZoomed && lastGap ? time(lastGap.to) : todayTime;
  const pad = Math.max(4 * DAY_MS, (endTime - startTime) * (isZoomed ? 0.06 : 0.035));
  const domain: [number, number] = [startTime - pad, endTime + pad];
  const markers = [
    ...data.leadingMarkers,
    ...data.gaps.flatMap((g) => g.markers),
    ...(isZoomed ? [] : (data.silence?.markers ?? [])),
  ];
  const maxDays = Math.max(1, ...rows.map((r) => r.days + (r.range?.[1] ?? 0)), ...markers.map((m) => m.elapsed));
  const plotHeight = Math.max(1, size.height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT);

  const width = size.width;
  const isNarrow = width > 0 && width < 520;
  const barWidth = barWidthFor(width);
  const plotLeft = MARGIN.left + Y_AXIS_WIDTH;
  const plotWidth = Math.max(1, width - plotLeft - MARGIN.right);
  const toPixel = (x: number) => plotLeft + ((x - domain[0]) / (domain[1] - domain[0])) * plotWidth;
  const x = timeTicks(
    domain[0],
    Math.min(todayTime, domain[1]),
    Math.max(2, Math.floor(plotWidth / (isNarrow ? 62 : 80))),
  );
  // A channel is shaded while it is open; its setting up and closing are lines, or a label at the chart's edge.
  const spans = data.channels
    .map((c) => ({
      id: c.id,
      from: Math.max(time(c.from), domain[0]),
      to: Math.min(c.to ? time(c.to) : endTime, domain[1]),
    }))
    .filter((span) => span.from <= span.to);
  const channelMarks = data.channels.flatMap((c) => {
    const from = time(c.from);
    const to = c.to === null ? null : time(c.to);
    return [
      from >= domain[0]
        ? { id: `${c.id}-from`, x: from, text: `${c.name} set up`, kind: 'channel' as const }
        : { id: `${c.id}-open`, x: domain[0], text: `${c.name} open`, kind: 'channel-open' as const },
      ...(to === null ? [] : [{ id: `${c.id}-to`, x: to, text: `${c.name} closed`, kind: 'channel' as const }]),
    ];
  });
  const references = placeReferences(
    [
      ...data.events.map((e) => ({ id: e.id, x: time(e.date), text: e.title, kind: 'event' as const })),
      ...channelMarks,
    ].filter((mark) => mark.x >= domain[0] && mark.x <= domain[1]),
    toPixel,
    plotLeft,
    plotLeft + plotWidth,
  );
  // The reference labels sit in rows at the top; the tallest bar and its label stay below them.
  const labelRows = Math.min(
    MAX_LABEL_ROWS,
    references.reduce((most, mark) => Math.max(most, mark.row + 1), 0),
  );
  const y = dayTicks(maxDays, Math.min(0.5, Math.max(0.12, (labelRows * 15 + 30) / plotHeight)));

  return (
    <ResponsiveContainer width="100%" height="100%" onResize={onResize}>
      <ComposedChart
        data={rows}
        margin={MARGIN}
        accessibilityLayer={false}
        title={data.title}
        desc={`${data.subtitle}${data.events.length > 0 ? ' Lines mark context events.' : ''}${data.channels.length > 0 ? ' Shaded spans mark the time a standing channel between the two sides was open.' : ''} The table below the chart lists the same gaps.`}
        className="font-sans"
      >
        <HatchDefs id={hatchId} />
        <CartesianGrid vertical={false} horizontalValues={y.ticks.slice(1)} stroke="var(--color-rule)" />
        <XAxis
          dataKey="x"
          type="number"
          scale="time"
          domain={domain}
          allowDataOverflow
          ticks={x.ticks}
          tickFormatter={(value: number, i: number) => tickLabel(value, x.step, i === 0)}
          tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          tickLine={{ stroke: 'var(--color-history)' }}
          axisLine={{ stroke: 'var(--color-history)' }}
          interval={0}
          height={X_AXIS_HEIGHT}
        />
        <YAxis
          type="number"
          domain={[0, y.top]}
          ticks={y.ticks}
          allowDataOverflow
          tickFormatter={(value: number) => formatNumber(value)}
          tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          axisLine={false}
          tickLine={false}
          width={Y_AXIS_WIDTH}
        />
        {spans.map((span) => (
          <ReferenceArea
            key={span.id}
            x1={span.from}
            x2={span.to}
            ifOverflow="hidden"
            fill="var(--color-history)"
            fillOpacity={0.06}
            stroke="none"
          />
        ))}
        {references.map((mark) => (
          <ReferenceLine
            key={mark.id}
            x={mark.x}
            stroke={mark.kind === 'event' ? 'var(--color-muted)' : 'var(--color-history)'}
            strokeOpacity={mark.kind === 'channel-open' ? 0 : 1}
            strokeDasharray={mark.kind === 'event' ? undefined : '4 3'}
            label={(props: { viewBox?: { x?: number; y?: number } }) => (
              <ReferenceLabel viewBox={props.viewBox} mark={mark} />
            )}
          />
        ))}
        <SilenceGuides gaps={data.gaps} silence={isZoomed ? null : data.silence} today={data.today} />
        <Bar dataKey="days" barSize={barWidth} isAnimationActive={false} minPointSize={0} shape={renderBar}>
          <ErrorBar dataKey="range" width={barWidth + 4} strokeWidth={1.5} stroke="var(--color-ink)" />
        </Bar>
        <ZIndexLayer zIndex={700}>
          <MarkerLayer
            markers={markers}
            onHover={(marker, mx, my) =>
              setActive(marker ? { kind: 'marker', marker, x: mx, y: my } : (a) => (a?.kind === 'marker' ? null : a))
            }
          />
        </ZIndexLayer>
        <AxisTitles />
        {isZoomed && data.silence && <OffScaleNote silence={data.silence} />}
        {rows.length === 0 && <EmptyNote />}
      </ComposedChart>
    </ResponsiveContainer>
  );
});

/**
 * The chart inside its frame (the wrapper's fixed-height box): the bars, the
 * keyboard's moves between them and the tooltip. The frame is the wrapper's, so
 * that its height is there before this loads; `onDrawn` says when the chart has
 * been measured and drawn, so that the wrapper enables its zoom and downloads.
 */
export function GapChartPlot({
  data,
  isZoomed,
  hatchId,
  tooltipId,
  frame,
  onDrawn,
}: {
  data: GapChartData;
  isZoomed: boolean;
  hatchId: string;
  tooltipId: string;
  frame: RefObject<HTMLDivElement | null>;
  onDrawn: (drawn: boolean) => void;
}) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const width = size.width;
  const onResize = useCallback((w: number, h: number) => setSize({ width: w, height: h }), []);
  const [active, setActive] = useState<Active | null>(null);
  const [rover, setRover] = useState(0);
  // A change of scale leaves no bar active, and gives the tab stop back to the first bar.
  const [drawnZoomed, setDrawnZoomed] = useState(isZoomed);
  if (drawnZoomed !== isZoomed) {
    setDrawnZoomed(isZoomed);
    setActive(null);
    setRover(0);
  }
  const rows = useMemo(() => chartRows(data, time(data.today), isZoomed), [data, isZoomed]);
  const isDrawn = width > 0;
  useEffect(() => onDrawn(isDrawn), [isDrawn, onDrawn]);

  const activate = (next: Active) => {
    setActive(next);
    if (next.kind === 'bar' && next.via === 'focus') setRover(next.index);
  };
  const deactivate = (via: 'focus' | 'hover') =>
    setActive((current) => (current?.kind === 'bar' && current.via !== via ? current : null));
  const move = (from: number, key: string) => {
    const last = rows.length - 1;
    const target =
      key === 'ArrowRight' || key === 'ArrowDown'
        ? Math.min(last, from + 1)
        : key === 'ArrowLeft' || key === 'ArrowUp'
          ? Math.max(0, from - 1)
          : key === 'Home'
            ? 0
            : key === 'End'
              ? last
              : null;
    if (target === null) return false;
    frame.current?.querySelector<SVGGElement>(`[data-bar-index="${target}"]`)?.focus();
    return true;
  };
  const ctx: BarContext = {
    rows,
    barWidth: barWidthFor(width),
    today: data.today,
    nowLabel: data.nowLabel,
    hatchId,
    tooltipId,
    rover,
    active,
    activate,
    deactivate,
    move,
  };

  const tooltipStyle = (a: Active) => {
    const fraction = width > 0 ? Math.min(1, Math.max(0, a.x / width)) : 0.5;
    const above = a.y > 150;
    return {
      left: a.x,
      top: above ? a.y - 10 : a.y + 14,
      transform: `translate(${-fraction * 100}%, ${above ? '-100%' : '0'})`,
    };
  };

  return (
    <>
      <BarCtx.Provider value={ctx}>
        <ChartPlot
          data={data}
          rows={rows}
          size={size}
          hatchId={hatchId}
          isZoomed={isZoomed}
          onResize={onResize}
          setActive={setActive}
        />
      </BarCtx.Provider>
      {active && (
        <div
          id={tooltipId}
          role="tooltip"
          className="border-rule bg-paper pointer-events-none absolute z-10 w-max max-w-[17rem] rounded-md border px-3 py-2 text-sm shadow-lg"
          style={tooltipStyle(active)}
        >
          <TooltipBody active={active} rows={rows} today={data.today} nowLabel={data.nowLabel} />
        </div>
      )}
    </>
  );
}
