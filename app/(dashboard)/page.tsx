import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { ContactList } from '@/components/contact-list';
import { PairCard } from '@/components/pair-card';
import { SilenceChart } from '@/components/silence-chart';
import { SilenceList } from '@/components/silence-list';
import { DashboardAsideSkeleton } from '@/components/skeleton/dashboard-skeleton';
import { WatchesPast } from '@/components/watches/watches-past';
import { getCurrentUser } from '@/lib/auth/session';
import { listLatestContacts, listOverdueExpected } from '@/lib/data/contacts';
import { getDashboard } from '@/lib/data/pairs';
import { listWatches } from '@/lib/data/watches';
import { UNUSUAL_MIN_GAPS } from '@/lib/stats/limits';
import { todayUtc } from '@/lib/gaps/dates';
import { silenceUnusualness } from '@/lib/gaps/unusual';
import type { PairLevel } from '@/lib/gaps/types';
import { formatDate, formatDays, formatNumber } from '@/lib/format';
import { parsePageNumber } from '@/lib/paging';
import { LEVEL_LABEL, LEVEL_SEGMENT, levelFromSegment } from '@/lib/pairs';
import { countryName, isCountryCode } from '@/lib/validation/common';

export const metadata: Metadata = {
  title: { absolute: 'Counterpart — the silences between officials' },
  description:
    'How long since two governments’ officials last spoke? Running silences between officials, offices and countries, with every contact sourced.',
};

/** "12", "2.5": a ratio as the headline reads it, one decimal below 10. */
function formatRatio(ratio: number): string {
  return ratio >= 10 ? formatNumber(Math.floor(ratio)) : (Math.floor(ratio * 10) / 10).toLocaleString('en-GB');
}

type Props = { searchParams: Promise<{ level?: string; country?: string; page?: string | string[] }> };

/** Rows per list, and per page of the list of all pairs: the page stays light with thousands of pairs. */
const LIST_LIMIT = 25;

const LEVELS: PairLevel[] = ['OFFICIAL', 'OFFICE', 'COUNTRY'];

