import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { Suspense, type ComponentProps } from 'react';
import { connection } from 'next/server';
import { CiteThis } from '@/components/cite-this';
import { GapChart } from '@/components/gap-chart';
import { PairGapTable } from '@/components/pair-gap-table';
import { PairHeader } from '@/components/pair-header';
import { PairStats } from '@/components/pair-stats';
import { PairTimeline } from '@/components/pair-timeline';
import { PairTimelineSkeleton } from '@/components/skeleton/pair-skeleton';
import { WatchControl } from '@/components/watches/watch-control';
import {
  buildHeadline,
  buildLevelLinks,
  closedSilenceOf,
  exportHref,
  headlineText,
  leaverName,
  pairChartData,
  pairTitle,
  pairViewInput,
  sideName,
} from '@/components/pair-view';
import { parseAsOf } from '@/lib/cite/as-of';
import { pageOrigin } from '@/lib/cite/origin';
import { citePair, pairEmbedCode } from '@/lib/cite/pair';
import { getPairPage, getPairTimeline, type PairPageData } from '@/lib/data/pair-page';
import { formatDate, formatNumber } from '@/lib/format';
import { todayUtc } from '@/lib/gaps/dates';
import type { PairLevel } from '@/lib/gaps/types';
import { parseCursor, type Cursor } from '@/lib/paging';
import { decodeSegment, LEVEL_SEGMENT, levelFromSegment } from '@/lib/pairs';

const sectionTitle = 'text-muted text-sm font-medium tracking-wider uppercase';

type Props = {
  params: Promise<{ level: string; a: string; b: string }>;
  searchParams: Promise<{ before?: string | string[]; asOf?: string | string[] }>;
};

/**
 * The timeline shows this many contacts at a time, the latest first, with links to older
 * pages: a long record never renders whole in one request.
 */
const TIMELINE_PAGE = 150;

async function load(params: Props['params'], searchParams: Props['searchParams']) {
  const { level: segment, a, b } = await params;
  const level = levelFromSegment(segment);
  // proxy.ts has answered a bad asOf with a 400 already.
  const asOf = parseAsOf((await searchParams).asOf, todayUtc());
  if (level === null || !asOf.ok) return null;
  const refs = [decodeSegment(a), decodeSegment(b)] as const;
  const page = await getPairPage(level, refs[0], refs[1], asOf.asOf);
  return page === null ? null : { level, refs, page };
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const loaded = await load(params, searchParams);
  if (loaded === null) return { title: 'Pair not found' };
  const { level, page } = loaded;
  const headline = buildHeadline(pairViewInput(level, page));
  const silence = page.series.currentSilence;
  const closed = closedSilenceOf(page.series);
  const between = `${sideName(page.a)} and ${sideName(page.b)}`;
  const description = silence
    ? `${headlineText(headline)} between ${between}: the last was on ${formatDate(silence.since)}. Every gap since ${formatDate(page.series.firstContact!.date)}, with sources.`
    : closed
      ? `${headlineText(headline)}, between ${between}: the last was on ${formatDate(closed.from)}. Every gap since ${formatDate(page.series.firstContact!.date)}, with sources.`
      : `${headlineText(headline)} between ${between}. Sought, refused and expected contacts, with sources.`;
  const origin = await pageOrigin();
  const self = new URL(page.canonical, origin);
  if (page.asOf !== null) self.searchParams.set('asOf', page.asOf);
  const oembed = `${origin}/api/oembed?${new URLSearchParams({ url: self.toString(), format: 'json' }).toString()}`;
  return {
    title:
      page.asOf === null ? pairTitle(page.a, page.b) : `${pairTitle(page.a, page.b)}, as of ${formatDate(page.asOf)}`,
    description,
    alternates: {
      canonical: page.canonical,
      types: {
        'application/atom+xml': `/feeds${page.canonical}`,
        // oEmbed discovery (https://oembed.com/#section4): consumers find the embed from the page's address.
        'application/json+oembed': [{ url: oembed, title: pairTitle(page.a, page.b) }],
      },
    },
  };
}

