import { useContext, type KeyboardEvent } from 'react';
import { usePlotArea, type BarShapeProps } from 'recharts';
import { formatDate, formatDayRange, formatDays, formatNumber, nowText } from '@/lib/format';
import type { IsoDate } from '@/lib/gaps/types';
import { BarCtx } from './keyboard';
import { HALO, isUncertain } from './marks';
import type { Row } from './rows';

/*
 * The bars of the gap chart, drawn by Recharts' Bar through `renderBar`: past gaps (closed ones
 * capped, uncertain ones hatched), the running silence outlined, each a focusable image with a name.
 */

function dayWords(g: { days: number; minDays: number; maxDays: number }) {
  return g.minDays === g.maxDays ? formatDays(g.days) : `${formatNumber(g.minDays)} to ${formatNumber(g.maxDays)} days`;
}

/** A bar's accessible name: its days, its dates and what ended it, as a screen reader reads it. */
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

/** Stable across renders, so Recharts keeps the bars (and their focus) when the tooltip changes. */
export const renderBar = (props: BarShapeProps) => <GapBarShape {...props} />;

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
