import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import { closedPhrase, closedSilenceOf, leaverName } from '@/components/pair-view';
import type { PairOverview } from '@/lib/data/pairs';
import { formatDate, formatDayRange, formatDays, formatNumber } from '@/lib/format';

/**
 * Pairs ranked by their running silence: a bar per pair scaled to the longest,
 * with the pair's median gap marked on it, so an unusual silence stands out.
 */
export function SilenceList({ pairs }: { pairs: PairOverview[] }) {
  const longest = Math.max(
    1,
    ...pairs.map((p) => p.series.currentSilence?.days ?? closedSilenceOf(p.series)?.days ?? 0),
  );
  const share = (days: number) => `${Math.min(100, (days / longest) * 100)}%`;
  return (
    <ol className="divide-rule border-rule divide-y border-y">
      {pairs.map(({ series, a, b, href }) => {
        const silence = series.currentSilence;
        const closed = silence === null ? closedSilenceOf(series) : null;
        return (
          <li key={href} className="grid gap-x-6 gap-y-2 py-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
            <div className="break-words">
              <Link href={href} className="font-medium hover:underline">
                {a.label} <span className="text-muted">—</span> {b.label}
              </Link>
              <p className="text-muted mt-0.5 flex flex-wrap items-center gap-1.5 text-xs">
                <CountryTag code={a.country} /> <CountryTag code={b.country} />
                <span>
                  {formatNumber(series.heldCount)} held {series.heldCount === 1 ? 'contact' : 'contacts'}
                </span>
              </p>
            </div>
            <div>
              {silence ? (
                <>
                  <p className="text-sm tabular-nums">
                    <span className="text-silence font-semibold">{formatDays(silence.days)}</span>
                    <span className="text-muted"> since {formatDate(silence.since)}</span>
                    {silence.rank.of > 0 && silence.rank.longerThan === silence.rank.of && (
                      <span className="text-silence"> · longest ever</span>
                    )}
                  </p>
                  <div className="relative mt-1.5 h-2" aria-hidden>
                    <span
                      className="bg-silence/80 absolute inset-y-0 left-0 rounded-sm"
                      style={{ width: share(silence.days) }}
                    />
                    {series.medianGapDays !== null && (
                      <span
                        className="bg-ink absolute -inset-y-1 w-0.5"
                        style={{ left: share(series.medianGapDays) }}
                        title={`Median gap: ${formatDays(series.medianGapDays)}`}
                      />
                    )}
                  </div>
                  <p className="text-muted mt-1 text-xs tabular-nums">
                    {series.longestGap
                      ? `Longest gap ${formatDayRange(series.longestGap)}, median ${formatDays(series.medianGapDays ?? 0)}`
                      : 'No gap yet: one held contact'}
                  </p>
                </>
              ) : closed ? (
                <>
                  <p className="text-sm tabular-nums">
                    <span className="font-semibold">{formatDayRange(closed)}</span>
                    <span className="text-muted"> since {formatDate(closed.from)}, no longer running: </span>
                    <span>{closedPhrase(closed.closedBy, leaverName(closed.closedBy, a, b))}</span>
                  </p>
                  <div className="relative mt-1.5 h-2" aria-hidden>
                    <span
                      className="border-history bg-history/30 absolute inset-y-0 left-0 rounded-sm border border-r-4"
                      style={{ width: share(closed.days) }}
                    />
                  </div>
                  <p className="text-muted mt-1 text-xs tabular-nums">
                    {series.longestGap
                      ? `Longest gap ${formatDayRange(series.longestGap)}, median ${formatDays(series.medianGapDays ?? 0)}`
                      : null}
                  </p>
                </>
              ) : series.lastContact ? (
                // A summary read from the pair statistics carries no closed gap: say what it knows.
                <p className="text-sm tabular-nums">
                  <span className="text-muted">
                    Last held contact {formatDate(series.lastContact.date)}; the silence since closed when one of the
                    two left office
                  </span>
                </p>
              ) : (
                <p className="text-muted text-sm">Never held a contact</p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
