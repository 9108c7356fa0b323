import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { GapChart } from '@/components/gap-chart';
import { closedSilenceOf, pairChartData, pairTitle } from '@/components/pair-view';
import { parseAsOf } from '@/lib/cite/as-of';
import { permalinkFor } from '@/lib/cite/citation';
import { pageOrigin } from '@/lib/cite/origin';
import { getPairPage } from '@/lib/data/pair-page';
import { formatDate, formatDayRange, formatDays, formatNumber } from '@/lib/format';
import { todayUtc } from '@/lib/gaps/dates';
import { decodeSegment, levelFromSegment } from '@/lib/pairs';

/*
 * The chart of a pair for other sites to frame (next.config.js relaxes frame-ancestors for /embed only):
 * its title, its key numbers, the chart and a source line back to the pair page. No site chrome
 * (components/site-chrome.tsx), and it fits a 600×400 frame.
 */

type Props = {
  params: Promise<{ level: string; a: string; b: string }>;
  searchParams: Promise<{ asOf?: string | string[] }>;
};

async function load({ params, searchParams }: Props) {
  const { level: segment, a, b } = await params;
  const level = levelFromSegment(segment);
  // proxy.ts has refused a bad asOf with a 400 already.
  const asOf = parseAsOf((await searchParams).asOf, todayUtc());
  if (level === null || !asOf.ok) return null;
  const page = await getPairPage(level, decodeSegment(a), decodeSegment(b), asOf.asOf);
  return page === null ? null : { level, page };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (loaded === null) return { title: 'Pair not found' };
  return { title: `${pairTitle(loaded.page.a, loaded.page.b)} (embed)`, robots: { index: false } };
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-muted text-xs">{label}</dt>
      <dd className="font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export default async function EmbedPage(props: Props) {
  await connection();
  const loaded = await load(props);
  if (loaded === null) notFound();
  const { level, page } = loaded;
  const chart = pairChartData(level, page);
  const origin = await pageOrigin();
  const target =
    page.asOf === null ? new URL(page.canonical, origin).toString() : permalinkFor(origin, page.canonical, page.asOf);
  const silence = page.series.currentSilence;
  const closed = silence === null ? closedSilenceOf(page.series) : null;
  return (
    <article className="flex h-full flex-col gap-1.5 text-sm" aria-labelledby="embed-title">
      <header>
        <p className="text-muted text-xs">
          {pairTitle(page.a, page.b)}
          {page.asOf !== null && <> · as of {formatDate(page.asOf)}</>}
        </p>
        <h1
          id="embed-title"
          className="line-clamp-3 text-base leading-snug font-semibold tracking-tight text-balance sm:text-lg"
        >
          {chart.title}
        </h1>
      </header>
      <dl className="flex flex-wrap gap-x-5 gap-y-0.5" aria-label="Key numbers">
        {closed ? (
          <Figure label="Last silence (closed)" value={formatDayRange(closed)} />
        ) : (
          <Figure label="Current silence" value={silence ? formatDayRange(silence) : '—'} />
        )}
        <Figure
          label="Median gap"
          value={page.series.medianGapDays === null ? '—' : formatDays(Math.round(page.series.medianGapDays))}
        />
        <Figure label="Contacts held" value={formatNumber(page.series.heldCount)} />
      </dl>
      <div className="min-h-0 flex-1">
        <GapChart data={chart} exports={[]} isEmbedded />
      </div>
      <p className="text-muted text-xs">
        Source:{' '}
        <a href={target} target="_blank" rel="noopener" className="text-ink font-medium">
          Counterpart, {pairTitle(page.a, page.b)}
        </a>
        {page.asOf !== null ? `, as of ${formatDate(page.asOf)}` : `, live, ${formatDate(page.today)}`}. Data version{' '}
        <span className="tabular-nums">{page.dataVersion}</span>.
      </p>
    </article>
  );
}
