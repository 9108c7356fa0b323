import { closedPhrase, closedSilenceOf, rankPhrase } from '@/components/pair-view';
import { formatDate, formatDayRange, formatDays, formatNumber } from '@/lib/format';
import type { GapSeries } from '@/lib/gaps/types';

function Stat({
  label,
  value,
  detail,
  accent = false,
}: {
  label: string;
  value: string;
  detail?: string | null;
  accent?: boolean;
}) {
  return (
    <div className="border-rule border-t pt-3">
      <dt className="text-muted text-xs font-medium tracking-wider uppercase">{label}</dt>
      <dd className="mt-1 tabular-nums">
        <span className={`text-2xl font-semibold tracking-tight ${accent ? 'text-silence' : ''}`}>{value}</span>
        {detail && <span className="text-muted mt-0.5 block text-sm">{detail}</span>}
      </dd>
    </div>
  );
}

/**
 * The numbers of a pair, the same as the API and exports give. `closedBy` names
 * the official whose leaving office closed the pair's last silence, if one did.
 */
export function PairStats({
  series,
  markerCount,
  closedBy = null,
}: {
  series: GapSeries;
  markerCount: number;
  closedBy?: string | null;
}) {
  const silence = series.currentSilence;
  const closed = silence === null ? closedSilenceOf(series) : null;
  const longest = series.longestGap;
  const rank = silence ? rankPhrase(silence.rank) : null;
  const days = (value: number | null) => (value === null ? '—' : formatDays(value));
  const closedRank = closed ? rankPhrase(closed.closedBy.rank) : null;
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-6 min-[420px]:grid-cols-2 lg:grid-cols-4">
      {closed ? (
        <Stat
          label="Last silence (closed)"
          value={formatDayRange(closed)}
          detail={`since ${formatDate(closed.from)}; ${closedPhrase(closed.closedBy, closedBy ?? 'an official')}${closedRank ? `; ${closedRank}` : ''}`}
        />
      ) : (
        <Stat
          label="Current silence"
          value={silence ? formatDayRange(silence) : '—'}
          detail={
            silence
              ? `since ${formatDate(silence.since)}${rank ? `; ${rank}` : ''}`
              : 'no held contact yet, so no silence to count'
          }
          accent={silence !== null}
        />
      )}
      <Stat
        label="Longest gap"
        value={longest ? formatDayRange(longest) : '—'}
        detail={
          longest
            ? `${formatDate(longest.from)} → ${formatDate(longest.to)}${longest.closedBy ? ', closed by a departure from office' : ''}${longest.approximate ? ', approximate' : ''}${longest.disputed ? ', dates disputed' : ''}`
            : 'needs two held contacts'
        }
      />
      <Stat
        label="Median gap"
        value={days(series.medianGapDays)}
        detail={series.meanGapDays === null ? null : `mean ${formatDays(series.meanGapDays)}`}
      />
      <Stat
        label="Held contacts"
        value={formatNumber(series.heldCount)}
        detail={
          series.firstContact && series.lastContact
            ? series.heldCount === 1
              ? `on ${formatDate(series.firstContact.date)}`
              : `first ${formatDate(series.firstContact.date)}, last ${formatDate(series.lastContact.date)}`
            : markerCount > 0
              ? `${formatNumber(markerCount)} sought, refused or expected`
              : null
        }
      />
    </dl>
  );
}
