import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate, formatDayRange, formatDays } from '@/lib/format';
import { daysBetween } from '@/lib/gaps/dates';
import { MIN_PAST_GAPS } from '@/lib/gaps/unusual';
import { EXAMPLE, WorkedExample } from './worked-example';

export const metadata: Metadata = {
  title: 'Methodology',
  description:
    'How Counterpart counts the silences between officials: gaps in calendar days between held contacts, ranges for uncertain and disputed dates, markers for refused calls, and how to cite the numbers.',
};

const SECTIONS = [
  { id: 'example', title: 'The 84-day example' },
  { id: 'pairs', title: 'Pairs at three levels' },
  { id: 'ends', title: 'What ends a silence' },
  { id: 'gaps', title: 'Counting a gap' },
  { id: 'current', title: 'The current silence' },
  { id: 'closed', title: 'When an official leaves office' },
  { id: 'approximate', title: 'Approximate dates' },
  { id: 'disputed', title: 'Disputed dates' },
  { id: 'markers', title: 'Markers inside a gap' },
  { id: 'expected', title: 'Expected and overdue contacts' },
  { id: 'numbers', title: 'The numbers of a pair' },
  { id: 'verification', title: 'Verification' },
  { id: 'cite', title: 'How to cite' },
] as const;

type SectionId = (typeof SECTIONS)[number]['id'];

function Section({ id, children }: { id: SectionId; children: React.ReactNode }) {
  const title = SECTIONS.find((s) => s.id === id)!.title;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="border-rule scroll-mt-6 border-t pt-8">
      <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight sm:text-2xl">
        {title}
      </h2>
      <div className="mt-3 max-w-2xl space-y-4 leading-relaxed">{children}</div>
    </section>
  );
}

/** A worked sum set apart from the text, in tabular figures. */
function Sum({ children }: { children: React.ReactNode }) {
  return <p className="border-history bg-rule/40 rounded-r border-l-2 px-4 py-2.5 tabular-nums">{children}</p>;
}

const LIST = 'list-disc space-y-2 pl-5 marker:text-history';

