import { useXAxisScale, useYAxisScale, usePlotArea } from 'recharts';
import { formatDayRange } from '@/lib/format';
import type { IsoDate } from '@/lib/gaps/types';
import type { ChartGap, ChartMarker, ChartSilence } from '../pair-view';
import { HALO, MarkerSymbol } from './marks';
import { time, Y_AXIS_WIDTH } from './scales';

/*
 * The layers drawn over the bars, inside the Recharts chart: the guides of each silence growing,
 * the markers of contacts sought or refused, the axis titles, and the notes of an empty or zoomed chart.
 */

/**
 * The silence growing: a faint line from each held contact up to the bar of
 * the contact that ended the silence. Markers sit on it, at the height the
 * silence had reached on their date.
 */
export function SilenceGuides({
  gaps,
  silence,
  today,
}: {
  gaps: ChartGap[];
  silence: ChartSilence | null;
  today: IsoDate;
}) {
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
export function MarkerLayer({
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
export function AxisTitles() {
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
export function EmptyNote() {
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
export function OffScaleNote({ silence }: { silence: ChartSilence }) {
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
