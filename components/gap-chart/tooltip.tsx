import { formatDate, formatDayRange, formatDays, nowText } from '@/lib/format';
import type { IsoDate } from '@/lib/gaps/types';
import type { Active } from './keyboard';
import type { Row } from './rows';

/** Where the tooltip sits: above its anchor when there is room, shifted so that it stays inside the chart. */
export function tooltipStyle(active: Active, width: number) {
  const fraction = width > 0 ? Math.min(1, Math.max(0, active.x / width)) : 0.5;
  const above = active.y > 150;
  return {
    left: active.x,
    top: above ? active.y - 10 : active.y + 14,
    transform: `translate(${-fraction * 100}%, ${above ? '-100%' : '0'})`,
  };
}

/** The tooltip's text: a marker's contact, or a bar's days, dates, what ended it and its markers. */
export function TooltipBody({
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
