import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import { GapStrip } from '@/components/gap-strip';
import type { PairOverview } from '@/lib/data/pairs';
import { formatDate, formatDayRange, formatDays, formatNumber } from '@/lib/format';

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div>
      <dt className="text-muted text-xs tracking-wider uppercase">{label}</dt>
      <dd className="mt-0.5 tabular-nums">
        <span className="font-medium">{value}</span>
        {detail && <span className="text-muted block text-xs">{detail}</span>}
      </dd>
    </div>
  );
}

/** One pair, featured: its running silence, how it ranks, its numbers and its history. */
export function PairCard({ pair }: { pair: PairOverview }) {
  const { series, a, b, href } = pair;
  const silence = series.currentSilence;
  const longest = series.longestGap;
  const rank = silence?.rank;
  const headingId = `pair-${series.pair.a}-${series.pair.b}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <article aria-labelledby={headingId}>
      <h2 id={headingId} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-lg font-semibold">
        <Link href={href} className="hover:underline">
          {a.label} <span className="text-muted">—</span> {b.label}
        </Link>
        <CountryTag code={a.country} />
        <CountryTag code={b.country} />
      </h2>

      {silence && (
        <p className="text-silence mt-3 text-3xl font-semibold tracking-tight tabular-nums sm:text-4xl">
          {formatDays(silence.days)}
          <span className="text-muted ml-2 text-base font-normal">
            without a held contact, since {formatDate(silence.since)}
          </span>
        </p>
      )}
      {rank && rank.of > 0 && (
        <p className="text-muted mt-1 text-sm">
          Longer than {formatNumber(rank.longerThan)} of its {formatNumber(rank.of)} past{' '}
          {rank.of === 1 ? 'gap' : 'gaps'}.
        </p>
      )}

      <dl className="mt-6 grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-4">
        <Stat label="Held contacts" value={formatNumber(series.heldCount)} />
        <Stat
          label="Longest gap"
          value={longest ? formatDayRange(longest) : '—'}
          detail={longest ? `${formatDate(longest.from)} → ${formatDate(longest.to)}` : undefined}
        />
        <Stat label="Median gap" value={series.medianGapDays === null ? '—' : formatDays(series.medianGapDays)} />
        <Stat
          label="Last contact"
          value={series.lastContact ? formatDate(series.lastContact.date) : '—'}
          detail={series.firstContact ? `first ${formatDate(series.firstContact.date)}` : undefined}
        />
      </dl>

      <div className="mt-6">
        <GapStrip series={series} />
      </div>
      <p className="mt-4 text-sm">
        <Link href={href}>The full history, chart and sources →</Link>
      </p>
    </article>
  );
}