export default async function PairPage({ params, searchParams }: Props) {
  await connection();
  const loaded = await load(params, searchParams);
  if (loaded === null) notFound();
  const { level, refs, page } = loaded;
  const asOf = page.asOf;
  // Merged officials, lower-case codes and swapped spellings all land on one address.
  if (refs[0] !== page.a.ref || refs[1] !== page.b.ref) {
    permanentRedirect(asOf === null ? page.canonical : `${page.canonical}?asOf=${asOf}`);
  }
  const origin = await pageOrigin();
  const citation = citePair(page, { origin, asOf: page.today, accessed: todayUtc() });
  const embedCode = pairEmbedCode(page, { origin, asOf });

  const input = pairViewInput(level, page);
  const headline = buildHeadline(input);
  const levels = buildLevelLinks(input);
  const chart = pairChartData(level, page);
  const subject = `${sideName(page.a)} and ${sideName(page.b)}`;
  const markerCount = page.facts.markerCount;
  const closed = closedSilenceOf(page.series);
  const inner = page.inner.map((group) => ({ ...group, title: group.target === 'OFFICE' ? 'Offices' : 'Officials' }));
  const context = [
    ...page.events.map((e) => ({ id: e.id, date: e.date, title: e.title, url: e.url, kind: 'event' as const })),
    ...page.channels.flatMap((c) => [
      { id: c.id, date: c.establishedOn, title: `${c.name} set up`, url: c.sourceUrl, kind: 'channel' as const },
      ...(c.closedOn
        ? [{ id: `${c.id}-closed`, date: c.closedOn, title: `${c.name} closed`, url: null, kind: 'channel' as const }]
        : []),
    ]),
  ];
  return (
    <article className="space-y-14">
      {asOf !== null && (
        <aside
          aria-label="Permalink"
          className="border-silence bg-silence/5 rounded-r border-l-4 px-4 py-3 text-sm"
          data-testid="as-of-banner"
        >
          <p>
            <strong>This is the pair as it stood on {formatDate(asOf)}</strong>: contacts logged after that day are left
            out, and the silence is counted to it. <Link href={page.canonical}>See the pair today</Link>
          </p>
        </aside>
      )}
      <div>
        <PairHeader level={level} page={page} headline={headline} levels={levels} />
        {asOf === null && (
          <WatchControl level={LEVEL_SEGMENT[level]} a={page.a.ref} b={page.b.ref} path={page.canonical} />
        )}
      </div>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title" className="max-w-3xl text-xl font-semibold tracking-tight text-balance sm:text-2xl">
          {chart.title}
        </h2>
        <p className="text-muted mt-2 mb-5 max-w-3xl text-sm">{chart.subtitle}</p>
        <GapChart
          data={chart}
          exports={[
            { label: 'CSV', description: 'The gaps as CSV', href: exportHref(level, page.a, page.b, 'csv') },
            { label: 'JSON', description: 'The gaps as JSON', href: exportHref(level, page.a, page.b, 'json') },
            {
              label: 'Feed',
              description: 'New contacts of this pair, as an Atom feed',
              href: `/feeds${page.canonical}`,
            },
          ]}
        />
        <p className="text-muted mt-3 text-xs">
          {chart.sourceLine}{' '}
          <Link href="/methodology" className="underline underline-offset-2">
            How gaps are counted
          </Link>
        </p>
        {page.channels.length > 0 && (
          <ul className="text-muted mt-4 space-y-1 text-sm" aria-label={`Standing channels between ${subject}`}>
            {page.channels.map((c) => (
              <li key={c.id}>
                <span className="text-ink font-medium">{c.name}</span>
                {c.closedOn
                  ? `: open from ${formatDate(c.establishedOn)} to ${formatDate(c.closedOn)}`
                  : `: open since ${formatDate(c.establishedOn)}`}
                {c.description && `. ${c.description}`}
                {c.sourceUrl && (
                  <>
                    {' '}
                    <a href={c.sourceUrl} rel="noreferrer">
                      Source
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className={`${sectionTitle} mb-4`}>
          In numbers
        </h2>
        <PairStats
          series={page.series}
          markerCount={markerCount}
          closedBy={closed ? leaverName(closed.closedBy, page.a, page.b) : null}
        />
      </section>

      <section aria-labelledby="table-title">
        <h2 id="table-title" className={`${sectionTitle} mb-4`}>
          Every gap
        </h2>
        <PairGapTable data={chart} subject={subject} />
      </section>

      {inner.map((group) =>
        group.pairs.length > 0 ? (
          <section key={group.target} aria-labelledby={`inner-${group.target}`}>
            <h2 id={`inner-${group.target}`} className={`${sectionTitle} mb-4`}>
              {group.title} in this pair
            </h2>
            <ul className="divide-rule border-rule divide-y border-y text-sm">
              {group.pairs.map((p) => (
                <li key={p.href} className="flex flex-wrap justify-between gap-x-4 py-2.5">
                  <Link href={p.href} className="font-medium">
                    {p.text}
                  </Link>
                  <span className="text-muted tabular-nums">
                    {p.contacts} {p.contacts === 1 ? 'contact' : 'contacts'}, last {formatDate(p.last)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}

      {/* The timeline is read after the rest: the headline, chart and numbers are on screen while it arrives. */}
      <Suspense fallback={<PairTimelineSkeleton />}>
        <TimelineSection
          level={level}
          page={page}
          cursor={parseCursor((await searchParams).before)}
          context={context}
        />
        <CiteThis
          citation={citation}
          asOf={page.today}
          embedCode={embedCode}
          isLive={asOf === null}
          titleClassName={`${sectionTitle} mb-1`}
        />
      </Suspense>
    </article>
  );
}

/** One page of the pair's timeline, read on its own so the page above it streams first. */
async function TimelineSection({
  level,
  page,
  cursor,
  context,
}: {
  level: PairLevel;
  page: PairPageData;
  cursor: Cursor | null;
  context: ComponentProps<typeof PairTimeline>['context'];
}) {
  const asOf = page.asOf;
  const timeline = await getPairTimeline(page.pair, cursor, TIMELINE_PAGE, asOf);
  // encodeURIComponent, not URLSearchParams: the cursor's "~" stays readable in the address (`?before=2022-05-13~id`).
  const timelineHref = (cursor: string) => {
    const query = [
      ...(asOf === null ? [] : [`asOf=${asOf}`]),
      ...(cursor === '' ? [] : [`before=${encodeURIComponent(cursor)}`]),
    ].join('&');
    return `${page.canonical}${query === '' ? '' : `?${query}`}#timeline-title`;
  };
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title" className={`${sectionTitle} mb-1`}>
        Every contact, with its sources
      </h2>
      <p className="text-muted mb-4 text-sm">
        Oldest first, so the record reads in the order it happened.
        {timeline.total > TIMELINE_PAGE && (
          <>
            {' '}
            Contacts {formatNumber(timeline.from)}–{formatNumber(timeline.to)} of {formatNumber(timeline.total)}
            {timeline.newer === null ? ', the latest.' : '.'}
          </>
        )}
      </p>
      <PairTimeline
        level={level}
        contacts={timeline.items}
        series={asOf === null ? { ...page.series, gaps: [...timeline.gaps, ...page.series.gaps] } : page.series}
        today={page.today}
        context={context}
        until={timeline.nextDate ?? undefined}
        nowLabel={asOf === null ? 'today' : 'as of'}
      />
      {(timeline.older !== null || timeline.newer !== null) && (
        <nav
          aria-label="Timeline pages"
          className="border-rule mt-2 flex flex-wrap justify-between gap-x-6 gap-y-2 border-t pt-4 text-sm"
        >
          {timeline.older !== null ? (
            <Link href={timelineHref(timeline.older)}>← Older contacts ({formatNumber(timeline.from - 1)})</Link>
          ) : (
            <span className="text-muted">The first recorded contact</span>
          )}
          {timeline.newer !== null && (
            <span className="flex gap-x-6">
              <Link href={timelineHref(timeline.newer)}>
                Newer contacts ({formatNumber(timeline.total - timeline.to)}) →
              </Link>
              {timeline.newer !== '' && <Link href={timelineHref('')}>Latest</Link>}
            </span>
          )}
        </nav>
      )}
    </section>
  );
}
