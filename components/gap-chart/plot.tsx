'use client';

import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type Dispatch,
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
} from 'recharts';
import { timeTickLabel } from '@/lib/charts/time-ticks';
import { formatNumber } from '@/lib/format';
import type { GapChartData } from '../pair-view';
import { renderBar } from './bars';
import { BarCtx, useActiveBar, type Active, type BarContext } from './keyboard';
import { AxisTitles, EmptyNote, MarkerLayer, OffScaleNote, SilenceGuides } from './layers';
import { HatchDefs } from './marks';
import { ReferenceLabel, referenceMarks } from './references';
import { chartRows, type Row } from './rows';
import { barWidthFor, dayTicks, MARGIN, time, timeAxis, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './scales';
import { TooltipBody, tooltipStyle } from './tooltip';

/*
 * The drawing of the gap chart (gap-chart.tsx), with Recharts: its own chunk, which the pair page
 * loads after it has shown, so that Recharts is not part of the page's first load.
 */

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
  const axis = timeAxis(data, isZoomed, size.width);
  const { domain, ticks: x } = axis;
  const markers = [
    ...data.leadingMarkers,
    ...data.gaps.flatMap((g) => g.markers),
    ...(isZoomed ? [] : (data.silence?.markers ?? [])),
  ];
  const maxDays = Math.max(1, ...rows.map((r) => r.days + (r.range?.[1] ?? 0)), ...markers.map((m) => m.elapsed));
  const plotHeight = Math.max(1, size.height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT);
  const barWidth = barWidthFor(size.width);
  const { spans, references, labelRows } = referenceMarks(data, axis);
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
          tickFormatter={(value: number, i: number) => timeTickLabel(value, x.unit, i === 0)}
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
  const rows = useMemo(() => chartRows(data, time(data.today), isZoomed), [data, isZoomed]);
  const isDrawn = width > 0;
  useEffect(() => onDrawn(isDrawn), [isDrawn, onDrawn]);
  const { active, setActive, rover, activate, deactivate, move } = useActiveBar(frame, rows.length, isZoomed);
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
          style={tooltipStyle(active, width)}
        >
          <TooltipBody active={active} rows={rows} today={data.today} nowLabel={data.nowLabel} />
        </div>
      )}
    </>
  );
}
