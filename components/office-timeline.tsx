import { milliseconds } from 'date-fns';
import Link from 'next/link';
import { isYearStart, timeTickLabel, timeTicks } from '@/lib/charts/time-ticks';
import { formatDate, formatDays } from '@/lib/format';
import { addIsoDays, daysBetween, parseIsoDate } from '@/lib/gaps/dates';

export type Holder = { slug: string; name: string; title: string; startDate: string; endDate: string | null };

const time = (date: string) => parseIsoDate(date).getTime();

/** Years to mark on the axis: up to six, on round years (the gap chart's ticks, keeping only New Year's Days). */
function yearTicks(from: number, to: number): number[] {
  return timeTicks(from, to, 6).ticks.filter(isYearStart);
}

/**
 * Who held an office and when: a horizontal band per tenure on one time axis
 * (the current holder's band in ink, up to today), then the same as a table,
 * which is what screen readers read. Tenures never overlap (one holder at a
 * time), so one line holds them all; a gap between holders shows as blank.
 */
export function OfficeTimeline({
  holders,
  today,
  office,
  compact = false,
}: {
  holders: Holder[];
  today: string;
  office: string;
  compact?: boolean;
}) {
  if (holders.length === 0) return <p className="text-muted text-sm">No one is recorded as holding this office.</p>;
  const start = Math.min(...holders.map((h) => time(h.startDate)));
  const end = Math.max(time(today), ...holders.map((h) => time(h.endDate ?? today)));
  const span = Math.max(milliseconds({ days: 1 }), end - start);
  const pct = (t: number) => ((t - start) / span) * 100;
  // A label too near the right edge would be cut off.
  const ticks = yearTicks(start, end).filter((tick) => pct(tick) < 93);

  return (
    <figure className="min-w-0">
      <div aria-hidden="true" className="relative pt-1">
        <div className={`bg-rule/60 relative ${compact ? 'h-7' : 'h-9'} rounded-sm`}>
          {holders.map((h, i) => {
            const left = pct(time(h.startDate));
            // A one-day tenure (start = end) covers its day.
            const right = pct(time(h.endDate === h.startDate ? addIsoDays(h.endDate, 1) : (h.endDate ?? today)));
            const current = h.endDate === null || h.endDate >= today;
            return (
              <div
                key={`${h.slug}-${h.startDate}`}
                title={`${h.name}: ${formatDate(h.startDate)} – ${h.endDate ? formatDate(h.endDate) : 'present'}`}
                className={`border-paper absolute inset-y-0 overflow-hidden rounded-sm border-r-2 px-1.5 text-xs font-medium whitespace-nowrap ${
                  compact ? 'leading-7' : 'leading-9'
                } ${current ? 'bg-ink text-paper' : i % 2 === 0 ? 'bg-history/35 text-ink' : 'bg-history/60 text-ink'}`}
                style={{ left: `${left}%`, width: `max(3px, ${right - left}%)` }}
              >
                {h.name}
              </div>
            );
          })}
        </div>
        <div className="text-muted relative mt-1 h-4 overflow-hidden text-[0.7rem] tabular-nums">
          {ticks.map((tick) => (
            <span
              key={tick}
              className="border-history/60 absolute top-0 border-l pl-1 whitespace-nowrap"
              style={{ left: `${pct(tick)}%` }}
            >
              {timeTickLabel(tick, 'year', false)}
            </span>
          ))}
        </div>
      </div>
      <figcaption className="sr-only">
        Holders of {office}, oldest first; the table lists them with their dates.
      </figcaption>
      <table className="mt-3 w-full text-sm tabular-nums">
        <caption className="sr-only">Holders of {office}</caption>
        <thead className="text-muted border-rule border-b text-xs">
          <tr>
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              Holder
            </th>
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              From
            </th>
            <th scope="col" className="py-1.5 pr-3 text-left font-medium">
              To
            </th>
            <th scope="col" className={`py-1.5 text-right font-medium ${compact ? 'hidden sm:table-cell' : ''}`}>
              Tenure
            </th>
          </tr>
        </thead>
        <tbody className="divide-rule divide-y">
          {holders.map((h) => (
            <tr key={`${h.slug}-${h.startDate}`}>
              <th scope="row" className="py-1.5 pr-3 text-left font-normal">
                <Link href={`/officials/${h.slug}`}>{h.name}</Link>
              </th>
              <td className="py-1.5 pr-3 whitespace-nowrap">{formatDate(h.startDate)}</td>
              <td className="py-1.5 pr-3 whitespace-nowrap">
                {h.endDate ? formatDate(h.endDate) : <span className="font-medium">present</span>}
              </td>
              <td className={`text-muted py-1.5 text-right whitespace-nowrap ${compact ? 'hidden sm:table-cell' : ''}`}>
                {formatDays(daysBetween(h.startDate, h.endDate ?? today) + (h.endDate === h.startDate ? 1 : 0))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