export default function MethodologyPage() {
  const { defence, military } = EXAMPLE;
  const refused = defence.markers[0];
  const dayOf = (date: string) => `day ${daysBetween(defence.from, date)}`;
  const timeline = [
    { date: defence.from, text: 'Austin and Shoigu speak by phone. A silence begins.' },
    { date: '2022-02-24', text: 'Russia invades Ukraine.' },
    {
      date: '2022-03-01',
      text: 'A deconfliction line between the two militaries is set up and then tested daily. Those tests are not a call between the two ministers, so this pair’s silence goes on.',
    },
    {
      date: refused.date,
      text: 'The Pentagon says Austin and Milley have sought calls that Russia has refused. A refusal is a marker inside the gap; it does not end it.',
    },
    { date: defence.to, text: `Austin and Shoigu speak again: the silence ends at ${formatDays(defence.days)}.` },
  ];

  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_14rem]">
      <article className="min-w-0 space-y-12">
        <header className="max-w-3xl">
          <p className="text-muted text-sm font-medium tracking-wider uppercase">Methodology</p>
          <h1 className="mt-2 text-3xl leading-tight font-semibold tracking-tight text-balance sm:text-4xl">
            How Counterpart counts the silences between officials
          </h1>
          <p className="text-muted mt-4 text-lg leading-relaxed text-pretty">
            Every number on Counterpart — on a pair’s page, on the dashboard, in the API and in every export — comes
            from one set of rules, set out here for readers who cite them. In short: a silence is the number of calendar
            days between two held contacts, and only a contact that took place ends one.
          </p>
        </header>

        <Section id="example">
          <p>
            On {formatDate(defence.to)} US Defense Secretary Lloyd Austin called Russian Defence Minister Sergei Shoigu.
            They had last spoken on {formatDate(defence.from)}, six days before Russia invaded Ukraine. Counterpart
            counts that silence as <strong className="font-semibold">{formatDays(defence.days)}</strong>:
          </p>
          <Sum>
            {formatDate(defence.to)} − {formatDate(defence.from)} = {formatDays(defence.days)}: the 10 remaining days of
            February, 31 of March, 30 of April and 13 of May.
          </Sum>
          <WorkedExample />
          <ol className="divide-rule border-rule divide-y border-b text-sm" aria-label="The 84 days, day by day">
            {timeline.map((t) => (
              <li key={t.date} className="grid gap-x-6 gap-y-0.5 py-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
                <p className="tabular-nums">
                  <time dateTime={t.date} className="font-medium">
                    {formatDate(t.date)}
                  </time>
                  <span className="text-muted block text-xs">{dayOf(t.date)}</span>
                </p>
                <p>{t.text}</p>
              </li>
            ))}
          </ol>
          <p>
            The military chiefs’ silence is less certain. The Joint Chiefs said General Mark Milley and General Valery
            Gerasimov last spoke on {formatDate(military.from)}; The Hill said {formatDate('2022-02-18')}. They spoke
            again on {formatDate(military.to)}, so that gap is shown as{' '}
            <strong className="font-semibold">{formatDayRange(military)}</strong>, never as one of the two numbers alone
            (see <a href="#disputed">disputed dates</a>).
          </p>
        </Section>

        <Section id="pairs">
          <p>
            A <em>pair</em> is two sides from different countries, and Counterpart keeps a history for pairs at three
            levels:
          </p>
          <ul className={LIST}>
            <li>
              <strong className="font-semibold">Officials</strong>: two people, such as Austin and Shoigu.
            </li>
            <li>
              <strong className="font-semibold">Offices</strong>: two offices, whoever held them on the day, such as the
              US Secretary of Defense and the Russian Minister of Defence. Austin–Shoigu and Austin–Belousov are one
              series here. Each participant’s office is the position they held on the contact’s date; a participant with
              no recorded position on that date adds nothing at this level.
            </li>
            <li>
              <strong className="font-semibold">Countries</strong>: any officials of the two countries, such as the
              United States and Russia.
            </li>
          </ul>
          <p>
            A contact counts for every pair of its participants from different countries: a meeting of A and B (US) with
            C and D (Russia) counts for A–C, A–D, B–C and B–D. Two participants from the same country form no pair.
          </p>
        </Section>

        <Section id="ends">
          <p>
            Only a contact that was <strong className="font-semibold">held</strong> — a call, video call, meeting,
            letter, hotline use or other exchange that took place — ends a silence. A contact that was requested,
            refused, scheduled or cancelled does not: it is shown inside the silence as a <a href="#markers">marker</a>.
            A deleted contact counts for nothing.
          </p>
        </Section>

        <Section id="gaps">
          <p>
            The <em>gap</em> between two consecutive held contacts of a pair is the difference of their calendar dates,
            in days. Hours play no part: a call late on one day and another early the next are one day apart. Two
            contacts on the same day give a gap of 0 days, and both are kept.
          </p>
          <p>
            The date that counts is the one the source gives, in the place it was given. A call at 23:30 in Washington
            on 12 May is dated 12 May, although it was already 13 May in UTC; Counterpart stores that instant too, but
            counts the date.
          </p>
        </Section>

        <Section id="current">
          <p>
            The <em>current silence</em> of a pair is today’s date in UTC minus the date of its last held contact. It
            changes at midnight UTC, for every reader at once; each chart’s source line says which day it counted to.
            Pages draw it as an open bar from the last held contact to today, in the one strong colour they use, and
            label it “… and counting”.
          </p>
          <p aria-hidden="true" className="flex max-w-md items-center gap-3 text-sm">
            <span className="relative h-3 flex-1">
              <span className="bg-ink ring-paper absolute top-1/2 left-0 size-3 -translate-y-1/2 rounded-full ring-2" />
              <span className="border-silence absolute inset-y-0 right-0 left-5 rounded-sm border-2" />
            </span>
            <span className="text-silence font-medium whitespace-nowrap">and counting</span>
          </p>
          <p>
            Office and country pairs always run on. Between two officials a silence runs only while both can still talk
            for their countries: see the next section.
          </p>
        </Section>

        <Section id="closed">
          <p>
            At the official level a pair’s silence runs only while both officials hold a recorded position. The day one
            of them leaves office, the silence <em>closes</em>: it becomes the pair’s last gap, from the last held
            contact to the leaving day, marked “closed: … left office”. It is no longer a running silence, so it leads
            no dashboard and has no “and counting”. Sergei Shoigu’s last recorded position is the Ministry of Defence,
            which he left on {formatDate(EXAMPLE.closed.to)}: between him and Lloyd Austin there was no contact in the
            last {formatDays(EXAMPLE.closed.days)} they were both in office; closed when Sergei Shoigu left office on{' '}
            {formatDate(EXAMPLE.closed.to)}.
          </p>
          <p aria-hidden="true" className="flex max-w-md items-center gap-3 text-sm">
            <span className="relative h-3 flex-1">
              <span className="bg-ink ring-paper absolute top-1/2 left-0 size-3 -translate-y-1/2 rounded-full ring-2" />
              <span className="border-history bg-history/30 absolute inset-y-0 right-0 left-5 rounded-sm border-2 border-r-4" />
            </span>
            <span className="text-muted font-medium whitespace-nowrap">closed: left office</span>
          </p>
          <ul className={LIST}>
            <li>
              The leaving day is the end of the official’s last tenure, once no tenure of theirs is running. A tenure
              runs up to the day before its end date (a successor may start on that day), so one that ends today is over
              and one that ends later is still held. An official who left and is back in office today has not left; one
              between two tenures has, until the next begins.
            </li>
            <li>
              An official with no recorded position counts as in office: Counterpart closes a silence only on a recorded
              leaving day.
            </li>
            <li>
              When both officials have left, the earlier departure closes the silence. A leaving day before the pair’s
              last held contact is contradicted by the record (they spoke after it) and is passed over, so a closed
              silence is never negative.
            </li>
            <li>
              The closed silence counts like any gap in the longest, median and mean gap, and is ranked against the gaps
              before it (“longer than its one past gap”).
            </li>
            <li>
              Office and country pairs never close: Austin and Shoigu’s silence closed, but that of the US Secretary of
              Defense and the Russian Minister of Defence runs on with their successors, linked from every official
              pair.
            </li>
          </ul>
        </Section>

        <Section id="approximate">
          <p>
            Some contacts are known only to the month or the year (“they spoke in March”). Such a date counts from the
            first day of its period — 1 March, or 1 January — and every gap touching it is flagged <em>approximate</em>{' '}
            wherever it appears. It also carries its possible range: at the shortest, from the last day the earlier
            contact can have been to the first day the later one can; at the longest, from the first possible day to the
            last.
          </p>
          <Sum>
            A call in March 2022, then one on 13 May 2022: 73 days, counted from 1 March, shown as 43–73 days (from 31
            March at the latest).
          </Sum>
          <p>
            The pages show such a gap as its range; the exports give the count and the range in separate columns (
            <code className="font-mono text-[0.9em]">days</code>,{' '}
            <code className="font-mono text-[0.9em]">min_days</code>,{' '}
            <code className="font-mono text-[0.9em]">max_days</code>,{' '}
            <code className="font-mono text-[0.9em]">approximate</code>). A current silence since such a contact carries
            a range in the same way.
          </p>
        </Section>

        <Section id="disputed">
          <p>
            Reputable sources sometimes date the same contact differently. Counterpart keeps every source with the date
            it claims, records the contact on one of them, and shows the disagreement instead of hiding it. A gap
            touching such a contact carries the range those dates allow, and is flagged <em>disputed</em>.
          </p>
          <Sum>
            Milley and Gerasimov: {formatDate(military.from)} (the Joint Chiefs) or {formatDate('2022-02-18')} (The
            Hill), to {formatDate(military.to)}: {formatDayRange(military)}.
          </Sum>
          <p>
            In an export the gap reads{' '}
            <code className="font-mono text-[0.9em]">
              days {military.days}, min_days {military.minDays}, max_days {military.maxDays}, disputed true
            </code>
            : the count from the recorded date, and the range from every date a source gives.
          </p>
        </Section>

        <Section id="markers">
          <p>
            A contact that was requested, refused, scheduled or cancelled is a <em>marker</em>: it is drawn inside the
            gap it falls in (“Lloyd Austin sought a call — refused”), in the refusal colour, and listed with its
            sources, but the silence runs on through it.
          </p>
          <ul className={LIST}>
            <li>
              A marker on the same day as a held contact belongs to the silence that contact ended: a request answered
              by a call that day sits inside the gap before the call.
            </li>
            <li>A marker after the last held contact sits inside the current silence.</li>
            <li>
              Markers before a pair’s first held contact are listed, but no silence is counted until a first contact was
              held.
            </li>
          </ul>
        </Section>

        <Section id="expected">
          <p>
            A scheduled contact is an <em>expected</em> one (“Milley is expected to call Gerasimov”). When a held
            contact between the same officials is logged, dated up to 30 days before the expected date or any time after
            it, it fulfils it, and the marker reads “a call expected — held {formatDate(military.to)}”. An expected
            contact whose date has passed (by the UTC date) without a held one is <em>overdue</em>: it is marked so on
            its pair’s page and listed on the dashboard.
          </p>
        </Section>

        <Section id="numbers">
          <p>
            For each pair, at each level, Counterpart gives the same numbers on its page, in the API and in exports:
          </p>
          <ul className={LIST}>
            <li>
              <strong className="font-semibold">Held contacts</strong>: how many, with the first and the last.
            </li>
            <li>
              <strong className="font-semibold">Longest gap</strong>, with its dates; if two gaps are equally long, the
              earlier one.
            </li>
            <li>
              <strong className="font-semibold">Median and mean gap</strong> over all past gaps, a closed silence
              included (not the current silence). With an even number of gaps the median is the mean of the middle two;
              the mean is rounded to one decimal place.
            </li>
            <li>
              <strong className="font-semibold">Current silence</strong>, and how it ranks against the pair’s own past
              gaps: “longer than 9 of its 10 past gaps” counts the past gaps strictly shorter than the silence. An
              unusual silence is the news: the dashboard leads with the <em>most unusual</em> running silence, the one
              longest against its own pair’s median past gap (120 days where a pair usually talks every 10 is 12 times
              its median). Only pairs with at least {MIN_PAST_GAPS} past gaps are measured, so a pair with one short gap
              is not “unusual” a week later; when none has that many, the longest running silence leads. A running
              silence longer than every past gap of such a pair is listed among the unusual silences.
            </li>
          </ul>
          <p>
            These figures use each gap’s count (from the recorded dates). Where a gap is approximate or disputed, its
            range is shown beside it, so a reader can see when a ranking depends on which source is right.
          </p>
        </Section>

        <Section id="verification">
          <p>Every contact has at least one source, quoted, and one of three statuses:</p>
          <ul className={LIST}>
            <li>
              <strong className="font-semibold">Unverified</strong>: logged by a researcher, not yet checked by another.
            </li>
            <li>
              <strong className="font-semibold">Verified</strong>: a second researcher, not the one who logged or last
              edited it, has checked it against its sources. Changing anything it states (date, time, type, status,
              participants, sources and the rest) makes it unverified again; only the summary and topics may change
              without that.
            </li>
            <li>
              <strong className="font-semibold">Disputed</strong>: a researcher has marked that its sources disagree.
            </li>
          </ul>
          <p>
            Every contact counts, whatever its status; the status tells readers how far it has been checked. Every
            change is kept in an audit log, with who made it and when.
          </p>
        </Section>

        <Section id="cite">
          <ul className={LIST}>
            <li>
              <strong className="font-semibold">Link to the view you used.</strong> Every pair page is a permalink (
              <code className="font-mono text-[0.9em] wrap-anywhere">/pairs/officials/lloyd-austin/sergei-shoigu</code>
              ), and search filters live in the address, so a filtered list can be linked as it is.
            </li>
            <li>
              <strong className="font-semibold">Use “Cite this”.</strong> Every pair page ends with a reference
              (APA-like and BibTeX) whose permalink adds{' '}
              <code className="font-mono text-[0.9em]">?asOf=YYYY-MM-DD</code>: the pair as it stood at the end of that
              day (UTC), without contacts logged or dated after it, the silence counted to it. Its <em>data version</em>{' '}
              is a hash of the contacts the figures are counted from; if a later correction changes them, the permalink
              shows a different version than the one you cited.
            </li>
            <li>
              <strong className="font-semibold">Say which day you counted to.</strong> A current silence grows by a day
              at every UTC midnight; each chart’s source line names the day (“today = …”). A gap that has ended does not
              change: cite it with its dates, for example{' '}
              {`“${formatDays(defence.days)} without a call, ${formatDate(defence.from)} to ${formatDate(defence.to)} (Counterpart)”.`}
            </li>
            <li>
              <strong className="font-semibold">Keep the export.</strong> Every CSV and JSON export is stamped with the
              time it was made, the filters or pair it was made for, and the date silences were counted to. The chart
              downloads as SVG and PNG with its title and source line.
            </li>
            <li>
              <strong className="font-semibold">Dates.</strong> Pages write dates unambiguously —{' '}
              {formatDate(defence.to)}, or “May 2022” when only the month is known; exports and the{' '}
              <Link href="/api-docs">API</Link> use ISO dates ({defence.to}).
            </li>
          </ul>
        </Section>
      </article>

      <aside className="hidden lg:block">
        <nav aria-label="On this page" className="sticky top-6 text-sm">
          <p className="text-muted mb-3 text-xs font-medium tracking-wider uppercase">On this page</p>
          <ol className="space-y-1.5">
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className="text-muted hover:text-ink no-underline hover:underline">
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      </aside>
    </div>
  );
}