export default async function DashboardPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const level = levelFromSegment(params.level ?? '') ?? 'OFFICIAL';
  const country = params.country?.toUpperCase();
  const countryFilter = country && isCountryCode(country) ? country : undefined;
  const today = todayUtc();

  const page = parsePageNumber(params.page);
  const dashboard = await getDashboard(level, {
    country: countryFilter,
    page,
    pageSize: LIST_LIMIT,
    chartBars: 8,
    today,
  });
  const lead = dashboard.featured;
  // How the headline silence measures against its own pair's past gaps (null when it has too few to measure).
  const leadMeasure = lead ? silenceUnusualness(lead.series) : null;
  const unusual = dashboard.unusual;
  const listPage = { items: dashboard.running.items, page: dashboard.page, pages: dashboard.pages };
  const levelHref = (l: PairLevel) => `/?level=${LEVEL_SEGMENT[l]}${countryFilter ? `&country=${countryFilter}` : ''}`;
  const pageHref = (n: number) => `${levelHref(level)}${n > 1 ? `&page=${n}` : ''}#all-pairs`;
  const firstShown = (listPage.page - 1) * LIST_LIMIT + 1;

  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <div className="min-w-0">
        <p className="text-muted text-sm font-medium tracking-wider uppercase">
          {dashboard.featuredIsUnusual ? 'Most unusual running silence' : 'Longest running silence'}
          {countryFilter && ` · ${countryName(countryFilter)}`}
        </p>
        <h1 className="mt-2 max-w-2xl text-3xl leading-tight font-semibold tracking-tight break-words sm:text-4xl">
          {lead?.series.currentSilence
            ? `${formatDays(lead.series.currentSilence.days)} since ${lead.a.label} and ${lead.b.label} last held a contact`
            : `No silence between ${LEVEL_LABEL[level]} is running`}
        </h1>
        {lead?.series.currentSilence && leadMeasure && lead.series.medianGapDays !== null && (
          <p className="mt-3 max-w-2xl text-lg tabular-nums" data-testid="lead-measure">
            {formatRatio(leadMeasure.ratio)} times the pair’s median gap of {formatDays(lead.series.medianGapDays)}
            {leadMeasure.longest
              ? `, and longer than all ${formatNumber(lead.series.currentSilence.rank.of)} of its past gaps.`
              : '.'}
          </p>
        )}
        <p className="text-muted mt-3 max-w-2xl">
          A silence is the time since a pair last held a contact — a call, meeting, letter or hotline use — counted in
          calendar days. Sought and refused contacts do not end it. Between officials it runs only while both hold
          office: when one of them leaves, it closes, and is no longer listed here.
        </p>

        <nav aria-label="Level" className="border-rule mt-8 flex gap-1 border-b text-sm">
          {LEVELS.map((l) => (
            <Link
              key={l}
              href={levelHref(l)}
              aria-current={l === level ? 'page' : undefined}
              className={`-mb-px border-b-2 px-3 py-2 no-underline ${l === level ? 'border-silence font-medium' : 'text-muted hover:text-ink border-transparent'}`}
            >
              Between {LEVEL_LABEL[l]}
            </Link>
          ))}
        </nav>

        {dashboard.running.total === 0 ? (
          <p className="text-muted mt-8">
            No running silences here.{' '}
            {level === 'OFFICIAL' && (
              <>
                A pair’s silence closed when one of the two left office: the offices they held may still be silent (
                <Link href={levelHref('OFFICE')}>the pairs of offices</Link>).{' '}
              </>
            )}
            {countryFilter ? (
              <Link href={levelHref(level).replace(/&country=.*/, '')}>Show every country</Link>
            ) : (
              <Suspense fallback={null}>
                <DemoDataHint />
              </Suspense>
            )}
          </p>
        ) : (
          <>
            <section className="mt-8" aria-label="Headline chart">
              <SilenceChart
                title="The longest running silences"
                bars={dashboard.chart
                  .filter((p) => p.series.currentSilence)
                  .map((p) => ({
                    label: `${p.a.label} – ${p.b.label}`,
                    days: p.series.currentSilence!.days,
                    medianDays: p.series.medianGapDays,
                    since: formatDate(p.series.currentSilence!.since),
                  }))}
                source={`Source: Counterpart, from sourced contacts. Today is ${formatDate(today)} (UTC).`}
              />
            </section>

            {lead && (
              <section className="border-rule mt-10 border-t pt-8" aria-label="Featured pair">
                <PairCard pair={lead} />
              </section>
            )}

            {unusual.total > 0 && (
              <section className="mt-12" aria-labelledby="unusual">
                <h2 id="unusual" className="text-muted mb-1 text-sm font-medium tracking-wider uppercase">
                  Unusual silences
                </h2>
                <p className="text-muted mb-4 text-sm">
                  Running longer than every past gap of the pair (of {UNUSUAL_MIN_GAPS} or more), the longest against
                  the pair’s median gap first.
                </p>
                <SilenceList pairs={unusual.items} />
                {unusual.total > unusual.items.length && (
                  <p className="text-muted mt-3 text-sm">
                    The {formatNumber(unusual.items.length)} most unusual of {formatNumber(unusual.total)}; every
                    running silence is in the list below.
                  </p>
                )}
              </section>
            )}

            <section className="mt-12" aria-labelledby="all-pairs">
              <h2 id="all-pairs" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
                Running silences between {LEVEL_LABEL[level]}, longest first
              </h2>
              <SilenceList pairs={listPage.items} />
              {listPage.pages > 1 && (
                <nav
                  aria-label="Pages of pairs"
                  className="mt-4 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2 text-sm"
                >
                  <span className="text-muted tabular-nums">
                    Pairs {formatNumber(firstShown)}–{formatNumber(firstShown + listPage.items.length - 1)} of{' '}
                    {formatNumber(dashboard.running.total)}
                  </span>
                  <span className="flex gap-x-6">
                    {listPage.page > 1 && <Link href={pageHref(listPage.page - 1)}>← Longer silences</Link>}
                    {listPage.page < listPage.pages && (
                      <Link href={pageHref(listPage.page + 1)}>Shorter silences →</Link>
                    )}
                  </span>
                </nav>
              )}
            </section>
          </>
        )}
      </div>

      <aside className="space-y-10">
        {/* The side lists are read apart from the headline's figures, which need not wait for them. */}
        <Suspense fallback={<DashboardAsideSkeleton />}>
          <DashboardAside today={today} />
        </Suspense>
      </aside>
    </div>
  );
}

/** The side column: the reader's own watches that passed, overdue expected contacts and the latest contacts. */
async function DashboardAside({ today }: { today: string }) {
  const [latest, overdue, watches] = await Promise.all([
    listLatestContacts(6),
    listOverdueExpected(today),
    // A signed-in reader's own watches (never cached: the response cache answers anonymous requests only).
    getCurrentUser().then((user) => (user === null ? [] : listWatches(user.id, today))),
  ]);
  const watchesPast = watches.filter((watch) => watch.status === 'PAST');
  return (
    <>
      {watches.length > 0 && <WatchesPast watches={watchesPast} total={watches.length} />}
      {overdue.length > 0 && (
        <section aria-labelledby="overdue">
          <h2 id="overdue" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
            Overdue expected contacts
          </h2>
          <ContactList contacts={overdue} />
        </section>
      )}
      <section aria-labelledby="latest">
        <h2 id="latest" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
          Latest contacts
        </h2>
        <ContactList contacts={latest} />
        <p className="mt-4 text-sm">
          <Link href="/search">Search all contacts →</Link>
        </p>
      </section>
    </>
  );
}

/** With no contact at all, how to load the demo data. */
async function DemoDataHint() {
  const latest = await listLatestContacts(1);
  return latest.length === 0 ? (
    <>
      No contacts at all? Load the demo data with <code className="bg-rule rounded px-1">npm run db:seed</code>.
    </>
  ) : null;
}
