import { formatDate, formatDayRange, formatDays } from '@/lib/format';
import type { GapSeries } from '@/lib/gaps/types';

/**
 * A pair's history at a glance: one bar per gap, scaled to the longest, the
 * running silence last in the accent colour (or the last silence, closed when
 * an official left office, outlined in grey with a heavy end). Plain HTML, so it is readable
 * before any script runs and by screen readers as a list.
 */
export function GapStrip({ series }: { series: GapSeries }) {
  const silence = series.currentSilence;
  const longest = Math.max(1, ...series.gaps.map((g) => g.maxDays), silence?.days ?? 0);
  const width = (days: number) => `${Math.max(1.5, (days / longest) * 100)}%`;
  return (
    <ol className="space-y-1.5" aria-label="Gaps between held contacts">
      {series.gaps.map((gap) => (
        <li
          key={gap.toContactId ?? `closed-${gap.fromContactId}`}
          className="grid grid-cols-1 items-center gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[minmax(0,1fr)_auto]"
        >
          <span className="relative block h-3">
            <span
              className={`absolute inset-y-0 left-0 rounded-sm ${gap.closedBy ? 'border-history bg-history/30 border-2 border-r-4' : gap.approximate || gap.disputed ? 'border-history bg-history/25 border border-dashed' : 'bg-history'}`}
              style={{ width: width(gap.maxDays) }}
            />
            {gap.minDays !== gap.maxDays && (
              <span className="bg-history absolute inset-y-0 left-0 rounded-sm" style={{ width: width(gap.minDays) }} />
            )}
            {gap.markers.length > 0 && (
              <span
                className="bg-refusal ring-paper absolute top-1/2 size-2 -translate-y-1/2 rounded-full ring-2"
                style={{ left: width(gap.maxDays) }}
                title={`${gap.markers.length} sought or refused contact(s) in this gap`}
              />
            )}
          </span>
          <span className="text-muted tabular-nums sm:whitespace-nowrap">
            <span className="text-ink font-medium">{formatDayRange(gap)}</span> to {formatDate(gap.to)}
            {gap.closedBy && <span> · closed: left office</span>}
            {gap.markers.some((m) => m.status === 'REFUSED') && (
              <span className="text-refusal"> · refused in between</span>
            )}
          </span>
        </li>
      ))}
      {silence && (
        <li className="grid grid-cols-1 items-center gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[minmax(0,1fr)_auto]">
          <span className="relative block h-3">
            <span
              className="border-silence absolute inset-y-0 left-0 rounded-sm border-2"
              style={{ width: width(silence.days) }}
            />
          </span>
          <span className="text-silence tabular-nums sm:whitespace-nowrap">
            <span className="font-medium">{formatDays(silence.days)}</span> and counting
          </span>
        </li>
      )}
    </ol>
  );
}
